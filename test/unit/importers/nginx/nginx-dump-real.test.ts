import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseNginxConfig } from '../../../../src-main/core/importers/nginx';

/**
 * Host discovery feeds parseNginxConfig the output of `nginx -T`. Here the real nginx writes that
 * output for a small configuration (it only tests the configuration; no server is started).
 */

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
const dir = mkdtempSync(join(tmpdir(), 'opsdeck-nginx-T-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!NGINX)('parseNginxConfig on real `nginx -T` output', () => {
  it('finds every file, site and upstream with the original file and line', () => {
    mkdirSync(join(dir, 'conf/sites'), { recursive: true });
    mkdirSync(join(dir, 'logs'));
    const mime = existsSync('/etc/nginx/mime.types') ? 'include /etc/nginx/mime.types;' : '';
    writeFileSync(
      join(dir, 'conf/nginx.conf'),
      `pid ${dir}/nginx.pid;\nerror_log ${dir}/logs/error.log;\nevents { worker_connections 16; }\nhttp {\n    ${mime}\n    access_log ${dir}/logs/access.log;\n    include sites/*.conf;\n}\n`,
    );
    writeFileSync(
      join(dir, 'conf/sites/app.conf'),
      '# the app\nupstream api {\n    server 127.0.0.1:3001;\n    server 127.0.0.1:3002;\n}\nserver {\n    listen 127.0.0.1:18080;\n    server_name app.test "quoted.test";\n    location / { proxy_pass http://127.0.0.1:3000; }\n    location /api/ { proxy_pass http://api; }\n}\n',
    );
    const dump = execFileSync(NGINX!, ['-T', '-p', dir, '-c', join(dir, 'conf/nginx.conf')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 10_000 });
    const cfg = parseNginxConfig(dump, 'nginx -T');
    expect(cfg.issues).toEqual([]);
    expect(cfg.files).toContain(join(dir, 'conf/nginx.conf'));
    expect(cfg.files).toContain(join(dir, 'conf/sites/app.conf'));
    expect(cfg.servers).toHaveLength(1);
    expect(cfg.servers[0]).toMatchObject({
      file: join(dir, 'conf/sites/app.conf'),
      line: 6,
      serverNames: ['app.test', 'quoted.test'],
      listen: [expect.objectContaining({ address: '127.0.0.1', port: 18080, ssl: false })],
    });
    expect(cfg.servers[0].locations.map((l) => [l.proxyPass, l.line])).toEqual([['http://127.0.0.1:3000', 9], ['http://api', 10]]);
    expect(cfg.upstreams).toEqual([expect.objectContaining({ name: 'api', line: 2, servers: [expect.objectContaining({ port: 3001, line: 3 }), expect.objectContaining({ port: 3002, line: 4 })] })]);
    expect(cfg.includes.find((i) => i.path === 'sites/*.conf')).toMatchObject({ file: join(dir, 'conf/nginx.conf') });
  });
});
