/**
 * One hour of 1-minute rollups of one series packed in a BLOB: 60 rows of (t, avg, max) cost
 * ~1.25 KB as SQLite rows, ~0.2–0.4 KB packed. Layout: an 8-byte little-endian bitmap of the
 * minutes present (bit m = minute m of the hour), then per present minute, in order, two
 * varints: zigzag(avg − previous avg) and (max − avg) (max ≥ avg). Values are the store's
 * scaled integers (safe integers; no float).
 */

/** One minute of an hour: its index 0–59 and the scaled avg and max. */
export interface MinuteAgg {
  m: number;
  avg: number;
  max: number;
}

function pushVarint(out: number[], n: number): void {
  // n ≥ 0, up to 2^53: 7 bits per byte, high bit = more.
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
}

const zig = (n: number) => (n >= 0 ? n * 2 : -n * 2 - 1);
const unzig = (n: number) => (n % 2 === 0 ? n / 2 : -(n + 1) / 2);

/** Packs minutes (any order, last one wins per minute) into the blob. */
export function encodeMinutes(minutes: MinuteAgg[]): Buffer {
  const byMinute = new Map<number, MinuteAgg>();
  for (const x of minutes) if (x.m >= 0 && x.m < 60) byMinute.set(x.m, x);
  const ordered = [...byMinute.values()].sort((a, b) => a.m - b.m);
  let lo = 0;
  let hi = 0;
  for (const x of ordered) {
    if (x.m < 32) lo |= 1 << x.m;
    else hi |= 1 << (x.m - 32);
  }
  const out: number[] = [];
  let prev = 0;
  for (const x of ordered) {
    pushVarint(out, zig(x.avg - prev));
    pushVarint(out, Math.max(0, x.max - x.avg));
    prev = x.avg;
  }
  const buf = Buffer.alloc(8 + out.length);
  buf.writeUInt32LE(lo >>> 0, 0);
  buf.writeUInt32LE(hi >>> 0, 4);
  Buffer.from(out).copy(buf, 8);
  return buf;
}

/** Unpacks a blob written by encodeMinutes; a damaged blob yields what could be read. */
export function decodeMinutes(buf: Buffer): MinuteAgg[] {
  if (buf.length < 8) return [];
  const lo = buf.readUInt32LE(0);
  const hi = buf.readUInt32LE(4);
  let pos = 8;
  const readVarint = (): number | null => {
    let n = 0;
    let mul = 1;
    for (;;) {
      if (pos >= buf.length) return null;
      const b = buf[pos++];
      n += (b & 0x7f) * mul;
      if (b < 0x80) return n;
      mul *= 0x80;
    }
  };
  const out: MinuteAgg[] = [];
  let prev = 0;
  for (let m = 0; m < 60; m++) {
    const set = m < 32 ? (lo >>> m) & 1 : (hi >>> (m - 32)) & 1;
    if (!set) continue;
    const d = readVarint();
    const extra = readVarint();
    if (d === null || extra === null) break;
    const avg = prev + unzig(d);
    out.push({ m, avg, max: avg + extra });
    prev = avg;
  }
  return out;
}
