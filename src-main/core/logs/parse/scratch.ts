/**
 * Live lines arrive as strings; the byte parsers read Buffers. A line is written into one
 * reusable buffer (no allocation per line). Lines longer than MAX_SCRATCH_BYTES are read up to
 * that size: the fields nginx writes first still parse, the rest is ignored.
 */
export const MAX_SCRATCH_BYTES = 4 * 1024 * 1024;

/** A reusable UTF-8 buffer for one line at a time. */
export class Scratch {
  buf: Buffer = Buffer.allocUnsafe(16 * 1024);

  /** Writes `text` and returns the number of bytes written. */
  write(text: string): number {
    // UTF-8 needs at most 3 bytes per UTF-16 unit.
    if (text.length * 3 > this.buf.length && this.buf.length < MAX_SCRATCH_BYTES) {
      this.buf = Buffer.allocUnsafe(Math.min(MAX_SCRATCH_BYTES, Math.max(text.length * 3, this.buf.length * 2)));
    }
    return this.buf.write(text, 0, 'utf8');
  }
}
