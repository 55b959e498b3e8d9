import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chownTree } from './files';
import { startProcess, stopPid, waitForPort, type RunAs } from './processes';

/** Redis 7 as the login user: loopback only, a password, no persistence (tests own the data). */
export interface RedisInstance {
  pid: number;
  port: number;
  password: string;
  /** The TLS port when started with `tls` (same password), else undefined. */
  tlsPort?: number;
  confPath: string;
  logFile: string;
  stop(): Promise<void>;
}

/** Redis's own TLS listener next to the plain port; clients are not asked for a certificate. */
export interface RedisTlsOptions {
  port: number;
  certFile: string;
  keyFile: string;
  caFile: string;
}

export async function startRedis(o: { dir: string; port: number; password: string; as: RunAs; tls?: RedisTlsOptions }): Promise<RedisInstance> {
  mkdirSync(o.dir, { recursive: true });
  const confPath = join(o.dir, 'redis.conf');
  const logFile = join(o.dir, 'redis.log');
  writeFileSync(
    confPath,
    [
      'bind 127.0.0.1',
      `port ${o.port}`,
      `dir ${o.dir}`,
      'save ""',
      'appendonly no',
      'daemonize no',
      `pidfile ${join(o.dir, 'redis.pid')}`,
      `requirepass ${o.password}`,
      'maxmemory 64mb',
      'maxmemory-policy allkeys-lru',
      'loglevel notice',
      ...(o.tls
        ? [`tls-port ${o.tls.port}`, `tls-cert-file ${o.tls.certFile}`, `tls-key-file ${o.tls.keyFile}`, `tls-ca-cert-file ${o.tls.caFile}`, 'tls-auth-clients no']
        : []),
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  chownTree(o.dir, o.as.uid, o.as.gid);
  const pid = startProcess('/usr/bin/redis-server', [confPath], logFile, { as: o.as, cwd: o.dir });
  try {
    await waitForPort('Redis', { host: '127.0.0.1', port: o.port }, pid, logFile);
    if (o.tls) await waitForPort('Redis (TLS)', { host: '127.0.0.1', port: o.tls.port }, pid, logFile);
  } catch (err) {
    await stopPid(pid);
    throw err;
  }
  return { pid, port: o.port, tlsPort: o.tls?.port, password: o.password, confPath, logFile, stop: () => stopPid(pid) };
}
