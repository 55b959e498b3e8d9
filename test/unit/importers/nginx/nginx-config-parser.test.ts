import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ImportFile } from '../../../../src-main/core/importers/types';
import { describe, expect, it } from 'vitest';
import { parseListen, parseNginxConfig, parseNginxSyntax } from '../../../../src-main/core/importers/nginx';

/** A file of test/fixtures/importers/<format>/, under the path the user would see. */
function fixture(format: string, name: string, path = name): ImportFile {
  return { path, content: readFileSync(resolve(__dirname, '../../../fixtures/importers', format, name), 'utf8') };
}

describe('parseNginxConfig', () => {
  it('reads servers, listen, TLS, logs, locations and upstreams with lines', () => {
    const cfg = parseNginxConfig(fixture('nginx', 'site.conf').content, 'site.conf');
    expect(cfg.issues).toEqual([]);
    expect(cfg.upstreams).toHaveLength(1);
    expect(cfg.upstreams[0]).toMatchObject({ name: 'inventory_app', line: 2, file: 'site.conf' });
    expect(cfg.upstreams[0].servers.map((s) => [s.address, s.port])).toEqual([['127.0.0.1', 5001], ['127.0.0.1', 5002], ['127.0.0.1', 5003]]);
    expect(cfg.servers).toHaveLength(2);
    const [http, https] = cfg.servers;
    expect(http).toMatchObject({ serverNames: ['tuempresa.com', 'www.tuempresa.com'], line: 13, returns: '301 https://$host$request_uri', ssl: null });
    expect(http.listen[0]).toMatchObject({ port: 80, ssl: false, address: null });
    expect(https.listen.map((l) => [l.address, l.port, l.ssl, l.http2])).toEqual([[null, 443, true, true], ['[::]', 443, true, false]]);
    expect(https).toMatchObject({
      root: '/var/www/ia-comercial/public',
      accessLog: '/var/log/nginx/ia-comercial.access.log',
      errorLog: '/var/log/nginx/ia-comercial.error.log',
      ssl: { certificate: '/etc/letsencrypt/live/tuempresa.com/fullchain.pem', certificateKey: '/etc/letsencrypt/live/tuempresa.com/privkey.pem' },
      line: 19,
    });
    expect(https.locations.map((l) => [l.path, l.modifier, l.proxyPass, l.line])).toEqual([
      ['/', null, null, 31],
      ['/api/', null, 'http://localhost:3000', 34],
      ['/inventory/', null, 'http://inventory_app', 39],
      ['\\.(png|jpg){1,2}$', '~*', null, 42],
    ]);
    expect(cfg.includes.map((i) => [i.path, i.line])).toEqual([['snippets/ssl-params.conf', 28], ['/etc/nginx/proxy_params', 29]]);
  });

  it('keeps provenance per original file in nginx -T output', () => {
    const cfg = parseNginxConfig(fixture('nginx', 'dump.txt').content, 'nginx -T');
    expect(cfg.files).toEqual(['/etc/nginx/nginx.conf', '/etc/nginx/sites-enabled/app', '/etc/nginx/sites-enabled/api']);
    expect(cfg.servers.map((s) => [s.file, s.line, s.serverNames[0]])).toEqual([
      ['/etc/nginx/sites-enabled/app', 1, 'app.example.com'],
      ['/etc/nginx/sites-enabled/api', 5, 'api.example.com'],
    ]);
    expect(cfg.upstreams[0]).toMatchObject({ name: 'api', file: '/etc/nginx/sites-enabled/api', line: 1 });
    expect(cfg.servers[0].locations[0]).toMatchObject({ proxyPass: 'http://127.0.0.1:3000', file: '/etc/nginx/sites-enabled/app', line: 4 });
    expect(cfg.includes[0]).toMatchObject({ path: '/etc/nginx/sites-enabled/*', file: '/etc/nginx/nginx.conf', line: 5 });
    expect(cfg.servers[1].listen[0]).toMatchObject({ port: 8443, ssl: true });
    // files included from http { } inherit its settings, as nginx applies them
    expect(cfg.servers.map((x) => x.accessLog)).toEqual(['/var/log/nginx/access.log', '/var/log/nginx/access.log']);
  });

  it('a broken file in a dump is an error for that file; the others still parse', () => {
    const text = '# configuration file /etc/nginx/a.conf:\nserver { listen 81;\n# configuration file /etc/nginx/b.conf:\nserver { listen 82; }\n';
    const cfg = parseNginxConfig(text, 'dump');
    expect(cfg.issues).toEqual([expect.objectContaining({ severity: 'error', file: '/etc/nginx/a.conf', line: 1, column: 1 })]);
    expect(cfg.servers.map((s) => s.listen[0].port)).toEqual([82]);
  });

  it('tokenizes quotes, escapes, comments, ${vars} and template placeholders', () => {
    const r = parseNginxSyntax('a "x;y}" \'q\\\'s\' # c { }\n;\nb ${var}x;\nc {{ name }};\n');
    expect(r.error).toBeNull();
    expect(r.directives.map((d) => [d.name, d.args, d.line])).toEqual([
      ['a', ['x;y}', "q's"], 1],
      ['b', ['${var}x'], 3],
      ['c', ['{{ name }}'], 4],
    ]);
    expect(r.notices[0].message).toMatch(/template placeholder/);
  });

  it('locates structural errors', () => {
    expect(parseNginxSyntax('server {\n  listen 80;\n').error).toMatchObject({ line: 1, column: 1, message: expect.stringMatching(/never closed/) });
    expect(parseNginxSyntax('listen 80;\n  }\n').error).toMatchObject({ line: 2, column: 3, message: expect.stringMatching(/unexpected '}'/) });
    expect(parseNginxSyntax('server {\n  listen 80\n}').error).toMatchObject({ line: 2, column: 3, message: expect.stringMatching(/not terminated/) });
    expect(parseNginxSyntax('a "open;\n').error).toMatchObject({ line: 1, column: 3, message: expect.stringMatching(/unterminated/) });
    expect(parseNginxSyntax('{ a; }').error).toMatchObject({ line: 1, column: 1 });
  });

  // Captured `nginx -T` of the fleet droplets (test/fixtures/discovery), as host discovery reads them.
  const captured = (name: string) => readFileSync(resolve(__dirname, '../../../fixtures/discovery', name), 'utf8');

  it('reads a captured nginx -T (IA Comercial): files, servers with file and line, regex locations', () => {
    const cfg = parseNginxConfig(captured('nginx-T.ia-comercial.txt'), 'nginx -T');
    expect(cfg.issues).toEqual([]);
    expect(cfg.files).toEqual(['/etc/nginx/nginx.conf', '/etc/nginx/mime.types', '/etc/nginx/sites-enabled/ia-comercial']);
    expect(cfg.servers).toHaveLength(2);
    const [redirect, tls] = cfg.servers;
    expect(redirect).toMatchObject({ file: '/etc/nginx/sites-enabled/ia-comercial', line: 2, returns: '301 https://$host$request_uri', ssl: null, locations: [] });
    expect(redirect.listen.map((l) => [l.address, l.port])).toEqual([[null, 80], ['[::]', 80]]);
    expect(tls.serverNames).toEqual(['ia-comercial.example.com', 'www.ia-comercial.example.com']);
    expect(tls.ssl).toMatchObject({ certificate: '/etc/letsencrypt/live/ia-comercial.example.com/fullchain.pem' });
    expect(tls).toMatchObject({ line: 9, root: '/var/www/ia-comercial/public', accessLog: '/var/log/nginx/ia-comercial-access.log', errorLog: '/var/log/nginx/ia-comercial-error.log' });
    expect(tls.locations.map((l) => [l.modifier, l.path, l.proxyPass])).toEqual([
      ['~*', '\\.(js|css|png|jpg|jpeg|gif|ico|svg)$', null],
      [null, '/', 'http://localhost:3000'],
      [null, '/health', 'http://127.0.0.1:3000/health'],
    ]);
  });

  it('reads upstream servers with their parameters and exact-match locations (SERVISTECH)', () => {
    const cfg = parseNginxConfig(captured('nginx-T.servistech.txt'), 'nginx -T');
    expect(cfg.upstreams.map((u) => [u.name, u.servers.map((x) => [x.address, x.port, x.raw])])).toEqual([
      ['api_backend', [['127.0.0.1', 3001, '127.0.0.1:3001'], ['127.0.0.1', 3011, '127.0.0.1:3011']]],
      ['websocket_backend', [['127.0.0.1', 3002, '127.0.0.1:3002']]],
    ]);
    expect(cfg.servers[0].accessLog).toBe('/var/log/nginx/api-access.log');
    expect(cfg.servers[0].locations.find((l) => l.path === '/health')).toMatchObject({ modifier: '=', proxyPass: 'http://api_backend/health' });
  });

  it('parses listen forms', () => {
    const listen = (...args: string[]) => parseListen({ name: 'listen', args, line: 1, column: 1 });
    expect(listen('127.0.0.2:8443', 'ssl')).toMatchObject({ address: '127.0.0.2', port: 8443, ssl: true });
    expect(listen('[::]:443', 'ssl', 'http2')).toMatchObject({ address: '[::]', port: 443, ssl: true, http2: true });
    expect(listen('unix:/run/app.sock')).toMatchObject({ address: 'unix:/run/app.sock', port: null });
    expect(listen('localhost')).toMatchObject({ address: 'localhost', port: 80 });
    expect(listen('*:8080', 'default_server')).toMatchObject({ address: null, port: 8080, defaultServer: true });
  });

  it('handles quotes, comments, nested locations and stream servers', () => {
    const cfg = parseNginxConfig(
      `# configuration file /x.conf:
stream {
  server { listen 6000; proxy_pass 127.0.0.1:5432; }
}
http {
  server {
    server_name "a.example.com"; # comment ; {
    listen 8080;
    location / { location /api { proxy_pass http://127.0.0.1:4000; } }
  }
}
`,
      'nginx -T',
    );
    expect(cfg.issues).toEqual([]);
    expect(cfg.servers).toHaveLength(2);
    expect(cfg.servers[0]).toMatchObject({ stream: true, locations: [{ path: '', proxyPass: '127.0.0.1:5432', line: 2 }] });
    expect(cfg.servers[1]).toMatchObject({ stream: false, serverNames: ['a.example.com'] });
    expect(cfg.servers[1].locations.map((l) => [l.path, l.proxyPass])).toEqual([['/', null], ['/api', 'http://127.0.0.1:4000']]);
  });
});
