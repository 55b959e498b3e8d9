import { appendFileSync, existsSync, mkdtempSync, renameSync, rmSync, symlinkSync, truncateSync, copyFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { followFile } from '../../../../../src-main/core/logs/follow/file-follower';
import type { SourceLine } from '../../../../../src-main/core/logs/follow/types';
import { execFileSync } from 'node:child_process';
import { localSsh } from './local-ssh';
import { processesMentioning, running } from './processes';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function collector() {
  const lines: string[] = [];
  const initial: string[][] = [];
  const states: string[] = [];
  return {
    lines,
    initial,
    states,
    sink: {
      initial: (l: SourceLine[]) => initial.push(l.map((x) => x.text)),
      lines: (l: SourceLine[]) => lines.push(...l.map((x) => x.text)),
      status: (s: string, m: string | null) => states.push(m ? `${s}: ${m}` : s),
    },
  };
}

const until = async (cond: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

function file() {
  const d = mkdtempSync(join(tmpdir(), 'opsdeck-follow-'));
  dirs.push(d);
  return join(d, 'app.log');
}

describe('followFile (the follow script under a local sh)', () => {
  it('sends the last N lines first, then appended lines, split across writes', async () => {
    const p = file();
    writeFileSync(p, Array.from({ length: 50 }, (_, i) => `old ${i}`).join('\n') + '\n');
    const c = collector();
    const f = followFile(localSsh(), { hostId: 'h', hostName: 'h', path: p, tail: 5 }, c.sink);
    try {
      await until(() => c.initial.length === 1);
      expect(c.initial[0]).toEqual(['old 45', 'old 46', 'old 47', 'old 48', 'old 49']);
      appendFileSync(p, 'new 1\nnew');
      appendFileSync(p, ' 2\r\n');
      await until(() => c.lines.length === 2);
      expect(c.lines).toEqual(['new 1', 'new 2']);
    } finally {
      f.stop();
    }
  });

  it('follows rename-and-create and copytruncate without losing or repeating a line', () => rotations(localSsh()));

  it('does the same when polling (hosts without GNU tail, or wake: poll)', () => rotations(localSsh(), 'poll'));

  it.skipIf(!existsSync('/bin/busybox'))('does the same under busybox sh and applets (Alpine-like hosts: polling, reads with dd)', () =>
    rotations(busybox(['sh', 'stat', 'tail', 'head', 'sleep', 'find', 'dirname', 'cat', 'printf', 'dd', 'od', 'tr', 'mkfifo', 'mktemp', 'rm'])));

  it.skipIf(!existsSync('/bin/busybox'))('does the same with no dd at all (reads with tail -c | head -c)', () =>
    rotations(busybox(['sh', 'stat', 'tail', 'head', 'sleep', 'find', 'dirname', 'cat', 'printf'])));
});

/** The script under busybox sh with only these applets on PATH. */
function busybox(applets: string[]): ReturnType<typeof localSsh> {
  const bin = mkdtempSync(join(tmpdir(), 'opsdeck-bb-'));
  dirs.push(bin);
  for (const a of applets) symlinkSync('/bin/busybox', join(bin, a));
  return localSsh({ ...process.env, PATH: bin });
}

async function rotations(ssh: ReturnType<typeof localSsh>, wake: 'auto' | 'poll' = 'auto'): Promise<void> {
  {
    const p = file();
    writeFileSync(p, '');
    const c = collector();
    const f = followFile(ssh, { hostId: 'h', hostName: 'h', path: p, tail: 0, wake }, c.sink);
    try {
      await until(() => c.initial.length === 1);
      let n = 0;
      const write = (k: number) => {
        for (let i = 0; i < k; i++) appendFileSync(p, `line ${n++}\n`);
      };
      write(100);
      await until(() => c.lines.length === 100);
      write(10);
      renameSync(p, `${p}.1`);
      appendFileSync(`${p}.1`, `line ${n++}\n`); // the writer has not reopened yet
      write(10);
      await until(() => c.lines.length === n);
      write(10);
      await new Promise((r) => setTimeout(r, 300));
      copyFileSync(p, `${p}.1`);
      truncateSync(p, 0);
      write(10);
      await until(() => c.lines.length === n);
      expect(c.lines).toEqual(Array.from({ length: n }, (_, i) => `line ${i}`));
      expect(c.states.some((s) => s.startsWith('rotated: ') && s.includes('renamed'))).toBe(true);
      expect(c.states.some((s) => s.startsWith('rotated: ') && s.includes('copytruncate'))).toBe(true);
    } finally {
      f.stop();
    }
  }
}

describe('followFile, more', () => {
  it('notices a copytruncate whose file regrew past the offset before the next poll (overlap check)', async () => {
    const p = file();
    writeFileSync(p, '');
    const c = collector();
    const f = followFile(localSsh(), { hostId: 'h', hostName: 'h', path: p, tail: 0 }, c.sink);
    try {
      await until(() => c.initial.length === 1);
      let n = 0;
      const block = (k: number) => Array.from({ length: k }, () => `line ${n++}\n`).join('');
      appendFileSync(p, block(50));
      await until(() => c.lines.length === 50);
      // Copy, truncate and write more than the file held, all between two polls.
      copyFileSync(p, `${p}.1`);
      truncateSync(p, 0);
      appendFileSync(p, block(400));
      await until(() => c.lines.length >= n);
      await new Promise((r) => setTimeout(r, 300));
      expect(c.lines).toEqual(Array.from({ length: n }, (_, i) => `line ${i}`));
      expect(c.states.some((s) => s.includes('copytruncate'))).toBe(true);
    } finally {
      f.stop();
    }
  });

  it('a truncation with no copy to read from says lines may be missing', async () => {
    const p = file();
    writeFileSync(p, 'a\nb\n');
    const c = collector();
    const f = followFile(localSsh(), { hostId: 'h', hostName: 'h', path: p, tail: 10 }, c.sink);
    try {
      await until(() => c.initial.length === 1);
      truncateSync(p, 0);
      await new Promise((r) => setTimeout(r, 300));
      appendFileSync(p, 'c\n');
      await until(() => c.lines.length === 1);
      expect([...c.initial[0]!, ...c.lines]).toEqual(['a', 'b', 'c']);
      expect(c.states).toContain(`rotated: ${p} was truncated and there is no ${p}.1 to read the rest from (compressed or removed already): lines written just before the rotation may be missing.`);
    } finally {
      f.stop();
    }
  });

  it('resumes at the exact byte after the command is killed, across a rotation while down', async () => {
    const p = file();
    writeFileSync(p, '');
    const ssh = localSsh();
    const c = collector();
    const f = followFile(ssh, { hostId: 'h', hostName: 'h', path: p, tail: 0 }, c.sink);
    try {
      await until(() => c.initial.length === 1);
      let n = 0;
      const write = (k: number) => {
        for (let i = 0; i < k; i++) appendFileSync(p, `line ${n++}\n`);
      };
      write(20);
      await until(() => c.lines.length === 20);
      ssh.kill();
      write(20);
      renameSync(p, `${p}.1`);
      write(20);
      await until(() => c.lines.length === n);
      expect(c.lines).toEqual(Array.from({ length: n }, (_, i) => `line ${i}`));
      expect(c.states).toContain('reconnecting: The connection to h dropped; resuming ' + p + ' where it stopped.');
    } finally {
      f.stop();
    }
  });
});

const gnuTail = (() => {
  try {
    return /GNU coreutils/.test(execFileSync('tail', ['--version']).toString());
  } catch {
    return false;
  }
})();

/** The wake-up processes of a follow script: its GNU tail (`tail … --pid=SCRIPT -- PATH`). */
const wakers = (path: string) => processesMentioning(` -- ${path}`).filter((x) => x.args.startsWith('tail -q -c 0 -F '));

describe.skipIf(!gnuTail)('followFile, woken by inotify (GNU tail)', () => {
  it('follows through a background tail -F while PATH names the held file, and not when told to poll', async () => {
    for (const wake of ['auto', 'poll'] as const) {
      const p = file();
      writeFileSync(p, 'a\n');
      const ssh = localSsh();
      const c = collector();
      const f = followFile(ssh, { hostId: 'h', hostName: 'h', path: p, tail: 1, wake }, c.sink);
      try {
        await until(() => c.initial.length === 1);
        appendFileSync(p, 'b\n');
        await until(() => c.lines.length === 1);
        const tails = wakers(p);
        if (wake === 'auto') {
          expect(tails).toHaveLength(1);
          expect(tails[0]!.args).toMatch(/^tail -q -c 0 -F -s 0\.1 --pid=\d+ -- /);
          expect(tails[0]!.args.endsWith(` -- ${p}`)).toBe(true);
        }
        else expect(tails).toEqual([]);
        expect([...c.initial[0]!, ...c.lines]).toEqual(['a', 'b']);
      } finally {
        f.stop();
      }
    }
  });

  it('closing like sshd (KILL to the script only, pipes closed): every process it started ends by itself', async () => {
    const p = file();
    writeFileSync(p, '');
    const ssh = localSsh(process.env, { closeLikeSshd: true });
    const c = collector();
    const f = followFile(ssh, { hostId: 'h', hostName: 'h', path: p, tail: 0 }, c.sink);
    await until(() => c.initial.length === 1);
    await until(() => wakers(p).length === 1);
    expect(wakers(p)[0]!.args).toContain(`--pid=${ssh.pids()[0]} `);
    const started = processesMentioning(p).map((x) => x.pid);
    expect(started.length).toBeGreaterThanOrEqual(3); // the script, the ticker's subshell, tail
    f.stop();
    await until(() => started.every((pid) => !running(pid)), 4000);
    expect(processesMentioning(p)).toEqual([]);
  });

  it('when the connection is gone (output closed, no signal) the idle heartbeat ends the script and its waker', async () => {
    const p = file();
    writeFileSync(p, '');
    const ssh = localSsh();
    const c = collector();
    const f = followFile(ssh, { hostId: 'h', hostName: 'h', path: p, tail: 0 }, c.sink);
    try {
      await until(() => c.initial.length === 1);
      const [pid] = ssh.pids();
      await until(() => wakers(p).length === 1);
      const first = processesMentioning(p).map((x) => x.pid);
      ssh.hangUp();
      await until(() => first.every((x) => !running(x)), 15_000);
      // The follower resumed on a new script, which follows appends as before.
      await until(() => ssh.pids().length === 1 && ssh.pids()[0] !== pid);
      await until(() => c.states.at(-1) === 'following');
      appendFileSync(p, 'after\n');
      await until(() => c.lines.length === 1);
      expect(c.lines).toEqual(['after']);
    } finally {
      f.stop();
    }
  }, 25_000);

  it('a burst of appends in many small writes arrives whole and in order', async () => {
    const p = file();
    writeFileSync(p, '');
    const c = collector();
    const f = followFile(localSsh(), { hostId: 'h', hostName: 'h', path: p, tail: 0 }, c.sink);
    try {
      await until(() => c.initial.length === 1);
      for (let i = 0; i < 3000; i++) appendFileSync(p, `line ${i}\n`);
      await until(() => c.lines.length >= 3000, 10_000);
      expect(c.lines).toEqual(Array.from({ length: 3000 }, (_, i) => `line ${i}`));
    } finally {
      f.stop();
    }
  });
});
