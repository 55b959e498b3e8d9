import { describe, expect, it } from 'vitest';
import { expectEveryLineOnce, stopAndCheck, tortureFollow, until, useLogFleet } from './follow-helpers';

/**
 * 20 copytruncate rotations while a writer appends 1,000 sequence-numbered lines per second.
 * The writer pauses for the copy-and-truncate instant: lines written between logrotate's copy
 * and its truncate are lost by logrotate itself (they are in neither file), not by the
 * follower; with that window closed, every line must arrive exactly once, in order — the tail
 * of each rotation is read from the copy (PATH.1), the rest from the truncated file.
 */
const fleet = useLogFleet();

describe('log follow torture: copytruncate', () => {
  it('20 copytruncate rotations at 1,000 lines/s: 0 gaps, 0 duplicates', async () => {
    const f = fleet();
    await tortureFollow(f, async (t) => {
      const { ui, writer, streamId } = t;
      const noticed: number[] = [];
      for (let i = 0; i < 20; i++) {
        await new Promise((r) => setTimeout(r, 350));
        const at = Date.now();
        const before = ui.statuses.filter((s) => s.state === 'rotated').length;
        await writer.command('copytruncate');
        await until(() => ui.statuses.filter((s) => s.state === 'rotated').length > before, 5000, `truncation ${i + 1} noticed`);
        noticed.push(Date.now() - at);
      }
      const r = await stopAndCheck(t);
      console.log(`copytruncate torture: ${r.total} lines, 20 rotations, noticed after ${noticed.join(', ')} ms; gaps ${r.gaps.length}, duplicates ${r.duplicates.length}`);
      expectEveryLineOnce(t, r);
      const rotated = ui.statuses.filter((s) => s.state === 'rotated');
      expect(rotated).toHaveLength(20);
      // No rotation was reported as possibly lossy: each copy continued where reading stopped.
      expect(rotated.filter((s) => /may be missing/.test(s.message ?? ''))).toEqual([]);
      await f.app.hub.handlers['streams.close']({ streamId }, ui.ctx);
    });
  }, 90_000);
});
