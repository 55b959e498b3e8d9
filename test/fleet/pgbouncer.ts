import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chownTree } from './files';
import { startProcess, stopPid, waitForPort, type RunAs } from './processes';

/** PgBouncer in front of the droplet's PostgreSQL, transaction pooling as in the seed's compose. */
export interface PgBouncerInstance {
  pid: number;
  port: number;
  iniPath: string;
  logFile: string;
  stop(): Promise<void>;
}

export async function startPgBouncer(o: {
  dir: string;
  port: number;
  postgresPort: number;
  database: string;
  user: string;
  password: string;
  as: RunAs;
}): Promise<PgBouncerInstance> {
  mkdirSync(o.dir, { recursive: true });
  const iniPath = join(o.dir, 'pgbouncer.ini');
  const logFile = join(o.dir, 'pgbouncer.log');
  const userlist = join(o.dir, 'userlist.txt');
  // A plain password in userlist lets PgBouncer answer SCRAM and log in to PostgreSQL with it.
  writeFileSync(userlist, `"${o.user}" "${o.password}"\n`, { mode: 0o600 });
  writeFileSync(
    iniPath,
    `[databases]
${o.database} = host=127.0.0.1 port=${o.postgresPort} dbname=${o.database}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${o.port}
unix_socket_dir = ${o.dir}
auth_type = scram-sha-256
auth_file = ${userlist}
admin_users = ${o.user}
stats_users = ${o.user}
pool_mode = transaction
max_client_conn = 200
default_pool_size = 20
logfile = ${logFile}
pidfile = ${join(o.dir, 'pgbouncer.pid')}
`,
    { mode: 0o600 },
  );
  chownTree(o.dir, o.as.uid, o.as.gid);
  // Foreground (no -d): the PID we hold is PgBouncer's; it refuses to run as root anyway.
  const pid = startProcess('/usr/sbin/pgbouncer', [iniPath], join(o.dir, 'pgbouncer.stderr.log'), { as: o.as, cwd: o.dir });
  try {
    await waitForPort('PgBouncer', { host: '127.0.0.1', port: o.port }, pid, logFile);
  } catch (err) {
    await stopPid(pid);
    throw err;
  }
  return { pid, port: o.port, iniPath, logFile, stop: () => stopPid(pid, 'SIGINT') };
}
