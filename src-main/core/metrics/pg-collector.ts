import type { ConnectionOptions } from 'node:tls';
import pg from 'pg';
import type { Service } from '../../contract/inventory';
import type { PgStatements } from '../../contract/metrics';
import { AppError } from '../../contract/errors';
import type { Endpoint } from './service-endpoint';
import type { MetricPoint } from './series-store';

/** One round trip (simple query protocol, several statements) for the per-poll figures. */
const STATS_SQL = `
SELECT count(*)::int AS n, current_setting('max_connections')::int AS max FROM pg_stat_activity;
SELECT coalesce(sum(xact_commit + xact_rollback), 0)::float8 AS xact, coalesce(sum(blks_hit), 0)::float8 AS hit,
       coalesce(sum(blks_read), 0)::float8 AS read, coalesce(sum(deadlocks), 0)::float8 AS deadlocks FROM pg_stat_database;
SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted;
SELECT datname, pg_database_size(datname)::float8 AS size FROM pg_database
 WHERE datallowconn AND NOT datistemplate AND has_database_privilege(datname, 'CONNECT');`;

const STATEMENTS_SQL = (total: string, mean: string) =>
  `SELECT query, calls::float8 AS calls, ${total}::float8 AS total, ${mean}::float8 AS mean, rows::float8 AS rows
   FROM pg_stat_statements WHERE query IS NOT NULL ORDER BY ${total} DESC LIMIT 25`;

interface Prev {
  at: number;
  xact: number;
  hit: number;
  read: number;
  deadlocks: number;
}

type Conn = { client: pg.Client; sig: string; ready: Promise<void> };

/** `pg` errors carry a SQLSTATE `code`; only the message text reaches the user (never the connection string). */
function pgError(s: Service, e: Endpoint, err: unknown): AppError {
  if (err instanceof AppError) return err;
  const code = (err as { code?: string }).code;
  const msg = err instanceof Error ? err.message : String(err);
  const where = `${e.host}:${e.port}${e.tunnel ? ' (through the host’s SSH connection)' : ''}`;
  if (code === '28P01' || code === '28000') return new AppError('FORBIDDEN', `PostgreSQL refused the login of ${s.name}: ${msg}.`, 'Check the user and password of the service’s credential.');
  if (code === 'ECONNREFUSED') return new AppError('REMOTE_COMMAND_FAILED', `Nothing accepts connections for ${s.name} at ${where}.`, 'Check the service’s port and that PostgreSQL is running.');
  return new AppError('REMOTE_COMMAND_FAILED', `PostgreSQL ${s.name} at ${where}: ${msg}`, 'Check the service’s address, port and credential.');
}

/**
 * PostgreSQL through `pg`: one connection per service kept between polls (re-made when the
 * address or credential changes or it broke). Connections and their share of max_connections,
 * transactions/s and cache hit ratio from deltas, deadlocks since the last poll, locks waiting,
 * database sizes, and the time of a `SELECT 1`.
 */
export class PgCollector {
  private readonly conns = new Map<string, Conn>();
  private readonly prev = new Map<string, Prev>();

  constructor(private readonly now: () => number = Date.now) {}

  private async client(s: Service, e: Endpoint, port: number, tlsOptions?: ConnectionOptions): Promise<pg.Client> {
    const sig = JSON.stringify([port, e.host, e.user, e.password, e.database, e.tls]);
    const have = this.conns.get(s.id);
    if (have && have.sig === sig) {
      await have.ready;
      return have.client;
    }
    if (have) void have.client.end().catch(() => {});
    const client = new pg.Client({
      host: e.tunnel ? '127.0.0.1' : e.host,
      port,
      user: e.user ?? 'postgres',
      password: e.password ?? undefined,
      database: e.database ?? 'postgres',
      ssl: e.tls ? (tlsOptions ?? {}) : false,
      connectionTimeoutMillis: 10_000,
      statement_timeout: 10_000,
      query_timeout: 15_000,
      application_name: 'opsdeck-metrics',
    });
    const conn: Conn = { client, sig, ready: client.connect().then(() => undefined) };
    client.on('error', () => this.drop(s.id));
    this.conns.set(s.id, conn);
    try {
      await conn.ready;
    } catch (err) {
      this.drop(s.id);
      throw err;
    }
    return client;
  }

  /** Closes the service's connection (it failed, or the service went away). */
  drop(serviceId: string): void {
    const c = this.conns.get(serviceId);
    this.conns.delete(serviceId);
    if (c) void c.client.end().catch(() => {});
  }

  closeAll(): void {
    for (const id of [...this.conns.keys()]) this.drop(id);
    this.prev.clear();
  }

  async collect(s: Service, e: Endpoint, port: number, tlsOptions?: ConnectionOptions): Promise<MetricPoint[]> {
    try {
      const client = await this.client(s, e, port, tlsOptions);
      const t0 = performance.now();
      await client.query('SELECT 1');
      const latency = performance.now() - t0;
      const res = (await client.query(STATS_SQL)) as unknown as pg.QueryResult[];
      const at = this.now();
      const [conns, db, locks, sizes] = res.map((r) => r.rows);
      const out: MetricPoint[] = [{ key: 'pg.latency', v: latency }];
      const n = Number(conns[0].n);
      const max = Number(conns[0].max);
      out.push({ key: 'pg.connections', v: n });
      if (max > 0) out.push({ key: 'pg.connections.pct', v: (n / max) * 100 });
      const cur: Prev = { at, xact: Number(db[0].xact), hit: Number(db[0].hit), read: Number(db[0].read), deadlocks: Number(db[0].deadlocks) };
      const before = this.prev.get(s.id);
      this.prev.set(s.id, cur);
      if (before && cur.xact >= before.xact && at > before.at) {
        const dt = (at - before.at) / 1000;
        out.push({ key: 'pg.tps', v: (cur.xact - before.xact) / dt });
        out.push({ key: 'pg.deadlocks', v: Math.max(0, cur.deadlocks - before.deadlocks) });
        const dh = cur.hit - before.hit;
        const dr = cur.read - before.read;
        if (dh + dr > 0) out.push({ key: 'pg.cache_hit', v: (dh / (dh + dr)) * 100 });
        else if (cur.hit + cur.read > 0) out.push({ key: 'pg.cache_hit', v: (cur.hit / (cur.hit + cur.read)) * 100 });
      } else if (cur.hit + cur.read > 0) {
        out.push({ key: 'pg.cache_hit', v: (cur.hit / (cur.hit + cur.read)) * 100 });
      }
      out.push({ key: 'pg.locks_waiting', v: Number(locks[0].n) });
      for (const r of sizes) out.push({ key: `pg.db.size:${String(r.datname)}`, v: Number(r.size) });
      return out;
    } catch (err) {
      this.drop(s.id);
      throw pgError(s, e, err);
    }
  }

  /** The slowest statements by total time, or why they cannot be read (and how to enable them). */
  async statements(s: Service, e: Endpoint, port: number, tlsOptions?: ConnectionOptions): Promise<PgStatements> {
    let client: pg.Client;
    try {
      client = await this.client(s, e, port, tlsOptions);
    } catch (err) {
      this.drop(s.id);
      throw pgError(s, e, err);
    }
    const db = e.database ?? 'postgres';
    const run = async (total: string, mean: string) => (await client.query(STATEMENTS_SQL(total, mean))).rows;
    try {
      let rows;
      try {
        rows = await run('total_exec_time', 'mean_exec_time');
      } catch (err) {
        // PostgreSQL 12 and older name the columns total_time / mean_time.
        if ((err as { code?: string }).code !== '42703') throw err;
        rows = await run('total_time', 'mean_time');
      }
      return {
        available: true,
        reason: null,
        statements: rows.map((r) => ({
          query: String(r.query),
          calls: Number(r.calls),
          totalMs: Math.round(Number(r.total) * 100) / 100,
          meanMs: Math.round(Number(r.mean) * 100) / 100,
          rows: Number(r.rows),
        })),
      };
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === '42P01') {
        return {
          available: false,
          reason: `pg_stat_statements is not installed in the database "${db}": add pg_stat_statements to shared_preload_libraries in postgresql.conf, restart PostgreSQL, then run CREATE EXTENSION pg_stat_statements; in "${db}" as a superuser.`,
          statements: [],
        };
      }
      if (code === '55000') {
        return {
          available: false,
          reason: 'pg_stat_statements is not loaded: add pg_stat_statements to shared_preload_libraries in postgresql.conf and restart PostgreSQL.',
          statements: [],
        };
      }
      if (code === '42501') {
        return { available: false, reason: `The user of ${s.name} may not read pg_stat_statements: grant it pg_read_all_stats.`, statements: [] };
      }
      this.drop(s.id);
      throw pgError(s, e, err);
    }
  }
}
