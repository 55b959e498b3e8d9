import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { AccessState } from '../analytics/access-state';
import { feedLines } from './line-feed';

/** Read size: big enough that reads cost nothing, small enough that the bytes read are still in the CPU's cache when parsed. */
const CHUNK = 1024 * 1024;
/** The last range's buffer, for the next range read on this thread. */
let spare: Buffer | null = null;

/**
 * Reads `[start, end)` of a file (end = size when absent) into one reused 1 MB buffer and feeds its
 * lines to the state. A line longer than the buffer grows it.
 */
export function analyzeFileRange(state: AccessState, path: string, start = 0, end?: number): number {
  const fd = openSync(path, 'r');
  try {
    const stop = end ?? fstatSync(fd).size;
    // One buffer per thread, reused from range to range (a thread claims many ranges).
    let buf = spare && spare.length >= Math.min(CHUNK, stop - start) ? spare : Buffer.allocUnsafe(Math.min(CHUNK, Math.max(1, stop - start)));
    spare = null;
    let filled = 0;
    let pos = start;
    while (pos < stop) {
      if (filled === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, filled);
        buf = bigger;
      }
      const n = readSync(fd, buf, filled, Math.min(buf.length - filled, stop - pos), pos);
      if (n <= 0) break;
      pos += n;
      filled += n;
      const rest = feedLines(state, buf, 0, filled);
      if (rest < filled) buf.copy(buf, 0, rest, filled);
      filled -= rest;
    }
    if (filled > 0) {
      let e = filled;
      if (buf[e - 1] === 0x0d) e--;
      if (e > 0) state.push(buf, 0, e);
    }
    if (buf.length <= CHUNK) spare = buf;
    return pos - start;
  } finally {
    closeSync(fd);
  }
}

/** Splits a file into `parts` byte ranges that start at line starts. */
export function lineAlignedRanges(path: string, parts: number): [number, number][] {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const cuts = [0];
    const probe = Buffer.allocUnsafe(4096);
    for (let k = 1; k < parts; k++) {
      let at = Math.floor((size * k) / parts);
      if (at <= cuts[cuts.length - 1]) continue;
      for (;;) {
        const n = readSync(fd, probe, 0, probe.length, at);
        if (n <= 0) {
          at = size;
          break;
        }
        const nl = probe.subarray(0, n).indexOf(10);
        if (nl >= 0) {
          at += nl + 1;
          break;
        }
        at += n;
      }
      if (at < size && at > cuts[cuts.length - 1]) cuts.push(at);
    }
    cuts.push(size);
    const ranges: [number, number][] = [];
    for (let i = 0; i + 1 < cuts.length; i++) ranges.push([cuts[i], cuts[i + 1]]);
    return ranges;
  } finally {
    closeSync(fd);
  }
}
