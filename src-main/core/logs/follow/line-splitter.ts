import { LOG_LINE_MAX_CHARS } from '../../../contract/logs';

/** One complete line as the follower hands it on: text, bytes cut off, and its end offset. */
export interface SplitLine {
  text: string;
  /** Bytes of the line that are not in `text` (a line longer than LOG_LINE_MAX_CHARS). */
  truncatedBytes: number;
}

/** At most this many bytes of one line are kept (4 bytes per character in the worst case). */
export const LINE_MAX_BYTES = LOG_LINE_MAX_CHARS * 4;

/**
 * Splits a byte stream into lines on raw `\n` bytes (never on decoded text, so a multi-byte
 * character cut between two chunks stays whole). A partial last line waits in the carry; `\r`
 * before `\n` is dropped; invalid UTF-8 becomes U+FFFD. A line longer than LINE_MAX_BYTES keeps
 * only its first bytes in memory and counts the rest: a 1 GB line costs 256 KB.
 */
export class LineSplitter {
  private parts: Buffer[] = [];
  private kept = 0;
  private dropped = 0;

  /** Bytes waiting for their newline (counting the ones not kept). */
  get pendingBytes(): number {
    return this.kept + this.dropped;
  }

  /** Feeds bytes; returns the lines they complete, in order. */
  push(chunk: Buffer, out: SplitLine[] = []): SplitLine[] {
    let from = 0;
    for (;;) {
      const nl = chunk.indexOf(10, from);
      if (nl < 0) {
        this.keep(chunk, from, chunk.length);
        return out;
      }
      this.keep(chunk, from, nl);
      out.push(this.take());
      from = nl + 1;
    }
  }

  /** The partial last line as a line (end of a rotated file, end of stream); null when empty. */
  flush(): SplitLine | null {
    if (this.kept === 0 && this.dropped === 0) return null;
    return this.take();
  }

  /** Forgets the partial line (the bytes before a tail's first newline). */
  reset(): void {
    this.parts = [];
    this.kept = 0;
    this.dropped = 0;
  }

  private keep(buf: Buffer, from: number, to: number): void {
    if (to <= from) return;
    const room = LINE_MAX_BYTES - this.kept;
    const n = Math.min(room, to - from);
    if (n > 0) {
      // Copy: the chunk may be a slice of a large frame we do not want to keep alive.
      this.parts.push(Buffer.from(buf.subarray(from, from + n)));
      this.kept += n;
    }
    this.dropped += to - from - Math.max(n, 0);
  }

  private take(): SplitLine {
    let bytes = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.kept);
    const dropped = this.dropped;
    this.reset();
    if (dropped === 0 && bytes.length > 0 && bytes[bytes.length - 1] === 13) bytes = bytes.subarray(0, bytes.length - 1);
    return decodeLine(bytes, dropped);
  }
}

/** Decodes one line's bytes (U+FFFD for invalid UTF-8) and caps it at LOG_LINE_MAX_CHARS. */
export function decodeLine(bytes: Buffer, droppedBytes = 0): SplitLine {
  let text = bytes.toString('utf8');
  let truncatedBytes = droppedBytes;
  if (text.length > LOG_LINE_MAX_CHARS) {
    let cut = LOG_LINE_MAX_CHARS;
    // Never leave half a surrogate pair at the end.
    const c = text.charCodeAt(cut - 1);
    if (c >= 0xd800 && c <= 0xdbff) cut -= 1;
    const rest = text.slice(cut);
    text = text.slice(0, cut);
    truncatedBytes += Buffer.byteLength(rest, 'utf8');
  }
  if (droppedBytes > 0 && text.endsWith('\uFFFD')) {
    // A character cut at the byte cap decodes as U+FFFD: it belongs to the truncated part.
    text = text.slice(0, -1);
  }
  return { text, truncatedBytes };
}
