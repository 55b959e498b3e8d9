import type Database from 'better-sqlite3';
import type { AlertNotification, CheckState, Incident, MaintenanceWindow } from '../../contract';

/** Beats kept per check (older ones are deleted as new ones arrive). */
export const BEATS_PER_CHECK = 2000;

export interface Beat {
  at: number;
  ok: boolean;
  latencyMs: number | null;
  message: string;
  state: CheckState;
}

interface IncidentRow {
  id: string;
  check_id: string;
  service_id: string | null;
  check_name: string;
  started_at: number;
  ended_at: number | null;
  notifications: number;
  first_message: string;
  last_message: string;
}

const toIncident = (r: IncidentRow, now: number): Incident => ({
  id: r.id,
  checkId: r.check_id,
  serviceId: r.service_id,
  checkName: r.check_name,
  startedAt: r.started_at,
  endedAt: r.ended_at,
  durationMs: (r.ended_at ?? now) - r.started_at,
  notifications: r.notifications,
  firstMessage: r.first_message,
  lastMessage: r.last_message,
});

interface WindowRow {
  id: string;
  check_id: string | null;
  service_id: string | null;
  starts_at: number;
  ends_at: number;
  reason: string;
}

const toWindow = (r: WindowRow): MaintenanceWindow => ({ id: r.id, checkId: r.check_id, serviceId: r.service_id, startsAt: r.starts_at, endsAt: r.ends_at, reason: r.reason });

/** SQL for beats, incidents, maintenance windows and the alert log. */
export function createHistoryRepository(db: Database.Database) {
  const q = {
    addBeat: db.prepare('INSERT INTO health_beats (check_id, at, ok, latency_ms, message, state) VALUES (?, ?, ?, ?, ?, ?)'),
    pruneBeats: db.prepare<[string, string, number]>(
      'DELETE FROM health_beats WHERE check_id = ? AND seq <= (SELECT seq FROM health_beats WHERE check_id = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)',
    ),
    beats: db.prepare<[string, number], { at: number; ok: number; latency_ms: number | null; message: string; state: CheckState }>(
      'SELECT at, ok, latency_ms, message, state FROM (SELECT * FROM health_beats WHERE check_id = ? ORDER BY seq DESC LIMIT ?) ORDER BY seq',
    ),
    openIncident: db.prepare(
      `INSERT INTO health_incidents (id, check_id, service_id, check_name, started_at, ended_at, notifications, first_message, last_message)
       VALUES (@id, @checkId, @serviceId, @checkName, @startedAt, NULL, 0, @message, @message)`,
    ),
    touchIncident: db.prepare<[string, number, string]>('UPDATE health_incidents SET last_message = ?, notifications = notifications + ? WHERE id = ?'),
    closeIncident: db.prepare<[number, number, string]>('UPDATE health_incidents SET ended_at = ?, notifications = notifications + ? WHERE id = ?'),
    incidents: db.prepare<{ checkId: string | null; serviceId: string | null; limit: number }, IncidentRow>(
      `SELECT * FROM health_incidents WHERE (@checkId IS NULL OR check_id = @checkId) AND (@serviceId IS NULL OR service_id = @serviceId)
       ORDER BY started_at DESC, id LIMIT @limit`,
    ),
    windows: db.prepare<[], WindowRow>('SELECT * FROM health_maintenance ORDER BY starts_at, id'),
    addWindow: db.prepare(
      'INSERT INTO health_maintenance (id, check_id, service_id, starts_at, ends_at, reason, created_at) VALUES (@id, @checkId, @serviceId, @startsAt, @endsAt, @reason, @createdAt)',
    ),
    removeWindow: db.prepare<[string]>('DELETE FROM health_maintenance WHERE id = ?'),
    covering: db.prepare<{ at: number; checkId: string; serviceId: string | null }, { n: number }>(
      `SELECT COUNT(*) AS n FROM health_maintenance WHERE starts_at <= @at AND ends_at > @at
         AND (check_id = @checkId OR (check_id IS NULL AND (service_id IS NULL OR service_id = @serviceId)))`,
    ),
    log: db.prepare('INSERT INTO alert_log (id, kind, check_id, service_id, title, body, at) VALUES (@id, @kind, @checkId, @serviceId, @title, @body, @at)'),
    logged: db.prepare<{ checkId: string | null; limit: number }, { id: string; kind: AlertNotification['kind']; check_id: string | null; service_id: string | null; title: string; body: string; at: number }>(
      'SELECT * FROM (SELECT * FROM alert_log WHERE (@checkId IS NULL OR check_id = @checkId) ORDER BY seq DESC LIMIT @limit) ORDER BY seq',
    ),
    forgetCheck: db.prepare<[string]>('DELETE FROM alert_log WHERE check_id = ?'),
  };
  return {
    addBeat(checkId: string, b: Beat): void {
      q.addBeat.run(checkId, b.at, b.ok ? 1 : 0, b.latencyMs, b.message, b.state);
      q.pruneBeats.run(checkId, checkId, BEATS_PER_CHECK);
    },
    beats: (checkId: string, limit: number): Beat[] =>
      q.beats.all(checkId, limit).map((r) => ({ at: r.at, ok: !!r.ok, latencyMs: r.latency_ms, message: r.message, state: r.state })),
    openIncident: (i: { id: string; checkId: string; serviceId: string | null; checkName: string; startedAt: number; message: string }): void => void q.openIncident.run(i),
    touchIncident: (id: string, message: string, notified: number): void => void q.touchIncident.run(message, notified, id),
    closeIncident: (id: string, endedAt: number, notified: number): void => void q.closeIncident.run(endedAt, notified, id),
    incidents: (f: { checkId?: string; serviceId?: string; limit: number }, now: number): Incident[] =>
      q.incidents.all({ checkId: f.checkId ?? null, serviceId: f.serviceId ?? null, limit: f.limit }).map((r) => toIncident(r, now)),
    windows: (): MaintenanceWindow[] => q.windows.all().map(toWindow),
    addWindow: (w: MaintenanceWindow): void => void q.addWindow.run({ ...w, createdAt: new Date().toISOString() }),
    removeWindow: (id: string): boolean => q.removeWindow.run(id).changes > 0,
    /** Whether a window covers this check (its own, its service's, or an all-checks window) at `at`. */
    inMaintenance: (at: number, checkId: string, serviceId: string | null): boolean => q.covering.get({ at, checkId, serviceId })!.n > 0,
    logNotification: (n: AlertNotification): void => void q.log.run(n),
    /** The last `limit` notifications, oldest first (one check, or all when null). */
    notifications: (checkId: string | null, limit = 1000): AlertNotification[] =>
      q.logged.all({ checkId, limit }).map((r) => ({ id: r.id, kind: r.kind, checkId: r.check_id, serviceId: r.service_id, title: r.title, body: r.body, at: r.at })),
    forgetCheck: (checkId: string): void => void q.forgetCheck.run(checkId),
  };
}
export type HistoryRepository = ReturnType<typeof createHistoryRepository>;
