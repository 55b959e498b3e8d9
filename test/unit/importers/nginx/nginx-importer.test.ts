import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ImportFile } from '../../../../src-main/core/importers/types';
import { describe, expect, it } from 'vitest';
import { DraftLink, DraftService } from '../../../../src-main/contract';
import { nginxImporter } from '../../../../src-main/core/importers/nginx';

/** A file of test/fixtures/importers/<format>/, under the path the user would see. */
function fixture(format: string, name: string, path = name): ImportFile {
  return { path, content: readFileSync(resolve(__dirname, '../../../fixtures/importers', format, name), 'utf8') };
}

describe('nginx importer', () => {
  it('detects nginx configs by name, folder and content', () => {
    expect(nginxImporter.detect(fixture('nginx', 'site.conf'))).toBe(true);
    expect(nginxImporter.detect({ path: 'etc/nginx/sites-available/shop', content: 'server {\n listen 80;\n}' })).toBe(true);
    expect(nginxImporter.detect({ path: 'docker-compose.yml', content: 'services: {}' })).toBe(false);
    expect(nginxImporter.detect({ path: 'notes.conf', content: 'key = value' })).toBe(false);
    expect(nginxImporter.detect(fixture('nginx', 'dump.txt', 'web-1-nginx-T.txt'))).toBe(true);
  });

  it('makes one nginx-site per server and links to what it proxies', () => {
    const part = nginxImporter.parse(fixture('nginx', 'site.conf'), []);
    expect(part.errors).toEqual([]);
    part.services.forEach((s) => DraftService.parse(s));
    part.links.forEach((l) => DraftLink.parse(l));
    const sites = part.services.filter((s) => s.kind === 'nginx-site');
    expect(sites.map((s) => [s.key, s.config.port, s.source.line])).toEqual([
      ['nginx:tuempresa.com:80', 80, 13],
      ['nginx:tuempresa.com:443', 443, 19],
    ]);
    const tls = sites[1];
    expect(tls.config.serverNames).toEqual(['tuempresa.com']);
    expect(tls.notes).toMatch(/TLS: certificate \/etc\/letsencrypt\/live\/tuempresa.com\/fullchain.pem/);
    expect(tls.notes).toMatch(/access log: \/var\/log\/nginx\/ia-comercial.access.log/);
    expect(tls.notes).toMatch(/root: \/var\/www\/ia-comercial\/public/);
    expect(sites[0].notes).toMatch(/returns 301/);

    const local = part.services.find((s) => s.key === 'local-port:3000');
    expect(local).toMatchObject({ name: 'localhost:3000', kind: 'http-endpoint', config: { port: 3000 } });
    const upstream = part.services.find((s) => s.key === 'nginx-upstream:inventory_app');
    expect(upstream).toMatchObject({ name: 'upstream inventory_app', config: { replicas: 3 }, source: { line: 2 } });
    expect(part.links.map((l) => [l.fromKey, l.toKey, l.kind, l.source.line])).toEqual([
      ['nginx:tuempresa.com:443', 'local-port:3000', 'proxies-to', 34],
      ['nginx:tuempresa.com:443', 'nginx-upstream:inventory_app', 'proxies-to', 39],
    ]);
  });

  it('warns about includes it did not follow, unless the file is among the siblings', () => {
    const alone = nginxImporter.parse(fixture('nginx', 'site.conf'), []);
    expect(alone.warnings).toEqual([expect.objectContaining({ severity: 'warning', line: 28, message: 'include not followed: snippets/ssl-params.conf (add that file to the import to read it)' })]);
    const withSibling = nginxImporter.parse(fixture('nginx', 'site.conf'), [{ path: 'nginx/snippets/ssl-params.conf', content: 'ssl_protocols TLSv1.3;' }]);
    expect(withSibling.warnings).toEqual([]);
  });

  it('keeps the original file of each item of an nginx -T dump', () => {
    const part = nginxImporter.parse(fixture('nginx', 'dump.txt', 'nginx-T.txt'), []);
    const app = part.services.find((s) => s.key === 'nginx:app.example.com:80');
    expect(app?.source).toEqual({ file: '/etc/nginx/sites-enabled/app', line: 1 });
    expect(part.services.find((s) => s.key === 'nginx-upstream:api')).toMatchObject({ config: { replicas: 2, port: 8080 } });
    expect(part.warnings.map((w) => [w.file, w.line])).toEqual([['/etc/nginx/nginx.conf', 5]]);
  });

  it('a broken file gives exactly one located error and nothing else', () => {
    const part = nginxImporter.parse(fixture('nginx', 'broken.conf'), []);
    expect(part.errors).toEqual([{ severity: 'error', format: 'nginx', file: 'broken.conf', line: 1, column: 1, message: expect.stringMatching(/'server' block opened here is never closed/) }]);
    expect([part.services, part.links, part.warnings, part.envVars, part.hosts]).toEqual([[], [], [], [], []]);
  });

  it('does not follow proxy targets computed from variables', () => {
    const part = nginxImporter.parse({ path: 'x.conf', content: 'server {\n listen 80;\n location / { proxy_pass http://$backend; }\n}\n' }, []);
    expect(part.links).toEqual([]);
    expect(part.warnings).toEqual([expect.objectContaining({ line: 3, message: expect.stringMatching(/computed from a variable/) })]);
  });
});
