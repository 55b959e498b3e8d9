import type Database from 'better-sqlite3';
import type { AlertNotification } from '../../contract';
import type { EventBus } from '../event-bus';
import { newId } from '../store/ids';
import type { CheckOutcome } from './checks/run-check';
import type { CheckRecord, CheckRepository, StoredState } from './check-repository';
import type { HistoryRepository } from './history-repository';
import { step, type NotificationKind } from './monitor-machine';

export interface MonitorDeps {
  db: Database.Database;
  bus: EventBus;
  checks: CheckRepository;
  history: HistoryRepository;
  /** Called after the transaction commits, for every notification (sinks). */
  deliver(n: AlertNotification): void;
}

/**
 * Feeds results into the state machine and makes its decisions durable: the beat, the new
 * state, the incident and the notification are written in one transaction after every result,
 * and only then announced (`health.changed`, `alerts.notify`) and sent to the sinks. A restart
 * reads the same state back, so it can never notify twice for one transition.
 */
export class Monitor {
  constructor(private readonly deps: MonitorDeps) {}

  record(check: CheckRecord, outcome: CheckOutcome, at: number): { state: StoredState; notification: AlertNotification | null } {
    const { db, checks, history, bus } = this.deps;
    const prev = checks.state(check.id);
    if (outcome.inconclusive) {
      // Not a result about the service: shown, not counted.
      const next = { ...prev, lastMessage: outcome.message };
      checks.saveState(check.id, next);
      return { state: next, notification: null };
    }
    const inMaintenance = history.inMaintenance(at, check.id, check.serviceId);
    const s = step(prev, { at, ok: outcome.ok, inMaintenance }, check);
    const next: StoredState = {
      ...prev,
      ...s.state,
      lastLatencyMs: outcome.latencyMs,
      lastMessage: outcome.message,
      lastValue: outcome.value,
    };
    let notification: AlertNotification | null = null;
    db.transaction(() => {
      history.addBeat(check.id, { at, ok: outcome.ok, latencyMs: outcome.latencyMs, message: outcome.message, state: s.current });
      if (s.incident === 'open') {
        next.incidentId = newId('inc');
        history.openIncident({ id: next.incidentId, checkId: check.id, serviceId: check.serviceId, checkName: check.name, startedAt: at, message: outcome.message });
      }
      if (s.notify) {
        notification = compose(s.notify, check, s.notify === 'recovery' ? prev.since : next.since, outcome.message, at);
        history.logNotification(notification);
        next.lastNotifiedKind = s.notify;
        next.lastNotifiedAt = at;
      }
      const counted = s.notify ? 1 : 0;
      if (next.incidentId && s.incident === 'close') {
        history.closeIncident(next.incidentId, at, counted);
        next.incidentId = null;
      } else if (next.incidentId) {
        // Only failing results reach here: an incident lasts exactly while DOWN.
        history.touchIncident(next.incidentId, outcome.message, counted);
      }
      checks.saveState(check.id, next);
    })();
    if (s.previous !== s.current) bus.emit('health.changed', { checkId: check.id, serviceId: check.serviceId, state: s.current, previous: s.previous });
    if (notification) {
      bus.emit('alerts.notify', notification);
      this.deps.deliver(notification);
    }
    return { state: next, notification };
  }
}

function duration(ms: number): string {
  const min = Math.round(ms / 60_000);
  if (min < 1) return `${Math.max(1, Math.round(ms / 1000))} s`;
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  return `${h} h${min % 60 ? ` ${min % 60} min` : ''}`;
}

/** The words of a notification (title for the tray and subject lines, body for details). */
export function compose(kind: NotificationKind, check: CheckRecord, downSince: number | null, message: string, at: number): AlertNotification {
  const down = duration(at - (downSince ?? at));
  const text = {
    down: { title: `DOWN: ${check.name}`, body: message },
    repeat: { title: `Still DOWN: ${check.name}`, body: `Down for ${down}. ${message}` },
    recovery: { title: `UP again: ${check.name}`, body: `Back after ${down} down. ${message}` },
  }[kind];
  return { id: newId('ntf'), kind, checkId: check.id, serviceId: check.serviceId, title: text.title, body: text.body, at };
}
