import { describe, expect, it } from 'vitest';
import { expectEveryLineOnce, stopAndCheck, tortureFollow, until, useLogFleet } from './follow-helpers';

/**
 * 20 kills of sshd (SIGKILL: every connection drops at once) while a writer appends 1,000
 * sequence-numbered lines per second: each time the stream resumes within 5 s from the exact
 * (inode, offset) it had reached, and over the whole run no line is missing or repeated.
 */
const fleet = useLogFleet();

describe('log follow torture: sshd killed', () => {
  it('20 sshd kills at 1,000 lines/s: resumes within 5 s each time, 0 gaps, 0 duplicates', async () => {
    const f = fleet();
    await tortureFollow(f, async (t) => {
      const { ui, streamId } = t;
      const resumed: number[] = [];
      for (let i = 0; i < 20; i++) {
        await new Promise((r) => setTimeout(r, 300));
        const statusesBefore = ui.statuses.length;
        const killedAt = Date.now();
        await f.d.kill();
        await f.d.start();
        // Resumed = the source reports "following" again and new lines flow after that.
        await until(() => ui.statuses.slice(statusesBefore).some((s) => s.state === 'reconnecting'), 5000, `drop ${i + 1} noticed`);
        await until(() => {
          const st = ui.statuses.slice(statusesBefore);
          const back = st.findIndex((s) => s.state === 'following');
          return back >= 0;
        }, 5000, `resume ${i + 1}`);
        const backAt = ui.statuses.slice(statusesBefore).find((s) => s.state === 'following')!.at;
        const linesAt = ui.lines.length;
        await until(() => ui.lines.length > linesAt, 5000, `lines after resume ${i + 1}`);
        resumed.push(backAt - killedAt);
      }
      const r = await stopAndCheck(t);
      const sorted = [...resumed].sort((a, b) => a - b);
      console.log(`sshd torture: ${r.total} lines, 20 kills; resumed after ${resumed.join(', ')} ms (median ${sorted[10]}, max ${sorted[19]}); gaps ${r.gaps.length}, duplicates ${r.duplicates.length}`);
      for (const ms of resumed) expect(ms).toBeLessThan(5000);
      expectEveryLineOnce(t, r);
      await f.app.hub.handlers['streams.close']({ streamId }, ui.ctx);
    });
  }, 150_000);
});
