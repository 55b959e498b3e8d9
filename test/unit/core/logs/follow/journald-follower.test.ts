import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { followJournal, journalEntry, levelOfPriority } from '../../../../../src-main/core/logs/follow/journald-follower';
import type { SourceLine } from '../../../../../src-main/core/logs/follow/types';
import { localSsh } from './local-ssh';

const dir = mkdtempSync(join(tmpdir(), 'opsdeck-journal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const entry = (n: number, msg: unknown = `entry ${n}`, prio = '6') => JSON.stringify({ __CURSOR: `s=abc;i=${n}`, __REALTIME_TIMESTAMP: String(1_700_000_000_000_000 + n * 1000), MESSAGE: msg, PRIORITY: prio });

describe('journalEntry', () => {
  it('reads cursor, time (µs → ms), message (string or bytes) and priority', () => {
    expect(journalEntry(entry(1, 'hello', '3'), 5)).toEqual({ cursor: 's=abc;i=1', line: { text: 'hello', truncatedBytes: 0, ts: 1_700_000_000_001, at: 5, level: 'error' } });
    expect(journalEntry(entry(2, [104, 105, 0xff]), 5)!.line.text).toBe('hi\uFFFD');
    expect(journalEntry('not json', 5)).toBeNull();
    expect(journalEntry('{"MESSAGE":"no cursor"}', 5)).toBeNull();
    expect([0, 3, 4, 5, 6, 7, 9].map(levelOfPriority)).toEqual(['error', 'error', 'warn', 'info', 'info', 'debug', null]);
  });
});

describe('followJournal (journalctl stand-in under a local sh)', () => {
  it('history first, then entries after the last cursor; a restart resumes after the last one delivered', async () => {
    // A journalctl that knows entries 1..N (N grows in a file) and honours -n and --after-cursor.
    const count = join(dir, 'count');
    writeFileSync(count, '5');
    const bin = join(dir, 'bin');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(bin, { recursive: true });
    const script = `#!/bin/sh
N=$(cat ${count}); from=1; follow=
while [ $# -gt 0 ]; do case "$1" in -n) [ "$2" != 0 ] && from=$((N - $2 + 1)) || from=$((N + 1)); shift;; --after-cursor) from=$((\${2##*=} + 1)); shift;; -f) follow=1;; esac; shift; done
[ $from -lt 1 ] && from=1
i=$from
while :; do
  N=$(cat ${count})
  while [ $i -le $N ]; do printf '{"__CURSOR":"s=abc;i=%s","__REALTIME_TIMESTAMP":"%s","MESSAGE":"entry %s","PRIORITY":"6"}\\n' $i $((1700000000000000 + i * 1000)) $i; i=$((i + 1)); done
  [ -n "$follow" ] || exit 0
  sleep 0.05
done
`;
    writeFileSync(join(bin, 'journalctl'), script);
    chmodSync(join(bin, 'journalctl'), 0o755);
    const ssh = localSsh({ ...process.env, PATH: `${bin}:${process.env.PATH}` });
    const initial: string[][] = [];
    const lines: string[] = [];
    const states: string[] = [];
    const f = followJournal(ssh, { hostId: 'h', hostName: 'h', unit: 'app.service', tail: 3 }, {
      initial: (l: SourceLine[]) => initial.push(l.map((x) => x.text)),
      lines: (l: SourceLine[]) => lines.push(...l.map((x) => x.text)),
      status: (s) => states.push(s),
    });
    const until = async (c: () => boolean) => {
      const end = Date.now() + 5000;
      while (!c()) {
        if (Date.now() > end) throw new Error('timed out');
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    try {
      await until(() => initial.length === 1 && states.includes('following'));
      expect(initial[0]).toEqual(['entry 3', 'entry 4', 'entry 5']);
      writeFileSync(count, '7');
      await until(() => lines.length === 2);
      ssh.kill();
      writeFileSync(count, '9');
      await until(() => lines.length === 4);
      expect(lines).toEqual(['entry 6', 'entry 7', 'entry 8', 'entry 9']);
      expect(states).toContain('reconnecting');
    } finally {
      f.stop();
    }
  });
});
