import { randomBytes } from 'node:crypto';
import type { AlertNotification, CheckConfig, CheckState } from '../../../../src-main/contract';
import { EventBus } from '../../../../src-main/core/event-bus';
import { createHealth, type Clock, type Health } from '../../../../src-main/core/health';
import { Vault } from '../../../../src-main/core/secrets/vault';
import { openStore, type Store } from '../../../../src-main/core/store/open-store';
import { tempDir } from '../helpers';

/** A clock tests move by hand; `advanceTo` fires due timers in order, letting each run finish. */
export class FakeClock implements Clock {
  private t: number;
  private seq = 0;
  private timers = new Map<number, { at: number; fn: () => void }>();
  /** Awaited after each timer so the async run it started records before the next fires. */
  settle: () => Promise<void> = async () => undefined;

  constructor(start: number) {
    this.t = start;
  }
  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.timers.set(id, { at: this.t + Math.max(0, ms), fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  /** Moves time to `target`, firing every timer due on the way (each once, in order). */
  async advanceTo(target: number): Promise<void> {
    for (;;) {
      let next: [number, { at: number; fn: () => void }] | undefined;
      for (const e of this.timers) if (e[1].at <= target && (!next || e[1].at < next[1].at || (e[1].at === next[1].at && e[0] < next[0]))) next = e;
      if (!next) break;
      this.timers.delete(next[0]);
      this.t = Math.max(this.t, next[1].at);
      next[1].fn();
      await this.settle();
    }
    this.t = Math.max(this.t, target);
  }
  /** A laptop sleeping: time passes and no timer fires until the next `advanceTo`. */
  jump(ms: number): void {
    this.t += ms;
  }
  pending(): number {
    return this.timers.size;
  }
}

/** One monitored check whose result at each moment is decided by `script(secondsSinceT0)`. */
export interface Timeline {
  health: Health;
  clock: FakeClock;
  checkId: string;
  /** Seconds since T0 of every check run. */
  runs: number[];
  /** [kind, seconds since T0] of every notification on the bus. */
  sent: [AlertNotification['kind'], number][];
  /** Shown states, in order of change. */
  states: [CheckState, number][];
  /** Runs the clock to `seconds` since T0. */
  at(seconds: number): Promise<void>;
  state(): CheckState;
  /** Closes health and the database, and opens both again on the same file (an app restart). */
  restart(): Promise<void>;
  close(): void;
}

export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

export interface TimelineOptions {
  intervalSec: number;
  retries: number;
  renotifyEvery?: number;
  flapSuppression?: boolean;
  /** true = the check passes at this second. */
  script: (sec: number) => boolean;
  /** Maintenance windows in seconds since T0, [start, end). */
  maintenance?: [number, number][];
}

/** Builds a real health module (SQLite, vault, monitor, scheduler) on a fake clock and a scripted check. */
export async function timeline(o: TimelineOptions): Promise<Timeline> {
  const dataDir = tempDir();
  const envKey = randomBytes(32).toString('hex');
  const clock = new FakeClock(T0);
  const runs: number[] = [];
  const sent: Timeline['sent'] = [];
  const states: Timeline['states'] = [];
  const sec = () => (clock.now() - T0) / 1000;
  const config: CheckConfig = { type: 'tcp', host: '127.0.0.1', port: 9 };

  let store: Store;
  let health: Health;
  const open = () => {
    store = openStore({ dataDir });
    const bus = new EventBus();
    const vault = new Vault({ db: store.db, bus, envKey });
    vault.autoUnlock();
    bus.on('alerts.notify', (n) => sent.push([n.kind, (n.at - T0) / 1000]));
    bus.on('health.changed', (e) => {
      if (e.state !== e.previous) states.push([e.state, sec()]);
    });
    health = createHealth({
      db: store.db,
      bus,
      vault,
      log: { info: () => undefined, warn: () => undefined, error: (m, e) => console.error(m, e) },
      ssh: { exec: () => Promise.reject(new Error('no SSH in timeline tests')), forwardTcp: () => Promise.reject(new Error('no SSH in timeline tests')) },
      clock,
      jitter: () => 0,
      extraCa: [],
      runner: async () => {
        const s = sec();
        runs.push(s);
        const ok = o.script(s);
        return { ok, latencyMs: ok ? 5 : null, message: ok ? 'accepted' : 'Connection refused', value: null };
      },
    });
    clock.settle = async () => {
      await health.scheduler.idle();
      await new Promise((r) => setImmediate(r));
    };
  };
  open();
  const check = health!.create({
    serviceId: null,
    name: 'api',
    config,
    intervalSec: o.intervalSec,
    timeoutMs: 1000,
    retries: o.retries,
    renotifyEvery: o.renotifyEvery ?? 0,
    flapSuppression: o.flapSuppression ?? true,
    enabled: true,
  });
  for (const [a, b] of o.maintenance ?? []) health!.createMaintenance({ checkId: check.id, serviceId: null, startsAt: T0 + a * 1000, endsAt: T0 + b * 1000, reason: 'deploy' });
  health!.start();
  return {
    get health() {
      return health;
    },
    clock,
    checkId: check.id,
    runs,
    sent,
    states,
    at: (seconds) => clock.advanceTo(T0 + seconds * 1000),
    state: () => health.get(check.id).state,
    restart: async () => {
      await health.scheduler.idle();
      health.close();
      store.close();
      open();
      health.start();
    },
    close: () => {
      health.close();
      store.close();
    },
  };
}
