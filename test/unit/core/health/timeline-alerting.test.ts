import { afterEach, describe, expect, it } from 'vitest';
import { timeline, type Timeline } from './timeline-harness';

/**
 * Alerting timelines on a fake clock, through the real scheduler, monitor and SQLite: each test
 * states exactly which notifications go out, and when (seconds since the start).
 */
let tl: Timeline | undefined;
afterEach(() => {
  tl?.close();
  tl = undefined;
});

describe('retries', () => {
  it('retries 3 at 20 s: one failure is PENDING with no notification; the fourth is DOWN, notified once', async () => {
    tl = await timeline({ intervalSec: 20, retries: 3, script: (s) => s < 20 });
    await tl.at(0);
    expect(tl.state()).toBe('up');
    await tl.at(20);
    expect(tl.state()).toBe('pending');
    expect(tl.sent).toEqual([]);
    await tl.at(60);
    expect(tl.state()).toBe('pending');
    expect(tl.sent).toEqual([]);
    await tl.at(80);
    expect(tl.state()).toBe('down');
    expect(tl.sent).toEqual([['down', 80]]);
    await tl.at(600);
    expect(tl.sent).toEqual([['down', 80]]);
    expect(tl.runs).toHaveLength(31);
    expect(tl.states).toEqual([
      ['up', 0],
      ['pending', 20],
      ['down', 80],
    ]);
  });

  it('a failure streak shorter than the retries never notifies, and its recovery is silent', async () => {
    tl = await timeline({ intervalSec: 20, retries: 3, script: (s) => !(s >= 100 && s <= 140) });
    await tl.at(1200);
    expect(tl.sent).toEqual([]);
    expect(tl.health.incidents({ checkId: tl.checkId, limit: 10 })).toEqual([]);
  });
});

describe('re-notification', () => {
  it('2 h DOWN with re-notify every 30 checks: exactly 4 repeats, then 1 recovery', async () => {
    tl = await timeline({ intervalSec: 60, retries: 0, renotifyEvery: 30, script: (s) => s > 7200 });
    await tl.at(3 * 3600);
    expect(tl.sent).toEqual([
      ['down', 0],
      ['repeat', 1800],
      ['repeat', 3600],
      ['repeat', 5400],
      ['repeat', 7200],
      ['recovery', 7260],
    ]);
    const [incident] = tl.health.incidents({ checkId: tl.checkId, limit: 10 });
    expect(incident).toMatchObject({ notifications: 6, durationMs: 7260_000, firstMessage: 'Connection refused', lastMessage: 'Connection refused' });
    const notes = tl.health.notifications(tl.checkId);
    expect(notes.map((n) => n.title)).toEqual(['DOWN: api', 'Still DOWN: api', 'Still DOWN: api', 'Still DOWN: api', 'Still DOWN: api', 'UP again: api']);
    expect(notes[4].body).toBe('Down for 2 h. Connection refused');
    expect(notes[5].body).toBe('Back after 2 h 1 min down. accepted');
  });
});

describe('flap suppression', () => {
  const alternating = (s: number) => s > 3600 || Math.round(s / 20) % 2 === 1;

  it('an hour of alternating up/down sends 2 notifications (the first DOWN and its recovery), then none', async () => {
    tl = await timeline({ intervalSec: 20, retries: 0, script: alternating });
    await tl.at(3600);
    expect(tl.sent).toEqual([
      ['down', 0],
      ['recovery', 20],
    ]);
    // Stable UP afterwards: the flapping ends silently (the last word sent was already "up").
    await tl.at(3600 + 1800);
    expect(tl.sent).toEqual([
      ['down', 0],
      ['recovery', 20],
    ]);
  });

  it('flapping that settles DOWN sends one DOWN once it has been stable for the flap window (10 min here)', async () => {
    tl = await timeline({ intervalSec: 20, retries: 0, script: (s) => s <= 3600 && Math.round(s / 20) % 2 === 1 });
    await tl.at(3600 + 1800);
    // Last change into DOWN at 3600; stable for the 600 s window → notified at 4200.
    expect(tl.sent).toEqual([
      ['down', 0],
      ['recovery', 20],
      ['down', 4200],
    ]);
  });

  it('without flap suppression the same hour sends a notification on every change', async () => {
    tl = await timeline({ intervalSec: 20, retries: 0, flapSuppression: false, script: alternating });
    await tl.at(3600);
    expect(tl.sent).toHaveLength(181);
    expect(tl.sent.slice(0, 3)).toEqual([
      ['down', 0],
      ['recovery', 20],
      ['down', 40],
    ]);
  });
});
