import type Database from 'better-sqlite3';
import type { Check, CheckConfig, CheckState } from '../../contract';
import { initialState, shownState, type MonitorState } from './monitor-machine';

/** A check's settings as stored (no state). */
export interface CheckRecord {
  id: string;
  serviceId: string | null;
  name: string;
  config: CheckConfig;
  intervalSec: number;
  timeoutMs: number;
  retries: number;
  renotifyEvery: number;
  flapSuppression: boolean;
  enabled: boolean;
}

/** The monitor's persisted memory of one check, plus what the last result said. */
export interface StoredState extends MonitorState {
  incidentId: string | null;
  lastLatencyMs: number | null;
  lastMessage: string | null;
  lastValue: number | null;
  lastNotifiedKind: string | null;
  lastNotifiedAt: number | null;
}

interface CheckRow {
  id: string;
  service_id: string | null;
  name: string;
  config: string;
  interval_sec: number;
  timeout_ms: number;
  retries: number;
  renotify_every: number;
  flap_suppression: number;
  enabled: number;
}

interface StateRow {
  state: string;
  since: number | null;
  fail_streak: number;
  down_checks: number;
  notified_down: number;
  incident_id: string | null;
  changes: string;
  flapping: number;
  in_maintenance: number;
  last_check_at: number | null;
  last_latency_ms: number | null;
  last_message: string | null;
  last_value: number | null;
  last_notified_kind: string | null;
  last_notified_at: number | null;
}

const toRecord = (r: CheckRow): CheckRecord => ({
  id: r.id,
  serviceId: r.service_id,
  name: r.name,
  config: JSON.parse(r.config) as CheckConfig,
  intervalSec: r.interval_sec,
  timeoutMs: r.timeout_ms,
  retries: r.retries,
  renotifyEvery: r.renotify_every,
  flapSuppression: !!r.flap_suppression,
  enabled: !!r.enabled,
});

const toState = (r: StateRow): StoredState => ({
  status: r.state as MonitorState['status'],
  since: r.since,
  failStreak: r.fail_streak,
  downChecks: r.down_checks,
  notifiedDown: !!r.notified_down,
  changes: JSON.parse(r.changes) as number[],
  flapping: !!r.flapping,
  inMaintenance: !!r.in_maintenance,
  lastCheckAt: r.last_check_at,
  incidentId: r.incident_id,
  lastLatencyMs: r.last_latency_ms,
  lastMessage: r.last_message,
  lastValue: r.last_value,
  lastNotifiedKind: r.last_notified_kind,
  lastNotifiedAt: r.last_notified_at,
});

/** A fresh check's state. */
export function emptyStoredState(): StoredState {
  return { ...initialState(), incidentId: null, lastLatencyMs: null, lastMessage: null, lastValue: null, lastNotifiedKind: null, lastNotifiedAt: null };
}

/** The contract's Check: settings and what the monitor last decided. */
export function toCheck(c: CheckRecord, s: StoredState): Check {
  const state: CheckState = c.enabled ? shownState(s) : 'unknown';
  return {
    ...c,
    state,
    since: s.since,
    lastCheckAt: s.lastCheckAt,
    lastLatencyMs: s.lastLatencyMs,
    lastMessage: c.enabled ? s.lastMessage : 'Paused.',
    lastValue: s.lastValue,
  };
}

/** SQL for checks and their monitor state. */
export function createCheckRepository(db: Database.Database) {
  const q = {
    list: db.prepare<[], CheckRow>('SELECT * FROM health_checks ORDER BY name COLLATE NOCASE, id'),
    byService: db.prepare<[string], CheckRow>('SELECT * FROM health_checks WHERE service_id = ? ORDER BY name COLLATE NOCASE, id'),
    get: db.prepare<[string], CheckRow>('SELECT * FROM health_checks WHERE id = ?'),
    insert: db.prepare(
      `INSERT INTO health_checks (id, service_id, name, type, config, interval_sec, timeout_ms, retries, renotify_every, flap_suppression, enabled, created_at, updated_at)
       VALUES (@id, @serviceId, @name, @type, @config, @intervalSec, @timeoutMs, @retries, @renotifyEvery, @flapSuppression, @enabled, @now, @now)`,
    ),
    update: db.prepare(
      `UPDATE health_checks SET name = @name, type = @type, config = @config, interval_sec = @intervalSec, timeout_ms = @timeoutMs, retries = @retries,
         renotify_every = @renotifyEvery, flap_suppression = @flapSuppression, enabled = @enabled, updated_at = @now WHERE id = @id`,
    ),
    remove: db.prepare<[string]>('DELETE FROM health_checks WHERE id = ?'),
    state: db.prepare<[string], StateRow>('SELECT * FROM health_monitor_state WHERE check_id = ?'),
    saveState: db.prepare(
      `INSERT INTO health_monitor_state (check_id, state, since, fail_streak, down_checks, notified_down, incident_id, changes, flapping, in_maintenance,
         last_check_at, last_latency_ms, last_message, last_value, last_notified_kind, last_notified_at)
       VALUES (@checkId, @status, @since, @failStreak, @downChecks, @notifiedDown, @incidentId, @changes, @flapping, @inMaintenance,
         @lastCheckAt, @lastLatencyMs, @lastMessage, @lastValue, @lastNotifiedKind, @lastNotifiedAt)
       ON CONFLICT (check_id) DO UPDATE SET state = excluded.state, since = excluded.since, fail_streak = excluded.fail_streak,
         down_checks = excluded.down_checks, notified_down = excluded.notified_down, incident_id = excluded.incident_id, changes = excluded.changes,
         flapping = excluded.flapping, in_maintenance = excluded.in_maintenance, last_check_at = excluded.last_check_at,
         last_latency_ms = excluded.last_latency_ms, last_message = excluded.last_message, last_value = excluded.last_value,
         last_notified_kind = excluded.last_notified_kind, last_notified_at = excluded.last_notified_at`,
    ),
  };
  const params = (c: CheckRecord) => ({
    ...c,
    type: c.config.type,
    config: JSON.stringify(c.config),
    flapSuppression: c.flapSuppression ? 1 : 0,
    enabled: c.enabled ? 1 : 0,
    now: new Date().toISOString(),
  });
  return {
    list: (): CheckRecord[] => q.list.all().map(toRecord),
    byService: (serviceId: string): CheckRecord[] => q.byService.all(serviceId).map(toRecord),
    get: (id: string): CheckRecord | undefined => {
      const r = q.get.get(id);
      return r && toRecord(r);
    },
    insert: (c: CheckRecord): void => void q.insert.run(params(c)),
    update: (c: CheckRecord): void => void q.update.run(params(c)),
    remove: (id: string): boolean => q.remove.run(id).changes > 0,
    state: (id: string): StoredState => {
      const r = q.state.get(id);
      return r ? toState(r) : emptyStoredState();
    },
    saveState: (checkId: string, s: StoredState): void =>
      void q.saveState.run({
        checkId,
        ...s,
        notifiedDown: s.notifiedDown ? 1 : 0,
        flapping: s.flapping ? 1 : 0,
        inMaintenance: s.inMaintenance ? 1 : 0,
        changes: JSON.stringify(s.changes),
      }),
  };
}
export type CheckRepository = ReturnType<typeof createCheckRepository>;
