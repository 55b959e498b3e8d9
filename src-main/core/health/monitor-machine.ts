import type { CheckState } from '../../contract';

/**
 * The monitor state machine: one check result in, the next state and at most one notification
 * out. Pure (no clock, no I/O): the time of each result is part of the input, and the state is a
 * plain object the monitor persists after every step. The rules are documented in README.md.
 */

/** What the check itself is doing; `maintenance` is shown on top of it, never stored here. */
export type HealthStatus = 'unknown' | 'up' | 'pending' | 'down';

export interface MonitorState {
  status: HealthStatus;
  /** When `status` last changed (epoch ms); null before the first result. */
  since: number | null;
  /** Failing results in a row. */
  failStreak: number;
  /** Failing results since the check went DOWN (the result that made it DOWN is 0). */
  downChecks: number;
  /** The last notification sent for this check said DOWN (so a recovery is owed). */
  notifiedDown: boolean;
  /** Times (epoch ms) the check entered or left DOWN inside the flap window. */
  changes: number[];
  flapping: boolean;
  inMaintenance: boolean;
  lastCheckAt: number | null;
}

export interface MonitorPolicy {
  intervalSec: number;
  /** Failing results after the first before DOWN (PENDING meanwhile). */
  retries: number;
  /** While DOWN, notify again every N results; 0 = never. */
  renotifyEvery: number;
  flapSuppression: boolean;
}

export interface Observation {
  at: number;
  ok: boolean;
  /** Whether a maintenance window covers this check at `at`. */
  inMaintenance: boolean;
}

export type NotificationKind = 'down' | 'repeat' | 'recovery';

export interface Step {
  state: MonitorState;
  /** The state shown before and after this result (maintenance on top). */
  previous: CheckState;
  current: CheckState;
  notify: NotificationKind | null;
  /** DOWN began (open an incident) or ended (close it) with this result. */
  incident: 'open' | 'close' | null;
  /** A notification was due but held by a maintenance window or flap suppression. */
  held: boolean;
}

/** Entries into or exits from DOWN within the window that make a check flapping. */
export const FLAP_CHANGES = 3;
/** The flap window: 20 intervals, at least 10 minutes. */
export function flapWindowMs(intervalSec: number): number {
  return Math.max(20 * intervalSec * 1000, 10 * 60_000);
}

export function initialState(): MonitorState {
  return { status: 'unknown', since: null, failStreak: 0, downChecks: 0, notifiedDown: false, changes: [], flapping: false, inMaintenance: false, lastCheckAt: null };
}

/** The state the UI shows: maintenance hides the status underneath while a window is open. */
export function shownState(s: MonitorState): CheckState {
  return s.inMaintenance ? 'maintenance' : s.status;
}

/** Applies one result. */
export function step(prev: MonitorState, obs: Observation, policy: MonitorPolicy): Step {
  const window = flapWindowMs(policy.intervalSec);
  const s: MonitorState = { ...prev, changes: prev.changes.filter((t) => t > obs.at - window), inMaintenance: obs.inMaintenance, lastCheckAt: obs.at };
  const wasDown = prev.status === 'down';
  let next: HealthStatus;
  if (obs.ok) {
    next = 'up';
    s.failStreak = 0;
    s.downChecks = 0;
  } else {
    s.failStreak = prev.failStreak + 1;
    if (wasDown) {
      next = 'down';
      s.downChecks = prev.downChecks + 1;
    } else if (s.failStreak > policy.retries) {
      next = 'down';
      s.downChecks = 0;
    } else {
      next = 'pending';
    }
  }
  if (next !== prev.status) {
    s.status = next;
    s.since = obs.at;
  }
  const isDown = next === 'down';
  if (isDown !== wasDown) s.changes = [...s.changes, obs.at];

  if (!policy.flapSuppression) s.flapping = false;
  else if (s.changes.length >= FLAP_CHANGES) s.flapping = true;
  else if (s.flapping && s.changes.length === 0) s.flapping = false;

  let due: NotificationKind | null = null;
  if (isDown && !s.notifiedDown) due = 'down';
  else if (isDown && policy.renotifyEvery > 0 && s.downChecks > 0 && s.downChecks % policy.renotifyEvery === 0) due = 'repeat';
  else if (next === 'up' && s.notifiedDown) due = 'recovery';

  const held = due !== null && (s.inMaintenance || s.flapping);
  const notify = held ? null : due;
  if (notify === 'down') s.notifiedDown = true;
  if (notify === 'recovery') s.notifiedDown = false;

  return {
    state: s,
    previous: shownState(prev),
    current: shownState(s),
    notify,
    incident: isDown && !wasDown ? 'open' : !isDown && wasDown ? 'close' : null,
    held,
  };
}
