import { afterEach, describe, expect, it } from 'vitest';
import { timeline, type Timeline } from './timeline-harness';

/** Maintenance windows, restarts and sleeps on a fake clock: exact notification lists. */
let tl: Timeline | undefined;
afterEach(() => {
  tl?.close();
  tl = undefined;
});

describe('maintenance windows', () => {
  it('sends nothing for an outage inside a window, and shows MAINTENANCE meanwhile', async () => {
    tl = await timeline({ intervalSec: 60, retries: 0, script: (s) => !(s >= 900 && s <= 1500), maintenance: [[600, 1800]] });
    await tl.at(1200);
    expect(tl.state()).toBe('maintenance');
    await tl.at(3600);
    expect(tl.sent).toEqual([]);
    expect(tl.state()).toBe('up');
    expect(tl.states).toEqual([
      ['up', 0],
      ['maintenance', 600],
      ['up', 1800],
    ]);
    // The outage is on record, with no notification counted.
    expect(tl.health.incidents({ checkId: tl.checkId, limit: 10 })).toMatchObject([{ startedAt: expect.any(Number), notifications: 0, durationMs: 660_000 }]);
  });

  it('an outage that outlasts the window is notified once, at the first check after it', async () => {
    tl = await timeline({ intervalSec: 60, retries: 0, script: (s) => s < 900 || s > 2400, maintenance: [[600, 1800]] });
    await tl.at(3600);
    expect(tl.sent).toEqual([
      ['down', 1800],
      ['recovery', 2460],
    ]);
  });

  it('a DOWN notified before the window that recovers inside it gets its recovery when the window ends', async () => {
    tl = await timeline({ intervalSec: 60, retries: 0, script: (s) => s < 300 || s > 900, maintenance: [[600, 1800]] });
    await tl.at(3600);
    expect(tl.sent).toEqual([
      ['down', 300],
      ['recovery', 1800],
    ]);
  });
});

describe('restarts and sleep', () => {
  it('a restart in the middle of an incident sends no duplicate: the repeat count goes on', async () => {
    tl = await timeline({ intervalSec: 60, retries: 0, renotifyEvery: 30, script: (s) => s > 2500 });
    await tl.at(1000);
    expect(tl.sent).toEqual([['down', 0]]);
    await tl.restart();
    expect(tl.state()).toBe('down');
    await tl.at(3000);
    // Checks at 0…960 (17), then from 1000 every 60 s: the 30th after DOWN is at 1000 + 13 × 60.
    expect(tl.sent).toEqual([
      ['down', 0],
      ['repeat', 1780],
      ['recovery', 2560],
    ]);
    expect(tl.health.incidents({ checkId: tl.checkId, limit: 10 })).toHaveLength(1);
  });

  it('a restart while PENDING keeps the failure count (DOWN after the retries, not later)', async () => {
    tl = await timeline({ intervalSec: 20, retries: 3, script: (s) => s < 20 });
    await tl.at(50);
    expect(tl.state()).toBe('pending');
    await tl.restart();
    await tl.at(120);
    // Failures at 20 and 40 before the restart, 50 and 70 after: the 4th (70) is DOWN.
    expect(tl.sent).toEqual([['down', 70]]);
  });

  it('a 3 h sleep in the middle of an incident: one check 10 s after waking, no catch-up burst, no extra repeat', async () => {
    tl = await timeline({ intervalSec: 60, retries: 0, renotifyEvery: 30, script: () => false });
    await tl.at(600);
    const before = tl.runs.length;
    const wake = 600 + 3 * 3600;
    tl.clock.jump(3 * 3600 * 1000);
    await tl.at(wake);
    expect(tl.runs.length).toBe(before);
    await tl.at(wake + 10);
    expect(tl.runs.slice(before)).toEqual([wake + 10]);
    await tl.at(wake + 70);
    expect(tl.runs.slice(before)).toEqual([wake + 10, wake + 70]);
    expect(tl.sent).toEqual([['down', 0]]);
    expect(tl.clock.pending()).toBe(1);
  });

  it('waking up to a service that came back meanwhile sends its one recovery', async () => {
    tl = await timeline({ intervalSec: 60, retries: 0, script: (s) => s > 700 });
    await tl.at(600);
    tl.clock.jump(3600 * 1000);
    await tl.at(600 + 3600 + 10);
    expect(tl.sent).toEqual([
      ['down', 0],
      ['recovery', 4210],
    ]);
  });
});

describe('sinks across a restart', () => {
  it('a webhook receives DOWN, each repeat and the recovery exactly once, across a restart', async () => {
    const { createServer } = await import('node:http');
    const got: [string, string][] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d));
      req.on('end', () => {
        const n = JSON.parse(body) as { kind: string; title: string };
        got.push([n.kind, n.title]);
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      tl = await timeline({ intervalSec: 60, retries: 1, renotifyEvery: 10, script: (s) => s < 60 || s > 1500 });
      const port = (server.address() as { port: number }).port;
      tl.health.sinks.create({ name: 'hook', enabled: true, settings: { type: 'webhook' }, secret: { action: 'set', value: `http://127.0.0.1:${port}/h` } });
      await tl.at(700);
      await tl.restart();
      await tl.at(2000);
      const deadline = Date.now() + 5000;
      while (got.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 200));
      // DOWN at 120 (2nd failure); results at 180…660 are the 1st…9th after it; the restarted
      // monitor's first result (700) is the 10th → repeat, then 1300; recovery at 1540.
      expect(tl.sent).toEqual([
        ['down', 120],
        ['repeat', 700],
        ['repeat', 1300],
        ['recovery', 1540],
      ]);
      expect(got).toEqual([
        ['down', 'DOWN: api'],
        ['repeat', 'Still DOWN: api'],
        ['repeat', 'Still DOWN: api'],
        ['recovery', 'UP again: api'],
      ]);
    } finally {
      server.close();
    }
  });
});
