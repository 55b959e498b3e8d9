import { execSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSequence, startLogFleet, startWriter, uiConnection, until, type LogFleet } from './follow-helpers';

/**
 * 20 rotations by rename-and-create (logrotate's default) while a writer appends 1,000
 * sequence-numbered lines per second: every line arrives exactly once, in order.
 */
let f: LogFleet;
beforeAll(async () => {
  f = await startLogFleet();
}, 60_000);
afterAll(async () => {
  await f?.stop();
});

describe('log follow torture: rename rotation', () => {
  it('20 rename/create rotations at 1,000 lines/s: 0 gaps, 0 duplicates', async () => {
    const path = join(f.logDir, 'app.log');
    const writer = startWriter(path, 1000);
    const ui = uiConnection();
    try {
      await new Promise((r) => setTimeout(r, 300));
      const streamId = await ui.open(f.app, [{ type: 'file', hostId: f.hostId, path, format: { kind: 'plain' } }], { tail: 100_000 });
      expect(streamId).toMatch(/^log_/);
      await until(() => ui.lines.length > 200, 10_000, 'first lines');
      const switched: number[] = [];
      for (let i = 0; i < 20; i++) {
        await new Promise((r) => setTimeout(r, 350));
        const rotatedAt = Date.now();
        const before = ui.statuses.filter((s) => s.state === 'rotated').length;
        await writer.command('rename');
        await until(() => ui.statuses.filter((s) => s.state === 'rotated').length > before, 5000, `rotation ${i + 1} noticed`);
        switched.push(Date.now() - rotatedAt);
      }
      await new Promise((r) => setTimeout(r, 300));
      const total = await writer.command('stop');
      await until(() => checkSequence(ui.lines, total).gaps.length === 0, 10_000, 'every line').catch(() => undefined);
      const r = checkSequence(ui.lines, total);
      console.log(`rename torture: ${total} lines, 20 rotations, switch to the new file after ${switched.join(', ')} ms; gaps ${r.gaps.length}, duplicates ${r.duplicates.length}`);
      expect(r.gaps.slice(0, 10)).toEqual([]);
      expect(r.duplicates.slice(0, 10)).toEqual([]);
      expect(r.outOfOrder).toBe(0);
      expect(ui.skipped()).toBe(0);
      expect(ui.statuses.filter((s) => s.state === 'rotated')).toHaveLength(20);
      // seq of the stream strictly increases across every batch.
      for (let i = 1; i < ui.lines.length; i++) expect(ui.lines[i]!.seq).toBeGreaterThan(ui.lines[i - 1]!.seq);
      await f.app.hub.handlers['streams.close']({ streamId }, ui.ctx);
      // Closing the stream ends the remote follower: no script left running on the host.
      await until(() => !/opsdeck-follow/.test(execSync(`ps -u ${f.d.user} -o args=`).toString()), 5000, 'remote follower gone');
      expect(f.app.core.ssh.isConnected(f.hostId)).toBe(true);
    } finally {
      writer.kill();
    }
  }, 90_000);
});
