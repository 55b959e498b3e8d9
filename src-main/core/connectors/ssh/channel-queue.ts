import { AppError } from '../../../contract/errors';

/**
 * At most `limit` session channels open at once on one connection. OpenSSH refuses the 11th
 * session by default (MaxSessions 10); we stay at 8 so a terminal or two always fit.
 */
export class ChannelQueue {
  private active = 0;
  private readonly waiting: { resolve: () => void; reject: (e: unknown) => void; signal?: AbortSignal; onAbort?: () => void }[] = [];

  constructor(readonly limit = 8) {}

  get inUse(): number {
    return this.active;
  }
  get queued(): number {
    return this.waiting.length;
  }

  /** Resolves with a release function once a slot is free; release is idempotent. */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) throw cancelled();
    if (this.active < this.limit) {
      this.active++;
      return this.releaser();
    }
    await new Promise<void>((resolve, reject) => {
      const w: (typeof this.waiting)[number] = { resolve, reject, signal };
      if (signal) {
        w.onAbort = () => {
          const i = this.waiting.indexOf(w);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(cancelled());
        };
        signal.addEventListener('abort', w.onAbort, { once: true });
      }
      this.waiting.push(w);
    });
    return this.releaser();
  }

  /** Fails everyone still waiting (the connection is gone for good). */
  rejectAll(err: unknown): void {
    for (const w of this.waiting.splice(0)) {
      if (w.onAbort) w.signal?.removeEventListener('abort', w.onAbort);
      w.reject(err);
    }
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.waiting.shift();
      if (next) {
        if (next.onAbort) next.signal?.removeEventListener('abort', next.onAbort);
        next.resolve(); // the slot passes straight to the next waiter
      } else {
        this.active--;
      }
    };
  }
}

function cancelled(): AppError {
  return new AppError('CANCELLED', 'The remote action was cancelled.');
}
