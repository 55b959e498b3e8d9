import type Database from 'better-sqlite3';
import type { ErrorShape } from '../../contract/errors';

/** A host's monitoring settings and the outcome of its last poll (`metric_monitors`). */
export interface MonitorRecord {
  hostId: string;
  enabled: boolean;
  intervalSec: number;
  /** A Docker socket on the host to read container stats from; null = look in the usual places. */
  dockerSocket: string | null;
  lastPollAt: number | null;
  /** Wall time of the last poll. */
  lastPollMs: number | null;
  /** Console CPU time (process.cpuUsage, user + system) of the last poll. */
  lastCpuMs: number | null;
  lastError: ErrorShape | null;
}

interface Row {
  host_id: string;
  enabled: number;
  interval_sec: number;
  docker_socket: string | null;
  last_poll_at: number | null;
  last_poll_ms: number | null;
  last_cpu_ms: number | null;
  last_error: string | null;
}

const toRecord = (r: Row): MonitorRecord => ({
  hostId: r.host_id,
  enabled: r.enabled === 1,
  intervalSec: r.interval_sec,
  dockerSocket: r.docker_socket,
  lastPollAt: r.last_poll_at,
  lastPollMs: r.last_poll_ms,
  lastCpuMs: r.last_cpu_ms,
  lastError: r.last_error ? (JSON.parse(r.last_error) as ErrorShape) : null,
});

/** SQL for monitors only. */
export function createMonitorRepository(db: Database.Database) {
  const q = {
    list: db.prepare<[], Row>('SELECT * FROM metric_monitors ORDER BY host_id'),
    get: db.prepare<[string], Row>('SELECT * FROM metric_monitors WHERE host_id = ?'),
    upsert: db.prepare<[string, number, number, string | null]>(
      `INSERT INTO metric_monitors (host_id, enabled, interval_sec, docker_socket) VALUES (?, ?, ?, ?)
       ON CONFLICT (host_id) DO UPDATE SET enabled = excluded.enabled, interval_sec = excluded.interval_sec, docker_socket = excluded.docker_socket`,
    ),
    result: db.prepare<[number, number, number | null, string | null, string]>(
      'UPDATE metric_monitors SET last_poll_at = ?, last_poll_ms = ?, last_cpu_ms = ?, last_error = ? WHERE host_id = ?',
    ),
  };
  return {
    list: (): MonitorRecord[] => q.list.all().map(toRecord),
    get: (hostId: string): MonitorRecord | undefined => {
      const r = q.get.get(hostId);
      return r && toRecord(r);
    },
    save: (m: Pick<MonitorRecord, 'hostId' | 'enabled' | 'intervalSec' | 'dockerSocket'>): void =>
      void q.upsert.run(m.hostId, m.enabled ? 1 : 0, m.intervalSec, m.dockerSocket),
    recordPoll: (hostId: string, at: number, wallMs: number, cpuMs: number | null, error: ErrorShape | null): void =>
      void q.result.run(at, wallMs, cpuMs, error ? JSON.stringify(error) : null, hostId),
  };
}
export type MonitorRepository = ReturnType<typeof createMonitorRepository>;
