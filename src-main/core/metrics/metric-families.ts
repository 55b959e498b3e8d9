import type { MetricThreshold, MetricUnit } from '../../contract/metrics';

/** What one metric family is: label, unit, chart group and the seeds' default threshold. */
export interface MetricFamily {
  family: string;
  label: string;
  unit: MetricUnit;
  group: 'CPU' | 'Memory' | 'Disk' | 'Network' | 'PM2' | 'PostgreSQL' | 'Redis' | 'Container' | 'System';
  /** The seeds' default (CPU 70 %, RAM 80 %, disk 80 %, latency 500 ms, DB connections 50 %). */
  threshold?: Omit<MetricThreshold, 'origin'>;
}

const above = (value: number): Omit<MetricThreshold, 'origin'> => ({ value, direction: 'above', alert: true });

/** Every family Opsdeck collects. Keys are `family` or `family:instance` (a mount, a process, a database). */
export const FAMILIES: readonly MetricFamily[] = [
  { family: 'host.cpu', label: 'CPU', unit: 'percent', group: 'CPU', threshold: above(70) },
  { family: 'host.load1', label: 'Load (1 min)', unit: 'load', group: 'CPU' },
  { family: 'host.load5', label: 'Load (5 min)', unit: 'load', group: 'CPU' },
  { family: 'host.load15', label: 'Load (15 min)', unit: 'load', group: 'CPU' },
  { family: 'host.mem.pct', label: 'Memory used', unit: 'percent', group: 'Memory', threshold: above(80) },
  { family: 'host.mem.used', label: 'Memory used', unit: 'bytes', group: 'Memory' },
  { family: 'host.mem.total', label: 'Memory total', unit: 'bytes', group: 'Memory' },
  { family: 'host.swap.pct', label: 'Swap used', unit: 'percent', group: 'Memory' },
  { family: 'host.swap.used', label: 'Swap used', unit: 'bytes', group: 'Memory' },
  { family: 'host.disk.pct', label: 'Disk used', unit: 'percent', group: 'Disk', threshold: above(80) },
  { family: 'host.disk.used', label: 'Disk used', unit: 'bytes', group: 'Disk' },
  { family: 'host.io.read', label: 'Disk reads', unit: 'bytes/s', group: 'Disk' },
  { family: 'host.io.write', label: 'Disk writes', unit: 'bytes/s', group: 'Disk' },
  { family: 'host.net.rx', label: 'Network in', unit: 'bytes/s', group: 'Network' },
  { family: 'host.net.tx', label: 'Network out', unit: 'bytes/s', group: 'Network' },
  { family: 'host.uptime', label: 'Uptime', unit: 'seconds', group: 'System' },
  { family: 'pm2.cpu', label: 'PM2 CPU', unit: 'percent', group: 'PM2', threshold: above(70) },
  { family: 'pm2.mem', label: 'PM2 memory', unit: 'bytes', group: 'PM2' },
  { family: 'pm2.restarts', label: 'PM2 restarts', unit: 'count', group: 'PM2' },
  { family: 'pm2.uptime', label: 'PM2 uptime', unit: 'seconds', group: 'PM2' },
  { family: 'pm2.online', label: 'PM2 online (1 = online)', unit: 'count', group: 'PM2' },
  { family: 'container.cpu', label: 'Container CPU', unit: 'percent', group: 'Container', threshold: above(70) },
  { family: 'container.mem', label: 'Container memory', unit: 'bytes', group: 'Container' },
  { family: 'container.mem.pct', label: 'Container memory of its limit', unit: 'percent', group: 'Container', threshold: above(80) },
  { family: 'pg.connections', label: 'Connections', unit: 'count', group: 'PostgreSQL' },
  { family: 'pg.connections.pct', label: 'Connections of max_connections', unit: 'percent', group: 'PostgreSQL', threshold: above(50) },
  { family: 'pg.tps', label: 'Transactions', unit: 'per-second', group: 'PostgreSQL' },
  { family: 'pg.cache_hit', label: 'Cache hit ratio', unit: 'percent', group: 'PostgreSQL' },
  { family: 'pg.deadlocks', label: 'Deadlocks (since last poll)', unit: 'count', group: 'PostgreSQL' },
  { family: 'pg.locks_waiting', label: 'Locks waiting', unit: 'count', group: 'PostgreSQL' },
  { family: 'pg.db.size', label: 'Database size', unit: 'bytes', group: 'PostgreSQL' },
  { family: 'pg.latency', label: 'Query latency (SELECT 1)', unit: 'ms', group: 'PostgreSQL', threshold: above(500) },
  { family: 'redis.memory', label: 'Used memory', unit: 'bytes', group: 'Redis' },
  { family: 'redis.clients', label: 'Clients', unit: 'count', group: 'Redis' },
  { family: 'redis.ops', label: 'Operations', unit: 'per-second', group: 'Redis' },
  { family: 'redis.hit_ratio', label: 'Hit ratio', unit: 'percent', group: 'Redis' },
  { family: 'redis.evicted', label: 'Evicted keys (since last poll)', unit: 'count', group: 'Redis' },
  { family: 'redis.rdb_ok', label: 'Last RDB save ok (1 = ok)', unit: 'count', group: 'Redis' },
  { family: 'redis.aof_enabled', label: 'AOF enabled (1 = on)', unit: 'count', group: 'Redis' },
  { family: 'redis.latency', label: 'Latency (PING)', unit: 'ms', group: 'Redis', threshold: above(500) },
];

const BY_FAMILY = new Map(FAMILIES.map((f) => [f.family, f]));

/** The family of a key: `host.disk.pct:/var` → `host.disk.pct`. */
export function familyOf(key: string): string {
  const i = key.indexOf(':');
  return i < 0 ? key : key.slice(0, i);
}

/** The instance part of a key (`/var`), or null. */
export function instanceOf(key: string): string | null {
  const i = key.indexOf(':');
  return i < 0 ? null : key.slice(i + 1);
}

/** The family's definition, or undefined for a key Opsdeck does not know. */
export function familyInfo(keyOrFamily: string): MetricFamily | undefined {
  return BY_FAMILY.get(familyOf(keyOrFamily));
}

/**
 * How values of a unit are stored: as integers × scale (percent × 100 keeps 0.01 %), so SQLite
 * stores them in 1–4 bytes instead of an 8-byte REAL.
 */
export function scaleOf(unit: MetricUnit | undefined): number {
  switch (unit) {
    case 'percent':
    case 'load':
    case 'per-second':
    case 'ms':
    case 'days':
      return 100;
    case 'ratio':
      return 10_000;
    default:
      return 1;
  }
}
