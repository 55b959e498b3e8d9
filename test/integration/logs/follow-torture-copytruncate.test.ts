import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSequence, startLogFleet, startWriter, uiConnection, until, type LogFleet } from './follow-helpers';

/**
 * 20 copytruncate rotations while a writer appends 1,000 sequence-numbered lines per second.
 * The writer pauses for the copy-and-truncate instant: lines written between logrotate's copy
 * and its truncate are lost by logrotate itself (they are in neither file), not by the
 * follower; with that window closed, every line must arrive exactly once, in order — the tail
 * of each rotation is read from the copy (PATH.1), the rest from the truncated file.
 */
let f: LogFleet;
beforeAll(async () => {
  f = await startLogFleet();
}, 60_000);
afterAll(async () => {
  await f?.stop();
});

describe('log follow torture: copytruncate', () => {
  it('20 copytruncate rotations at 1,000 lines/s: 0 gaps, 0 duplicates', async () => {
    const path = join(f.logDir, 'app.log');
    const writer = startWriter(path, 1000);
    const ui = uiConnection();
    try {
      await new Promise((r) => setTimeout(r, 300));
      const streamId = await ui.open(f.app, [{ type: 'file', hostId: f.hostId, path, format: { kind: 'plain' } }], { tail: 100_000 });
      await until(() => ui.lines.length > 200, 10_000, 'first lines');
      const noticed: number[] = [];
      for (let i = 0; i < 20; i++) {
        await new Promise((r) => setTimeout(r, 350));
        const at = Date.now();
        const before = ui.statuses.filter((s) => s.state === 'rotated').length;
        await writer.command('copytruncate');
        await until(() => ui.statuses.filter((s) => s.state === 'rotated').length > before, 5000, `truncation ${i + 1} noticed`);
        noticed.push(Date.now() - at);
      }
      await new Promise((r) => setTimeout(r, 300));
      const total = await writer.command('stop');
      await until(() => checkSequence(ui.lines, total).gaps.length === 0, 10_000, 'every line').catch(() => undefined);
      const r = checkSequence(ui.lines, total);
      console.log(`copytruncate torture: ${total} lines, 20 rotations, noticed after ${noticed.join(', ')} ms; gaps ${r.gaps.length}, duplicates ${r.duplicates.length}`);
      expect(r.gaps.slice(0, 10)).toEqual([]);
      expect(r.duplicates.slice(0, 10)).toEqual([]);
      expect(r.outOfOrder).toBe(0);
      expect(ui.skipped()).toBe(0);
      const rotated = ui.statuses.filter((s) => s.state === 'rotated');
      expect(rotated).toHaveLength(20);
      // No rotation was reported as possibly lossy: each copy continued where reading stopped.
      expect(rotated.filter((s) => /may be missing/.test(s.message ?? ''))).toEqual([]);
      await f.app.hub.handlers['streams.close']({ streamId }, ui.ctx);
    } finally {
      writer.kill();
    }
  }, 90_000);
});
