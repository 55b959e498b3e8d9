import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chownTree } from './files';
import { run, startProcess, stopPid, waitForPort, type RunAs } from './processes';

/**
 * nginx as the droplet's login user, laid out as on a Debian server but under `<dir>/fs`:
 * fs/etc/nginx/nginx.conf including fs/etc/nginx/sites-enabled/<site>, logs in
 * fs/var/log/nginx. Discovery finds the config path on the master's command line (`ps`).
 */
export interface NginxInstance {
  pid: number;
  confPath: string;
  siteConfPath: string;
  accessLog: string;
  errorLog: string;
  stop(): Promise<void>;
}

export interface NginxOptions {
  label: string;
  dir: string;
  site: string;
  /** The site's config (upstreams and server blocks); `LOG_DIR` is replaced by the log dir. */
  siteConfig: string;
  as: RunAs;
  listen: { host: string; port: number }[];
}

// $request_time (and the upstream's) at the end of each line: what latency charts need.
const LOG_FORMAT =
  "log_format timed '$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent \"$http_referer\" \"$http_user_agent\" $request_time $upstream_response_time';";

export async function startNginx(o: NginxOptions): Promise<NginxInstance> {
  const fs = join(o.dir, 'fs');
  const etc = join(fs, 'etc', 'nginx');
  const logDir = join(fs, 'var', 'log', 'nginx');
  const runDir = join(fs, 'run');
  const temp = join(fs, 'var', 'lib', 'nginx');
  for (const d of [join(etc, 'sites-enabled'), logDir, runDir, temp]) mkdirSync(d, { recursive: true });
  const confPath = join(etc, 'nginx.conf');
  const siteConfPath = join(etc, 'sites-enabled', o.site);
  const accessLog = join(logDir, 'access.log');
  const errorLog = join(logDir, 'error.log');
  writeFileSync(
    confPath,
    `# Opsdeck test fleet: nginx of ${o.label}, run as the login user.
daemon off;
worker_processes 1;
pid ${join(runDir, 'nginx.pid')};
error_log ${errorLog} info;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  sendfile on;
  keepalive_timeout 65;
  server_tokens off;
  ${LOG_FORMAT}
  access_log ${accessLog} timed;
  client_body_temp_path ${temp}/body;
  proxy_temp_path ${temp}/proxy;
  fastcgi_temp_path ${temp}/fastcgi;
  uwsgi_temp_path ${temp}/uwsgi;
  scgi_temp_path ${temp}/scgi;
  include ${join(etc, 'sites-enabled')}/*;
}
`,
  );
  writeFileSync(siteConfPath, o.siteConfig.replaceAll('LOG_DIR', logDir));
  chownTree(fs, o.as.uid, o.as.gid);
  const startupLog = join(logDir, 'startup.log');
  // -e: nginx opens its compiled-in /var/log/nginx/error.log before reading our config.
  const args = ['-p', fs, '-e', errorLog, '-c', confPath];
  await run('/usr/sbin/nginx', [...args, '-t', '-q'], { as: o.as }).catch((err) => {
    throw new Error(`nginx of ${o.label}: configuration test failed: ${(err as Error).message}`);
  });
  const pid = startProcess('/usr/sbin/nginx', args, startupLog, { as: o.as, cwd: fs });
  try {
    for (const l of o.listen) await waitForPort(`nginx of ${o.label}`, l, pid, errorLog);
  } catch (err) {
    await stopPid(pid, 'SIGQUIT');
    throw err;
  }
  return { pid, confPath, siteConfPath, accessLog, errorLog, stop: () => stopPid(pid, 'SIGQUIT') };
}
