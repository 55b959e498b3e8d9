import { describe, expect, it } from 'vitest';
import { PollScheduler, type SchedulerTimers } from '../../../../src-main/core/metrics/poll-scheduler';

/** A hand-driven clock: timers fire only when the test advances time. */
function fakeTimers() {
  let now = 0;
  let seq = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: SchedulerTimers = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = ++seq;
      pending.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (h) => void pending.delete(h as number),
  };
  /** Moves time forward, firing due timers in order, letting promises settle between them. */
  async function advance(ms: number) {
    const end = now + ms;
    for (;;) {
      await new Promise((r) => setImmediate(r));
      const due = [...pending.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      pending.delete(due[0]);
      now = Math.max(now, due[1].at);
      due[1].fn();
    }
    now = end;
    await new Promise((r) => setImmediate(r));
  }
  return { timers, advance, pending, setNow: (n: number) => (now = n) };
}

describe('PollScheduler', () => {
  it('polls at once, then every interval from the start of the previous poll', async () => {
    const f = fakeTimers();
    const starts: number[] = [];
    const s = new PollScheduler(async () => void starts.push(f.timers.now()), f.timers);
    s.set('h1', true, 10);
    await f.advance(35_000);
    expect(starts).toEqual([0, 10_000, 20_000, 30_000]);
    s.stop();
    await f.advance(60_000);
    expect(starts).toHaveLength(4);
  });

  it('never overlaps polls of one host; a poll that runs over is followed at once', async () => {
    const f = fakeTimers();
    let running = 0;
    let maxRunning = 0;
    const starts: number[] = [];
    let release: (() => void) | null = null;
    const s = new PollScheduler(
      () =>
        new Promise<void>((resolve) => {
          running++;
          maxRunning = Math.max(maxRunning, running);
          starts.push(f.timers.now());
          release = () => {
            running--;
            resolve();
          };
        }),
      f.timers,
    );
    s.set('h1', true, 5);
    await f.advance(12_000); // the first poll is still running at 12 s
    expect(starts).toEqual([0]);
    expect(s.isPolling('h1')).toBe(true);
    // pollNow joins the running poll instead of starting a second one.
    const joined = s.pollNow('h1');
    expect(starts).toHaveLength(1);
    release!();
    await joined;
    await f.advance(0);
    expect(starts).toEqual([0, 12_000]);
    release!();
    await f.advance(5_000);
    expect(starts).toEqual([0, 12_000, 17_000]);
    expect(maxRunning).toBe(1);
    s.stop();
  });

  it('re-times, stops one host, and reports a throwing poll without stopping the schedule', async () => {
    const f = fakeTimers();
    const polled: string[] = [];
    const errors: string[] = [];
    const s = new PollScheduler(
      async (id) => {
        polled.push(`${id}@${f.timers.now()}`);
        if (id === 'bad') throw new Error('boom');
      },
      f.timers,
      (id, err) => errors.push(`${id}: ${(err as Error).message}`),
    );
    s.set('a', true, 10);
    s.set('bad', true, 10);
    await f.advance(1);
    s.set('a', true, 60); // re-timed: polled again now, then every 60 s
    await f.advance(30_000);
    s.set('bad', false, 10);
    await f.advance(40_000);
    expect(polled.filter((p) => p.startsWith('a@'))).toEqual(['a@0', 'a@1', 'a@60001']);
    expect(polled.filter((p) => p.startsWith('bad@'))).toEqual(['bad@0', 'bad@10000', 'bad@20000', 'bad@30000']);
    expect(errors).toHaveLength(4);
    expect(errors[0]).toBe('bad: boom');
    expect(s.has('bad')).toBe(false);
    s.stop();
  });
});
