/** One frame of the follow script (see follow-script.ts). */
export type FollowFrame =
  | { type: 'O'; ino: string; start: number; end: number }
  | { type: 'D' | 'C'; ino: string; start: number; data: Buffer }
  | { type: 'T'; ino: string; copy: 'ok' | 'nocopy' | 'short' }
  | { type: 'R'; oldIno: string; newIno: string }
  | { type: 'G'; ino: string }
  | { type: 'W' }
  | { type: 'H' };

const MAX_HEADER = 200;
const MAX_PAYLOAD = 2 * 1024 * 1024;

/**
 * Reads the follow script's framed output from a byte stream that arrives in arbitrary pieces.
 * Throws on anything that is not a frame: the caller restarts the script from its last offset.
 */
export class FrameReader {
  private buf: Buffer = Buffer.alloc(0);
  private pending: { type: 'D' | 'C'; ino: string; start: number; len: number } | null = null;
  /** Pieces of a pending payload (concatenated once it is complete, not on every chunk). */
  private parts: Buffer[] = [];
  private partsLen = 0;

  push(chunk: Buffer, out: FollowFrame[] = []): FollowFrame[] {
    if (this.pending) {
      this.parts.push(chunk);
      this.partsLen += chunk.length;
      if (this.partsLen < this.pending.len) return out;
      this.buf = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.partsLen);
      this.parts = [];
      this.partsLen = 0;
    } else {
      this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    }
    for (;;) {
      if (this.pending) {
        if (this.buf.length < this.pending.len) {
          this.parts = [this.buf];
          this.partsLen = this.buf.length;
          this.buf = Buffer.alloc(0);
          return out;
        }
        const p = this.pending;
        out.push({ type: p.type, ino: p.ino, start: p.start, data: this.buf.subarray(0, p.len) });
        this.buf = this.buf.subarray(p.len);
        this.pending = null;
        continue;
      }
      const nl = this.buf.indexOf(10);
      if (nl < 0) {
        if (this.buf.length > MAX_HEADER) throw new Error('follow: header too long');
        return out;
      }
      const header = this.buf.subarray(0, nl).toString('latin1');
      this.buf = this.buf.subarray(nl + 1);
      const f = header.split(' ');
      const int = (s: string | undefined) => {
        if (!s || !/^\d+$/.test(s)) throw new Error(`follow: bad frame header ${JSON.stringify(header.slice(0, 60))}`);
        return Number(s);
      };
      const ino = (s: string | undefined) => String(int(s));
      switch (f[0]) {
        case 'D':
        case 'C': {
          const len = int(f[3]);
          if (len > MAX_PAYLOAD) throw new Error('follow: frame too large');
          this.pending = { type: f[0], ino: ino(f[1]), start: int(f[2]), len };
          break;
        }
        case 'O':
          out.push({ type: 'O', ino: ino(f[1]), start: int(f[2]), end: int(f[3]) });
          break;
        case 'T':
          out.push({ type: 'T', ino: ino(f[1]), copy: f[2] === 'nocopy' || f[2] === 'short' ? f[2] : 'ok' });
          break;
        case 'R':
          out.push({ type: 'R', oldIno: ino(f[1]), newIno: ino(f[2]) });
          break;
        case 'G':
          out.push({ type: 'G', ino: ino(f[1]) });
          break;
        case 'W':
          out.push({ type: 'W' });
          break;
        case 'H':
          out.push({ type: 'H' });
          break;
        default:
          throw new Error(`follow: unknown frame ${JSON.stringify(header.slice(0, 60))}`);
      }
    }
  }
}
