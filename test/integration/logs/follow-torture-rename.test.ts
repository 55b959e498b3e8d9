import { execSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { expectEveryLineOnce, stopAndCheck, tortureFollow, until, useLogFleet } from './follow-helpers';

/**
 * 20 rotations by rename-and-create (logrotate's default) while a writer appends 1,000
 * sequence-numbered lines per second: every line arrives exactly once, in order.
 */
const fleet = useLogFleet();

describe('log follow torture: rename rotation', () => {
  it('20 rename/create rotations at 1,000 lines/s: 0 gaps, 0 duplicates', async () => {
    const f = fleet();
    await tortureFollow(f, async (t) => {
      const { ui, writer, streamId } = t;
      expect(streamId).toMatch(/^log_/);
      const switched: number[] = [];
      for (let i = 0; i < 20; i++) {
        await new Promise((r) => setTimeout(r, 350));
        const rotatedAt = Date.now();
        const before = ui.statuses.filter((s) => s.state === 'rotated').length;
        await writer.command('rename');
        await until(() => ui.statuses.filter((s) => s.state === 'rotated').length > before, 5000, `rotation ${i + 1} noticed`);
        switched.push(Date.now() - rotatedAt);
      }
      const r = await stopAndCheck(t);
      console.log(`rename torture: ${r.total} lines, 20 rotations, switch to the new file after ${switched.join(', ')} ms; gaps ${r.gaps.length}, duplicates ${r.duplicates.length}`);
      expectEveryLineOnce(t, r);
      expect(ui.statuses.filter((s) => s.state === 'rotated')).toHaveLength(20);
      // seq of the stream strictly increases across every batch.
      for (let i = 1; i < ui.lines.length; i++) expect(ui.lines[i]!.seq).toBeGreaterThan(ui.lines[i - 1]!.seq);
      await f.app.hub.handlers['streams.close']({ streamId }, ui.ctx);
      // Closing the stream ends the remote follower: no script left running on the host.
      await until(() => !/opsdeck-follow/.test(execSync(`ps -u ${f.d.user} -o args=`).toString()), 5000, 'remote follower gone');
      expect(f.app.core.ssh.isConnected(f.hostId)).toBe(true);
    });
  }, 90_000);
});
