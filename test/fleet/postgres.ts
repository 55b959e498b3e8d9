import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chownTree } from './files';
import { run, stopPid, track, waitForPort, type RunAs } from './processes';

/**
 * PostgreSQL 15 as the droplet's login user (initdb refuses root), TCP on 127.0.0.1 only and
 * a unix socket in its own dir. Superuser `postgres` and an app role own the database; TCP
 * logins use SCRAM passwords as on a server, the socket trusts local users.
 */
export interface PostgresInstance {
  port: number;
  socketDir: string;
  dataDir: string;
  logFile: string;
  superuser: string;
  superuserPassword: string;
  pid(): number | undefined;
  psql(sql: string, db?: string): Promise<string>;
  stop(): Promise<void>;
}

const BIN = '/usr/lib/postgresql/15/bin';

export async function startPostgres(o: { dir: string; port: number; as: RunAs; superuserPassword: string }): Promise<PostgresInstance> {
  const dataDir = join(o.dir, 'data');
  const socketDir = join(o.dir, 'socket');
  const logFile = join(o.dir, 'postgresql.log');
  mkdirSync(socketDir, { recursive: true });
  const pwFile = join(o.dir, 'pwfile');
  writeFileSync(pwFile, `${o.superuserPassword}\n`, { mode: 0o600 });
  chownTree(o.dir, o.as.uid, o.as.gid);
  await run(`${BIN}/initdb`, ['-D', dataDir, '-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256', `--pwfile=${pwFile}`, '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'], { as: o.as });
  rmSync(pwFile);
  const options = [`-p ${o.port}`, `-k ${socketDir}`, '-c listen_addresses=127.0.0.1', '-c fsync=off', '-c shared_preload_libraries=pg_stat_statements', '-c log_min_duration_statement=200', "-c log_line_prefix='%m [%p] %q%u@%d '"].join(' ');
  const pid = () => {
    try {
      return Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]) || undefined;
    } catch {
      return undefined;
    }
  };
  try {
    await run(`${BIN}/pg_ctl`, ['-D', dataDir, '-l', logFile, '-w', '-t', '30', '-o', options, 'start'], { as: o.as });
  } catch (err) {
    throw new Error(`PostgreSQL did not start: ${(err as Error).message}\n${readTail(logFile)}`);
  }
  const postmaster = pid();
  if (postmaster) track(postmaster);
  await waitForPort('PostgreSQL', { host: '127.0.0.1', port: o.port }, postmaster, logFile);
  const psql = async (sql: string, db = 'postgres') =>
    (await run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-At', '-h', socketDir, '-p', String(o.port), '-U', 'postgres', '-d', db, '-c', sql], { as: o.as })).stdout;
  return {
    port: o.port,
    socketDir,
    dataDir,
    logFile,
    superuser: 'postgres',
    superuserPassword: o.superuserPassword,
    pid,
    psql,
    // SIGINT is PostgreSQL's "fast" shutdown: sessions are ended, nothing left running.
    stop: () => stopPid(pid() ?? postmaster, 'SIGINT', 10_000),
  };
}

function readTail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '(no log)';
  }
}
