import type { CheckOutcome } from './checks/run-check';
import type { CheckRecord } from './check-repository';
import type { Clock } from './clock';

export interface SchedulerDeps {
  clock: Clock;
  get(id: string): CheckRecord | undefined;
  list(): CheckRecord[];
  /** Runs the check within its timeout; never rejects. */
  run(check: CheckRecord): Promise<CheckOutcome>;
  /** Stores the result and lets the monitor decide (called with the time the result arrived). */
  record(check: CheckRecord, outcome: CheckOutcome, at: number): void;
  /** First delay of a check after start or a change, so checks do not all fire at once. */
  jitter(intervalMs: number): number;
  onError(message: string, err: unknown): void;
}

interface Entry {
  timer: unknown;
  /** When the armed timer was due (clock ms). */
  dueAt: number;
  running: Promise<CheckOutcome> | null;
}

/** A timer this late means the computer slept (or the clock jumped). */
export function isWake(lateMs: number, intervalMs: number): boolean {
  return lateMs > Math.max(2 * intervalMs, 60_000);
}
/** After waking, the network gets this long to come back before the first check. */
export const WAKE_GRACE_MS = 10_000;

/** Random start delay: up to one interval, at most 10 s. */
export function defaultJitter(intervalMs: number): number {
  return Math.floor(Math.random() * Math.min(intervalMs, 10_000));
}

/**
 * Runs each enabled check on its interval. A check never overlaps itself: the next run is
 * armed when the current one has finished, `interval` after it started (or at once if it took
 * longer). After a sleep or a clock jump there is no catching up: the late timer re-arms once
 * for WAKE_GRACE_MS (or the interval, if shorter), so the first check after waking does not
 * fail just because the network is still coming back, then the check runs once.
 */
export class Scheduler {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Set<Promise<CheckOutcome>>();
  private started = false;

  constructor(private readonly deps: SchedulerDeps) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    for (const c of this.deps.list()) if (c.enabled) this.arm(c.id, this.deps.jitter(c.intervalSec * 1000));
  }

  stop(): void {
    this.started = false;
    for (const e of this.entries.values()) if (e.timer !== null) this.deps.clock.clearTimeout(e.timer);
    this.entries.clear();
  }

  get running(): boolean {
    return this.started;
  }

  /** After a check was created, changed, enabled, disabled or deleted. */
  sync(id: string): void {
    const e = this.entries.get(id);
    if (e?.timer) this.deps.clock.clearTimeout(e.timer);
    if (e) e.timer = null;
    const c = this.deps.get(id);
    if (!this.started || !c || !c.enabled) {
      if (e && !e.running) this.entries.delete(id);
      return;
    }
    this.arm(id, this.deps.jitter(c.intervalSec * 1000));
  }

  /** Runs a check now (sharing a run already under way) and records its result. */
  runNow(id: string): Promise<CheckOutcome> | null {
    const c = this.deps.get(id);
    if (!c) return null;
    return this.execute(c);
  }

  /** Resolves when no check is running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  private arm(id: string, delayMs: number): void {
    const e: Entry = this.entries.get(id) ?? { timer: null, dueAt: 0, running: null };
    this.entries.set(id, e);
    e.dueAt = this.deps.clock.now() + Math.max(0, delayMs);
    e.timer = this.deps.clock.setTimeout(() => void this.tick(id), Math.max(0, delayMs));
  }

  private async tick(id: string): Promise<void> {
    const e = this.entries.get(id);
    if (e) e.timer = null;
    const c = this.deps.get(id);
    if (!this.started || !c || !c.enabled) {
      this.entries.delete(id);
      return;
    }
    if (e && isWake(this.deps.clock.now() - e.dueAt, c.intervalSec * 1000)) {
      this.arm(id, Math.min(WAKE_GRACE_MS, c.intervalSec * 1000));
      return;
    }
    const startedAt = this.deps.clock.now();
    await this.execute(c);
    const after = this.entries.get(id);
    if (!this.started || !after || after.timer) return; // stopped, deleted, or re-armed by sync()
    const fresh = this.deps.get(id);
    if (!fresh || !fresh.enabled) {
      this.entries.delete(id);
      return;
    }
    const intervalMs = fresh.intervalSec * 1000;
    this.arm(id, intervalMs - (this.deps.clock.now() - startedAt));
  }

  private execute(c: CheckRecord): Promise<CheckOutcome> {
    const e: Entry = this.entries.get(c.id) ?? { timer: null, dueAt: 0, running: null };
    this.entries.set(c.id, e);
    if (e.running) return e.running;
    const p = (async () => {
      const outcome = await this.deps.run(c);
      try {
        // The check may have changed or gone while it ran: record against what is stored now.
        const current = this.deps.get(c.id);
        if (current) this.deps.record(current, outcome, this.deps.clock.now());
      } catch (err) {
        this.deps.onError(`Recording the result of check "${c.name}" failed`, err);
      }
      return outcome;
    })().finally(() => {
      e.running = null;
      this.inflight.delete(p);
      if (!this.started && !e.timer) this.entries.delete(c.id);
    });
    e.running = p;
    this.inflight.add(p);
    return p;
  }
}
