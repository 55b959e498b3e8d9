import { describe, expect, it } from 'vitest';
import { flapWindowMs, initialState, step, type MonitorPolicy, type MonitorState, type NotificationKind } from '../../../../src-main/core/health/monitor-machine';

/** The pure state machine, result by result. */
const policy: MonitorPolicy = { intervalSec: 60, retries: 2, renotifyEvery: 3, flapSuppression: true };

function feed(results: boolean[], p: MonitorPolicy = policy, maintenance: (i: number) => boolean = () => false) {
  let s: MonitorState = initialState();
  const out: { state: string; notify: NotificationKind | null; incident: string | null; held: boolean }[] = [];
  results.forEach((ok, i) => {
    const r = step(s, { at: i * p.intervalSec * 1000, ok, inMaintenance: maintenance(i) }, p);
    s = r.state;
    out.push({ state: r.current, notify: r.notify, incident: r.incident, held: r.held });
  });
  return { out, state: s };
}

describe('monitor state machine', () => {
  it('retries, one DOWN, repeats every N results, one recovery; incidents open and close with DOWN', () => {
    const { out } = feed([true, false, false, false, false, false, false, true, true]);
    expect(out.map((o) => [o.state, o.notify, o.incident])).toEqual([
      ['up', null, null],
      ['pending', null, null],
      ['pending', null, null],
      ['down', 'down', 'open'],
      ['down', null, null],
      ['down', null, null],
      ['down', 'repeat', null],
      ['up', 'recovery', 'close'],
      ['up', null, null],
    ]);
  });

  it('retries 0: the first failure is DOWN', () => {
    expect(feed([false], { ...policy, retries: 0 }).out[0]).toMatchObject({ state: 'down', notify: 'down', incident: 'open' });
  });

  it('holds notifications in maintenance and says so', () => {
    const { out, state } = feed([false, false, false, false], { ...policy, retries: 0, renotifyEvery: 0 }, (i) => i < 2);
    expect(out.map((o) => [o.state, o.notify, o.held])).toEqual([
      ['maintenance', null, true],
      ['maintenance', null, true],
      ['down', 'down', false],
      ['down', null, false],
    ]);
    expect(state.notifiedDown).toBe(true);
  });

  it('becomes flapping on the 3rd DOWN change within the window and stops after a quiet window', () => {
    const p = { ...policy, retries: 0, renotifyEvery: 0 };
    const { out, state } = feed([false, true, false, true, true, true, true, true, true, true, true, true, true, true], p);
    expect(out.slice(0, 4).map((o) => [o.state, o.notify, o.held])).toEqual([
      ['down', 'down', false],
      ['up', 'recovery', false],
      ['down', null, true],
      ['up', null, false],
    ]);
    expect(flapWindowMs(60)).toBe(20 * 60_000);
    expect(state.flapping).toBe(true); // 13 min of quiet < the 20-interval window
    const later = step(state, { at: 3 * 60_000 + flapWindowMs(60), ok: true, inMaintenance: false }, p);
    expect(later.state.flapping).toBe(false);
    expect(later.notify).toBeNull();
  });
});
