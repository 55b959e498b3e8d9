/** The clock and timers the scheduler runs on; injectable so tests drive time by hand. */
export interface SchedulerTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The real clock and timers (unref'd: a pending poll never keeps the process alive). */
export const realTimers: SchedulerTimers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const h = setTimeout(fn, ms);
    h.unref?.();
    return h;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

interface Entry {
  intervalMs: number;
  timer: unknown;
  running: Promise<void> | null;
  /** When the current or last poll started. */
  startedAt: number | null;
}

/**
 * Polls each monitored host on its interval. A host's polls never overlap: the next one is
 * scheduled when the current one ends, at (its start + interval), or at once when it ran over.
 * `poll` must not throw (errors are its own to record); a throw is reported to `onError`.
 */
export class PollScheduler {
  private readonly entries = new Map<string, Entry>();
  private stopped = false;

  constructor(
    private readonly poll: (hostId: string) => Promise<void>,
    private readonly timers: SchedulerTimers = realTimers,
    private readonly onError: (hostId: string, err: unknown) => void = () => {},
  ) {}

  /** Starts, re-times or stops the polling of one host. A new or re-timed host is polled at once. */
  set(hostId: string, enabled: boolean, intervalSec: number): void {
    const e = this.entries.get(hostId);
    if (!enabled || this.stopped) {
      if (e) {
        this.timers.clearTimeout(e.timer);
        this.entries.delete(hostId);
      }
      return;
    }
    const intervalMs = intervalSec * 1000;
    if (e) {
      if (e.intervalMs === intervalMs) return;
      e.intervalMs = intervalMs;
      if (e.running) return; // the new interval applies when this poll ends
      this.timers.clearTimeout(e.timer);
      this.arm(hostId, e, 0);
      return;
    }
    const entry: Entry = { intervalMs, timer: null, running: null, startedAt: null };
    this.entries.set(hostId, entry);
    this.arm(hostId, entry, 0);
  }

  /** Whether a host is scheduled. */
  has(hostId: string): boolean {
    return this.entries.has(hostId);
  }

  /** Whether a poll of the host is running now. */
  isPolling(hostId: string): boolean {
    return !!this.entries.get(hostId)?.running;
  }

  /** Runs a poll now (or joins the one running); the schedule continues from it. */
  pollNow(hostId: string): Promise<void> {
    const e = this.entries.get(hostId);
    if (!e) return this.poll(hostId);
    if (e.running) return e.running;
    this.timers.clearTimeout(e.timer);
    return this.run(hostId, e);
  }

  /** Stops every timer; polls already running finish on their own. */
  stop(): void {
    this.stopped = true;
    for (const e of this.entries.values()) this.timers.clearTimeout(e.timer);
    this.entries.clear();
  }

  private arm(hostId: string, e: Entry, delayMs: number): void {
    e.timer = this.timers.setTimeout(() => void this.run(hostId, e), delayMs);
  }

  private run(hostId: string, e: Entry): Promise<void> {
    const startedAt = this.timers.now();
    e.startedAt = startedAt;
    const p = (async () => {
      try {
        await this.poll(hostId);
      } catch (err) {
        this.onError(hostId, err);
      }
    })().finally(() => {
      e.running = null;
      // Removed or stopped meanwhile: no next poll.
      if (this.stopped || this.entries.get(hostId) !== e) return;
      const delay = Math.max(0, startedAt + e.intervalMs - this.timers.now());
      this.arm(hostId, e, delay);
    });
    e.running = p;
    return p;
  }
}
