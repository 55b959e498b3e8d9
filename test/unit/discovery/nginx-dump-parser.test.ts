import { describe, expect, it } from 'vitest';
import { parseListen, parseNginxDump, proxyTarget } from '../../../src-main/core/discovery/parsers/nginx-dump-parser';
import { fixture } from './fixtures';

describe('nginx -T parser', () => {
  it('reads the server blocks of IA Comercial with file and line', () => {
    const d = parseNginxDump(fixture('nginx-T.ia-comercial.txt'));
    expect(d.ok).toBe(true);
    expect(d.files).toEqual(['/etc/nginx/nginx.conf', '/etc/nginx/mime.types', '/etc/nginx/sites-enabled/ia-comercial']);
    expect(d.servers).toHaveLength(2);
    const [redirect, tls] = d.servers;
    expect(redirect).toMatchObject({ file: '/etc/nginx/sites-enabled/ia-comercial', line: 2, returns: '301 https://$host$request_uri', ssl: false, locations: [] });
    expect(redirect.listens.map((l) => [l.address, l.port])).toEqual([[null, 80], ['::', 80]]);
    expect(tls.serverNames).toEqual(['ia-comercial.example.com', 'www.ia-comercial.example.com']);
    expect(tls.ssl).toBe(true);
    expect(tls.root).toBe('/var/www/ia-comercial/public');
    expect(tls.accessLogs).toEqual(['/var/log/nginx/ia-comercial-access.log']);
    expect(tls.errorLogs).toEqual(['/var/log/nginx/ia-comercial-error.log']);
    expect(tls.locations.map((l) => [l.path, l.proxyPass])).toEqual([
      ['~* \\.(js|css|png|jpg|jpeg|gif|ico|svg)$', null],
      ['/', 'http://localhost:3000'],
      ['/health', 'http://127.0.0.1:3000/health'],
    ]);
  });

  it('reads upstreams and their servers (SERVISTECH)', () => {
    const d = parseNginxDump(fixture('nginx-T.servistech.txt'));
    expect(d.upstreams.map((u) => [u.name, u.servers])).toEqual([
      ['api_backend', ['127.0.0.1:3001 max_fails=3 fail_timeout=30s', '127.0.0.1:3011 max_fails=3 fail_timeout=30s']],
      ['websocket_backend', ['127.0.0.1:3002']],
    ]);
    expect(d.servers[0].accessLogs).toEqual(['/var/log/nginx/api-access.log']);
    expect(d.servers[0].locations.find((l) => l.path === '= /health')?.proxyPass).toBe('http://api_backend/health');
  });

  it('a failed test gives the verdict and no files', () => {
    const d = parseNginxDump(fixture('nginx-T.needs-root.txt'));
    expect(d.ok).toBe(false);
    expect(d.files).toEqual([]);
    expect(d.verdict.at(-1)).toMatch(/test failed/);
  });

  it('parses listen forms and proxy targets', () => {
    expect(parseListen(['127.0.0.2:8443', 'ssl'])).toMatchObject({ address: '127.0.0.2', port: 8443, ssl: true });
    expect(parseListen(['[::]:443', 'ssl', 'http2'])).toMatchObject({ address: '::', port: 443, ssl: true });
    expect(parseListen(['unix:/run/app.sock'])).toMatchObject({ socket: '/run/app.sock', port: null });
    expect(parseListen(['localhost'])).toMatchObject({ address: 'localhost', port: 80 });
    expect(proxyTarget('http://127.0.0.1:3000/api')).toEqual({ scheme: 'http', host: '127.0.0.1', port: 3000 });
    expect(proxyTarget('http://api_backend')).toEqual({ scheme: 'http', host: 'api_backend', port: null });
    expect(proxyTarget('https://[::1]:8443')).toEqual({ scheme: 'https', host: '::1', port: 8443 });
    expect(proxyTarget('127.0.0.1:5432')).toEqual({ scheme: 'tcp', host: '127.0.0.1', port: 5432 });
    expect(proxyTarget('http://$backend')).toBeNull();
  });

  it('handles quotes, comments, nested locations and stream servers', () => {
    const d = parseNginxDump(`# configuration file /x.conf:
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
`);
    expect(d.servers).toHaveLength(2);
    expect(d.servers[0]).toMatchObject({ stream: true, locations: [{ path: '(stream)', proxyPass: '127.0.0.1:5432' }] });
    expect(d.servers[1]).toMatchObject({ stream: false, serverNames: ['a.example.com'] });
    expect(d.servers[1].locations.map((l) => l.path)).toEqual(['/', '/api']);
  });
});
