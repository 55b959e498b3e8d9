import type { ConnectionOptions } from 'node:tls';
import { Redis } from 'ioredis';
import type { Service } from '../../contract/inventory';
import { AppError } from '../../contract/errors';
import type { Endpoint } from './service-endpoint';
import type { MetricPoint } from './series-store';

/** Redis `INFO` text → field map (`# Section` lines and blanks skipped). */
export function parseRedisInfo(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    if (!line || line.startsWith('#')) continue;
    const i = line.indexOf(':');
    if (i > 0) out.set(line.slice(0, i), line.slice(i + 1).trim());
  }
  return out;
}

interface Prev {
  at: number;
  commands: number;
  hits: number;
  misses: number;
  evicted: number;
}

type Conn = { client: Redis; sig: string; lastError: Error | null };

function redisError(s: Service, e: Endpoint, err: unknown): AppError {
  if (err instanceof AppError) return err;
  const msg = err instanceof Error ? err.message : String(err);
  const where = `${e.host}:${e.port}${e.tunnel ? ' (through the host’s SSH connection)' : ''}`;
  if (/WRONGPASS|NOAUTH|invalid password|invalid username/i.test(msg)) {
    return new AppError('FORBIDDEN', `Redis refused the login of ${s.name}: ${msg.split('\n')[0]}`, 'Check the password (and user) of the service’s credential.');
  }
  return new AppError('REMOTE_COMMAND_FAILED', `Redis ${s.name} at ${where}: ${msg.split('\n')[0]}`, 'Check the service’s address, port, URL and that Redis is running.');
}

/**
 * Redis through `ioredis` (TLS for `rediss://` URLs): one connection per service kept between
 * polls. Used memory, clients, ops/s, hit ratio and evictions from `INFO` deltas, persistence
 * as values (last RDB save ok = 1, AOF on = 1), and the time of a `PING`.
 */
export class RedisCollector {
  private readonly conns = new Map<string, Conn>();
  private readonly prev = new Map<string, Prev>();

  constructor(private readonly now: () => number = Date.now) {}

  private async client(s: Service, e: Endpoint, port: number, tlsOptions?: ConnectionOptions): Promise<Redis> {
    const sig = JSON.stringify([port, e.host, e.user, e.password, e.tls, e.servername]);
    const have = this.conns.get(s.id);
    if (have && have.sig === sig && have.client.status === 'ready') return have.client;
    if (have) this.drop(s.id);
    const client = new Redis({
      host: e.tunnel ? '127.0.0.1' : e.host,
      port,
      username: e.user ?? undefined,
      password: e.password ?? undefined,
      tls: e.tls ? (tlsOptions ?? {}) : undefined,
      lazyConnect: true,
      connectTimeout: 10_000,
      commandTimeout: 10_000,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
      connectionName: 'opsdeck-metrics',
    });
    const conn: Conn = { client, sig, lastError: null };
    // ioredis reports the server's reply (WRONGPASS…) here and rejects connect() with "Connection is closed".
    client.on('error', (err: Error) => (conn.lastError = err));
    this.conns.set(s.id, conn);
    try {
      await client.connect();
    } catch (err) {
      throw conn.lastError ?? err;
    }
    return client;
  }

  drop(serviceId: string): void {
    const c = this.conns.get(serviceId);
    this.conns.delete(serviceId);
    if (c) c.client.disconnect();
  }

  closeAll(): void {
    for (const id of [...this.conns.keys()]) this.drop(id);
    this.prev.clear();
  }

  /** `tlsOptions`: CAs and identity check for `rediss://` (service-collectors.ts). */
  async collect(s: Service, e: Endpoint, port: number, tlsOptions?: ConnectionOptions): Promise<MetricPoint[]> {
    try {
      const client = await this.client(s, e, port, tlsOptions);
      const t0 = performance.now();
      await client.ping();
      const latency = performance.now() - t0;
      const info = parseRedisInfo(await client.info());
      const at = this.now();
      const num = (k: string) => {
        const v = Number(info.get(k));
        return Number.isFinite(v) ? v : null;
      };
      const out: MetricPoint[] = [{ key: 'redis.latency', v: latency }];
      const add = (key: string, v: number | null) => v !== null && out.push({ key, v });
      add('redis.memory', num('used_memory'));
      add('redis.clients', num('connected_clients'));
      const cur: Prev = { at, commands: num('total_commands_processed') ?? 0, hits: num('keyspace_hits') ?? 0, misses: num('keyspace_misses') ?? 0, evicted: num('evicted_keys') ?? 0 };
      const before = this.prev.get(s.id);
      this.prev.set(s.id, cur);
      if (before && cur.commands >= before.commands && at > before.at) {
        const dt = (at - before.at) / 1000;
        add('redis.ops', (cur.commands - before.commands) / dt);
        add('redis.evicted', Math.max(0, cur.evicted - before.evicted));
        const dh = cur.hits - before.hits;
        const dm = cur.misses - before.misses;
        if (dh + dm > 0) add('redis.hit_ratio', (dh / (dh + dm)) * 100);
        else if (cur.hits + cur.misses > 0) add('redis.hit_ratio', (cur.hits / (cur.hits + cur.misses)) * 100);
      } else {
        add('redis.ops', num('instantaneous_ops_per_sec'));
        if (cur.hits + cur.misses > 0) add('redis.hit_ratio', (cur.hits / (cur.hits + cur.misses)) * 100);
      }
      const rdb = info.get('rdb_last_bgsave_status');
      if (rdb) add('redis.rdb_ok', rdb === 'ok' ? 1 : 0);
      add('redis.aof_enabled', num('aof_enabled'));
      return out;
    } catch (err) {
      this.drop(s.id);
      throw redisError(s, e, err);
    }
  }
}
