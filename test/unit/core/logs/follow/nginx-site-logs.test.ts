import { describe, expect, it } from 'vitest';
import { nginxSiteLogs } from '../../../../../src-main/core/logs/sources';

// What `nginx -T` prints: every file behind a "# configuration file …:" line.
const dump = `nginx: the configuration file /etc/nginx/nginx.conf syntax is ok
# configuration file /etc/nginx/nginx.conf:
http {
  log_format timed '$remote_addr - $remote_user [$time_local] "$request" '
                   '$status $body_bytes_sent "$http_referer" "$http_user_agent" $request_time';
  log_format jsonlog escape=json '{"t":"$time_iso8601","s":$status}';
  access_log /var/log/nginx/access.log;
  error_log /var/log/nginx/error.log warn;
  include /etc/nginx/sites-enabled/*;
}
# configuration file /etc/nginx/sites-enabled/shop:
server {
  listen 80;
  server_name shop.example.com www.shop.example.com;
  access_log /var/log/nginx/shop.access.log timed;
  error_log /var/log/nginx/shop.error.log;
}
server {
  listen 80;
  server_name api.example.com;
  access_log /var/log/nginx/api.json.log jsonlog;
}
server {
  listen 80;
  server_name quiet.example.com;
  access_log off;
}
server {
  listen 80;
  server_name syslogged.example.com;
  access_log syslog:server=unix:/dev/log combined;
}
`;

describe('nginxSiteLogs', () => {
  it('gives each site its access log with the body of its log_format, and its error log', () => {
    const sites = nginxSiteLogs(dump);
    const by = (name: string) => sites.find((s) => s.serverNames.includes(name))!;
    expect(by('shop.example.com')).toEqual({
      serverNames: ['shop.example.com', 'www.shop.example.com'],
      accessLog: '/var/log/nginx/shop.access.log',
      logFormat: '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" $request_time',
      errorLog: '/var/log/nginx/shop.error.log',
    });
    // escape=json is an option, not part of the format; the error log is inherited from http.
    expect(by('api.example.com')).toMatchObject({ accessLog: '/var/log/nginx/api.json.log', logFormat: '{"t":"$time_iso8601","s":$status}', errorLog: '/var/log/nginx/error.log' });
    // `off` and syslog targets are not files to follow.
    expect(by('quiet.example.com').accessLog).toBeNull();
    expect(by('syslogged.example.com').accessLog).toBeNull();
  });

  it('gives nothing for output that is not a configuration', () => {
    expect(nginxSiteLogs('nginx: [emerg] open() "/etc/nginx/nginx.conf" failed (13: Permission denied)')).toEqual([]);
  });
});
