import type { AccessState } from '../analytics/access-state';

/**
 * Splits a byte stream into lines for an AccessState: complete lines are read straight from
 * each chunk (no copy); only a line cut by a chunk boundary is carried to the next chunk.
 * Empty lines are skipped (GoAccess does not count them either).
 */
export class LineFeed {
  private carry: Buffer | null = null;
  /** Bytes fed so far (for progress). */
  bytes = 0;

  constructor(private readonly state: AccessState) {}

  feed(chunk: Buffer): void {
    this.bytes += chunk.length;
    let pos = 0;
    if (this.carry) {
      const nl = chunk.indexOf(10);
      if (nl < 0) {
        this.carry = Buffer.concat([this.carry, chunk]);
        return;
      }
      const line = Buffer.concat([this.carry, chunk.subarray(0, nl)]);
      this.carry = null;
      this.line(line, 0, line.length);
      pos = nl + 1;
    }
    pos = feedLines(this.state, chunk, pos, chunk.length);
    if (pos < chunk.length) this.carry = Buffer.from(chunk.subarray(pos));
  }

  /** The last line when the stream did not end with a newline. */
  end(): void {
    if (this.carry) this.line(this.carry, 0, this.carry.length);
    this.carry = null;
  }

  private line(buf: Buffer, s: number, e: number): void {
    if (e > s && !(e - s === 1 && buf[s] === 0x0d)) this.state.push(buf, s, e);
  }
}

/**
 * Pushes every complete line of `buf[start, end)` and returns where the unfinished last line
 * starts (`end` when the range ended with a newline).
 */
export function feedLines(state: AccessState, buf: Buffer, start: number, end: number): number {
  let pos = start;
  for (;;) {
    const nl = buf.indexOf(10, pos);
    if (nl < 0 || nl >= end) return pos;
    let e = nl;
    if (e > pos && buf[e - 1] === 0x0d) e--;
    if (e > pos) state.push(buf, pos, e);
    pos = nl + 1;
  }
}
