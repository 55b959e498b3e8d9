import { isAppError } from '../../../contract/errors';
import { followCommand } from './follow-script';
import { FrameReader, type FollowFrame } from './frame-reader';
import { LineSplitter, type SplitLine } from './line-splitter';
import { RECONNECT_DELAYS, sleep, type Follower, type FollowSsh, type SourceLine, type SourceSink } from './types';

export interface FileFollowOptions {
  hostId: string;
  hostName: string;
  path: string;
  /** Lines of history first. */
  tail: number;
  /** Rewrites each line (PM2's timestamp prefix); default: as is. */
  mapLine?: (line: SplitLine, at: number) => SourceLine;
  /** 'poll' never uses the inotify wake-up (see follow-script.ts); default 'auto'. */
  wake?: 'auto' | 'poll';
}

const OVERLAP = 16;

/** Bytes of history to read for `tail` lines: generous per line, capped. */
export function historyBytes(tail: number): number {
  if (tail <= 0) return 0;
  return Math.min(32 * 1024 * 1024, Math.max(64 * 1024, tail * 512));
}

/** The position the core has read to, and the last bytes before it (to verify overlap). */
interface Position {
  ino: string | null;
  off: number;
  tail: Buffer;
}

/**
 * Follows one file on a host over its SSH connection by (inode, offset): rotation by rename and
 * by copytruncate, reconnects resumed from the exact byte, lines split on raw bytes. Every byte
 * is delivered once; where bytes may be missing (the old file was deleted while disconnected,
 * a copy that is not ours) a status message says so.
 */
export function followFile(ssh: FollowSsh, opts: FileFollowOptions, sink: SourceSink): Follower {
  const abort = new AbortController();
  const pos: Position = { ino: null, off: 0, tail: Buffer.alloc(0) };
  const splitter = new LineSplitter();
  const map = opts.mapLine ?? ((l: SplitLine, at: number): SourceLine => ({ text: l.text, truncatedBytes: l.truncatedBytes, ts: null, at }));
  let initialEnd: number | null = null; // history ends at this offset (first open only)
  let initialDone = false;
  let initialLines: SourceLine[] = [];
  let skipPartial = false;
  let truncatedResume = false;
  let copyBad = false;
  let close: (() => void) | null = null;

  const finishInitial = () => {
    if (initialDone) return;
    initialDone = true;
    const lines = opts.tail > 0 ? initialLines.slice(-opts.tail) : [];
    initialLines = [];
    sink.initial(lines);
  };

  const deliver = (bytes: Buffer) => {
    if (bytes.length === 0) return;
    const at = Date.now();
    if (!initialDone && initialEnd !== null && pos.off < initialEnd) {
      const n = Math.min(bytes.length, initialEnd - pos.off);
      for (const l of splitLines(bytes.subarray(0, n))) initialLines.push(map(l, at));
      if (initialLines.length > opts.tail * 2 + 1000) initialLines = initialLines.slice(-opts.tail);
      advance(bytes.subarray(0, n));
      if (pos.off >= initialEnd) finishInitial();
      bytes = bytes.subarray(n);
      if (bytes.length === 0) return;
    }
    const out = splitLines(bytes);
    advance(bytes);
    if (out.length) sink.lines(out.map((l) => map(l, at)));
  };

  const splitLines = (bytes: Buffer): SplitLine[] => {
    let b = bytes;
    if (skipPartial) {
      const nl = b.indexOf(10);
      if (nl < 0) return [];
      skipPartial = false;
      b = b.subarray(nl + 1);
    }
    return splitter.push(b);
  };

  const advance = (bytes: Buffer) => {
    pos.off += bytes.length;
    const t = bytes.length >= OVERLAP ? bytes.subarray(bytes.length - OVERLAP) : Buffer.concat([pos.tail, bytes]).subarray(-OVERLAP);
    pos.tail = Buffer.from(t);
  };

  /** Checks the repeated bytes before our offset; returns the new bytes, or null on mismatch. */
  const fresh = (start: number, data: Buffer): Buffer | null => {
    const overlap = pos.off - start;
    if (overlap < 0 || overlap > data.length) return null;
    const known = Math.min(overlap, pos.tail.length);
    if (known > 0 && !data.subarray(overlap - known, overlap).equals(pos.tail.subarray(pos.tail.length - known))) return null;
    return data.subarray(overlap);
  };

  const flushCarry = () => {
    const last = splitter.flush();
    if (last) sink.lines([map(last, Date.now())]);
    skipPartial = false;
  };

  /** Handles one frame; returns 'restart-truncated' when content changed under our offset. */
  const onFrame = (f: FollowFrame): 'ok' | 'restart-truncated' => {
    switch (f.type) {
      case 'O':
        if (pos.ino === null) {
          pos.ino = f.ino;
          pos.off = f.start;
          pos.tail = Buffer.alloc(0);
          skipPartial = f.start > 0;
          initialEnd = f.end;
          if (f.end <= f.start) finishInitial();
        } else if (f.ino !== pos.ino || f.start !== pos.off) {
          // Resumed on another file (the old one was gone): it is read from its start.
          flushCarry();
          pos.ino = f.ino;
          pos.off = f.start;
          pos.tail = Buffer.alloc(0);
        }
        sink.status('following', null);
        return 'ok';
      case 'D': {
        if (f.ino !== pos.ino) return 'ok';
        const data = fresh(f.start, f.data);
        if (data === null) return 'restart-truncated';
        // Started at a line boundary (e.g. tail 0 at the end of the file): nothing to skip.
        if (skipPartial && pos.off > f.start && f.data[pos.off - f.start - 1] === 10) skipPartial = false;
        deliver(data);
        return 'ok';
      }
      case 'C': {
        if (copyBad || f.ino !== pos.ino) return 'ok';
        const data = fresh(f.start, f.data);
        if (data === null) {
          copyBad = true;
          return 'ok';
        }
        deliver(data);
        return 'ok';
      }
      case 'T': {
        finishInitial();
        flushCarry();
        const bad = copyBad;
        copyBad = false;
        pos.off = 0;
        pos.tail = Buffer.alloc(0);
        sink.status('rotated', f.copy === 'nocopy'
          ? `${opts.path} was truncated and there is no ${opts.path}.1 to read the rest from (compressed or removed already): lines written just before the rotation may be missing.`
          : bad || f.copy === 'short'
            ? `${opts.path} was truncated and its copy ${opts.path}.1 does not continue where Opsdeck stopped reading: lines written just before the rotation may be missing.`
            : `${opts.path} was copied and truncated (copytruncate); reading it from the start.`);
        sink.status('following', null);
        return 'ok';
      }
      case 'R':
        finishInitial();
        flushCarry();
        pos.ino = f.newIno;
        pos.off = 0;
        pos.tail = Buffer.alloc(0);
        sink.status('rotated', `${opts.path} was rotated (renamed and created again); following the new file.`);
        sink.status('following', null);
        return 'ok';
      case 'G':
        finishInitial();
        sink.status('rotated', `${opts.path} was rotated while the connection was down and the old file is gone: lines written to it after the drop may be missing.`);
        return 'ok';
      case 'H':
        return 'ok';
      case 'W':
        finishInitial();
        sink.status('connecting', `${opts.path} does not exist on ${opts.hostName} yet; waiting for it.`);
        return 'ok';
    }
  };

  async function runOnce(): Promise<{ frames: boolean; error: unknown; stderr: string; code?: number | null }> {
    const resume = pos.ino !== null ? { ino: pos.ino, offset: pos.off, truncated: truncatedResume } : null;
    truncatedResume = false;
    const reader = new FrameReader();
    let frames = false;
    let stderr = '';
    const s = await ssh.execStream(opts.hostId, followCommand(opts.path, resume, historyBytes(opts.tail), opts.wake), { signal: abort.signal });
    close = () => s.close();
    if (abort.signal.aborted) s.close();
    s.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString('utf8')).slice(-2000);
    });
    s.stdout.on('data', (chunk: Buffer) => {
      if (abort.signal.aborted) return;
      try {
        for (const f of reader.push(chunk)) {
          frames = true;
          if (onFrame(f) === 'restart-truncated') {
            truncatedResume = true;
            s.close();
            return;
          }
        }
      } catch {
        s.close();
      }
    });
    try {
      const { code } = await s.done;
      return { frames, error: null, stderr, code };
    } catch (err) {
      return { frames, error: err, stderr };
    } finally {
      close = null;
    }
  }

  async function loop(): Promise<void> {
    sink.status('connecting', null);
    let failures = 0;
    while (!abort.signal.aborted) {
      let result: { frames: boolean; error: unknown; stderr: string; code?: number | null };
      try {
        result = await runOnce();
      } catch (err) {
        result = { frames: false, error: err, stderr: '' };
      }
      if (abort.signal.aborted) return;
      if (truncatedResume) continue; // restart at once from the copy
      failures = result.frames ? 1 : failures + 1;
      const denied = /permission denied/i.test(result.stderr);
      // The script ended by itself (not a drop) before or while following: the host lacks what it needs.
      const code = result.code;
      const unsupported = !denied && result.error === null && typeof code === 'number' && code !== 0 && (code === 4 || code === 127 || !result.frames);
      if (denied) {
        finishInitial();
        sink.status('error', `Opsdeck cannot read ${opts.path} on ${opts.hostName}: permission denied.`);
      } else if (unsupported) {
        finishInitial();
        sink.status('error', `Following ${opts.path} on ${opts.hostName} failed: the host needs Linux's /proc and a stat with -c (GNU or busybox)${result.stderr ? ` (${result.stderr.trim().slice(0, 200)})` : ''}.`);
      } else if (result.error && isAppError(result.error) && result.error.code !== 'SSH_CLOSED' && result.error.code !== 'CANCELLED') {
        sink.status(failures > 3 ? 'error' : 'reconnecting', result.error.message);
      } else {
        sink.status('reconnecting', `The connection to ${opts.hostName} dropped; resuming ${opts.path} where it stopped.`);
      }
      const delay = denied || unsupported ? 10_000 : RECONNECT_DELAYS[Math.min(failures - 1, RECONNECT_DELAYS.length - 1)]!;
      await sleep(delay, abort.signal);
    }
  }

  void loop();
  return {
    stop() {
      abort.abort();
      close?.();
    },
  };
}
