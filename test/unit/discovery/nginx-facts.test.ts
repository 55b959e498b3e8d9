import { describe, expect, it } from 'vitest';
import { nginxFacts, proxyTarget } from '../../../src-main/core/discovery/parsers/nginx-facts';
import { splitSections } from '../../../src-main/core/discovery/discovery-script';
import { interpretScan } from '../../../src-main/core/discovery/interpret-scan';
import { fixture } from './fixtures';
import { NONCE, scriptOutput } from './scan-output';

/** The configuration is read by the importers' parseNginxConfig (tested in test/unit/importers/nginx); here, what discovery adds. */
describe('nginx -T facts', () => {
  it('IA Comercial: verdict, files, sites with file and line as the draft builder reads them', () => {
    const d = nginxFacts(fixture('nginx-T.ia-comercial.txt'));
    expect(d.ok).toBe(true);
    expect(d.verdict).toHaveLength(2);
    expect(d.errors).toEqual([]);
    expect(d.files).toEqual(['/etc/nginx/nginx.conf', '/etc/nginx/mime.types', '/etc/nginx/sites-enabled/ia-comercial']);
    expect(d.servers).toHaveLength(2);
    const [redirect, tls] = d.servers;
    expect(redirect).toMatchObject({ file: '/etc/nginx/sites-enabled/ia-comercial', line: 2, returns: '301 https://$host$request_uri', ssl: false, locations: [] });
    expect(redirect.listens.map((l) => [l.port, l.raw])).toEqual([[80, '80'], [80, '[::]:80']]);
    // logs set in http { } apply to the server blocks that set none
    expect(redirect).toMatchObject({ accessLogs: ['/var/log/nginx/access.log'], errorLogs: ['/var/log/nginx/error.log'] });
    expect(tls.serverNames).toEqual(['ia-comercial.example.com', 'www.ia-comercial.example.com']);
    expect(tls).toMatchObject({ line: 9, ssl: true, root: '/var/www/ia-comercial/public' });
    expect(tls.accessLogs).toEqual(['/var/log/nginx/ia-comercial-access.log']);
    expect(tls.errorLogs).toEqual(['/var/log/nginx/ia-comercial-error.log']);
    expect(tls.locations.map((l) => [l.path, l.proxyPass])).toEqual([
      ['~* \\.(js|css|png|jpg|jpeg|gif|ico|svg)$', null],
      ['/', 'http://localhost:3000'],
      ['/health', 'http://127.0.0.1:3000/health'],
    ]);
  });

  it('SERVISTECH: upstreams as host and port pairs, exact-match locations keep their "="', () => {
    const d = nginxFacts(fixture('nginx-T.servistech.txt'));
    expect(d.upstreams.map((u) => [u.name, u.servers])).toEqual([
      ['api_backend', [{ host: '127.0.0.1', port: 3001 }, { host: '127.0.0.1', port: 3011 }]],
      ['websocket_backend', [{ host: '127.0.0.1', port: 3002 }]],
    ]);
    expect(d.servers[0].accessLogs).toEqual(['/var/log/nginx/api-access.log']);
    expect(d.servers[0].locations.find((l) => l.path === '= /health')?.proxyPass).toBe('http://api_backend/health');
  });

  it('a failed test gives the verdict and no files', () => {
    const d = nginxFacts(fixture('nginx-T.needs-root.txt'));
    expect(d.ok).toBe(false);
    expect(d.files).toEqual([]);
    expect(d.servers).toEqual([]);
    expect(d.errors).toEqual([]);
    expect(d.verdict.at(-1)).toMatch(/test failed/);
  });

  it('maps stream servers, "_", access_log off, other passes, unix and IPv6 upstream servers, TLS by listen', () => {
    const d = nginxFacts(`nginx: configuration file /etc/nginx/nginx.conf test is successful
# configuration file /etc/nginx/nginx.conf:
stream {
  server { listen 6000; proxy_pass 127.0.0.1:5432; }
}
http {
  ssl_certificate /etc/ssl/wild.pem;
  upstream mixed { server unix:/run/app.sock; server [::1]:8080; server backend; }
  server {
    listen 80 default_server;
    server_name _;
    access_log off;
    location /php { fastcgi_pass unix:/run/php.sock; }
    location / { proxy_pass http://mixed; }
  }
  server { listen 8443; ssl on; server_name b.example.com; }
}
`);
    expect(d.ok).toBe(true);
    expect(d.servers[0]).toMatchObject({ stream: true, locations: [{ path: '(stream)', proxyPass: '127.0.0.1:5432', line: 2 }] });
    // a certificate inherited from http { } does not make a plain :80 server speak TLS
    expect(d.servers[1]).toMatchObject({ serverNames: [], accessLogs: [], ssl: false });
    expect(d.servers[1].locations.map((l) => l.proxyPass)).toEqual(['fastcgi_pass unix:/run/php.sock', 'http://mixed']);
    expect(d.servers[2]).toMatchObject({ serverNames: ['b.example.com'], ssl: true });
    expect(d.upstreams[0].servers).toEqual([{ host: '::1', port: 8080 }, { host: 'backend', port: 80 }]);
  });

  it('a file nginx -T printed that cannot be read is an error for that file; the others still count', () => {
    const d = nginxFacts('# configuration file /etc/nginx/a.conf:\nserver { listen 81;\n# configuration file /etc/nginx/b.conf:\nserver { listen 82; }\n');
    expect(d.errors).toEqual([expect.objectContaining({ severity: 'error', file: '/etc/nginx/a.conf', line: 1 })]);
    expect(d.servers.map((s) => s.listens[0].port)).toEqual([82]);
    const scan = interpretScan(splitSections(scriptOutput({ tools: { text: 'nginx /usr/sbin/nginx', code: 0 }, nginx: { text: '# configuration file /etc/nginx/a.conf:\nserver { listen 81;\n', code: 0 } }), NONCE));
    expect(scan.warnings).toContainEqual(expect.objectContaining({ severity: 'warning', format: 'discovery', file: '/etc/nginx/a.conf', line: 1, message: expect.stringMatching(/^Could not read this nginx file \(.*never closed.*\); its sites are not in the draft\.$/) }));
  });

  it('proxy targets', () => {
    expect(proxyTarget('http://127.0.0.1:3000/api')).toEqual({ scheme: 'http', host: '127.0.0.1', port: 3000 });
    expect(proxyTarget('http://api_backend')).toEqual({ scheme: 'http', host: 'api_backend', port: null });
    expect(proxyTarget('https://[::1]:8443')).toEqual({ scheme: 'https', host: '::1', port: 8443 });
    expect(proxyTarget('127.0.0.1:5432')).toEqual({ scheme: 'tcp', host: '127.0.0.1', port: 5432 });
    expect(proxyTarget('http://$backend')).toBeNull();
    expect(proxyTarget('fastcgi_pass unix:/run/php.sock')).toBeNull();
  });
});
