import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { followFile } from '../../../../../src-main/core/logs/follow/file-follower';
import { createHostSlots } from '../../../../../src-main/core/logs/follow/host-slots';
import type { SourceLine } from '../../../../../src-main/core/logs/follow/types';
import { localSsh } from './local-ssh';

const dir = mkdtempSync(join(tmpdir(), 'opsdeck-slots-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const until = async (c: () => boolean) => {
  const end = Date.now() + 5000;
  while (!c()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('host slots for followers', () => {
  it('runs at most 4 follow commands per host; the fifth waits, says so, and starts when one stops', async () => {
    const ssh = localSsh();
    const slots = createHostSlots(4);
    const files = Array.from({ length: 5 }, (_, i) => {
      const p = join(dir, `f${i}.log`);
      writeFileSync(p, `line of ${i}\n`);
      return p;
    });
    const got: string[][] = files.map(() => []);
    const waits: string[] = [];
    const followers = files.map((path, i) =>
      followFile(slots.wrap(ssh, () => waits.push(path)), { hostId: 'h', hostName: 'h', path, tail: 5 }, {
        initial: (l: SourceLine[]) => got[i]!.push(...l.map((x) => x.text)),
        lines: (l: SourceLine[]) => got[i]!.push(...l.map((x) => x.text)),
        status: () => undefined,
      }),
    );
    try {
      await until(() => got.filter((g) => g.length > 0).length === 4);
      expect(slots.active('h')).toBe(4);
      expect(ssh.running()).toBe(4);
      expect(waits).toEqual([files[4]]);
      expect(got[4]).toEqual([]);
      followers[0]!.stop();
      await until(() => got[4]!.length === 1);
      expect(got[4]).toEqual(['line of 4']);
      expect(slots.active('h')).toBe(4);
    } finally {
      for (const f of followers) f.stop();
    }
    await until(() => slots.active('h') === 0);
  });
});
