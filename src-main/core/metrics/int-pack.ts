/**
 * Integer columns packed in bits, for the metric blobs (`raw-blob.ts`, `slot-blob.ts`).
 *
 * A column of n integers (n known to the caller) is written in the smallest of:
 * - FOR: the minimum, then each value − minimum in `w` bits (w = bits of the largest);
 * - DELTA: the first value and the smallest change, then each change − smallest change in `w`
 *   bits (a steady clock or a counter growing at a steady rate costs 0 bits per value);
 * - VARINT: signed varints (only when a range does not fit in a safe integer);
 * - FLOAT: 8-byte doubles (only when a value is not a safe integer).
 * Header: one byte, mode in the top 2 bits and `w` (0–53) in the low 6. Lossless.
 */

const MODE_FOR = 0;
const MODE_DELTA = 1;
const MODE_VARINT = 2;
const MODE_FLOAT = 3;
const MAX = Number.MAX_SAFE_INTEGER;

/** Growable byte buffer with varints and bit-packed fields. */
export class ByteWriter {
  private buf = Buffer.alloc(64);
  private len = 0;

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = Buffer.alloc(Math.max(this.buf.length * 2, this.len + n));
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }

  /** One byte (0–255). */
  byte(b: number): void {
    this.ensure(1);
    this.buf[this.len++] = b;
  }

  /** Unsigned varint (0 ≤ n ≤ 2^53): 7 bits per byte, high bit = more. */
  uvarint(n: number): void {
    while (n >= 0x80) {
      this.byte((n % 0x80) | 0x80);
      n = Math.floor(n / 0x80);
    }
    this.byte(n);
  }

  /** Signed varint (|n| ≤ 2^53): first byte has a sign bit and 6 bits of magnitude. */
  svarint(n: number): void {
    let mag = Math.abs(n);
    const low = mag % 0x40;
    mag = Math.floor(mag / 0x40);
    this.byte((mag > 0 ? 0x80 : 0) | (n < 0 ? 0x40 : 0) | low);
    if (mag > 0) this.uvarint(mag);
  }

  /** A double, little-endian. */
  float(x: number): void {
    this.ensure(8);
    this.buf.writeDoubleLE(x, this.len);
    this.len += 8;
  }

  /** `values` (each 0 ≤ v < 2^w, w ≤ 53) in w bits each, LSB first, padded to a byte. */
  bits(values: ArrayLike<number>, from: number, w: number): void {
    if (w === 0) return;
    this.ensure(Math.ceil(((values.length - from) * w) / 8));
    let cur = 0;
    let used = 0;
    for (let i = from; i < values.length; i++) {
      let v = values[i];
      let left = w;
      while (left > 0) {
        const take = Math.min(left, 8 - used);
        const unit = 1 << take;
        const part = v % unit;
        cur |= part << used;
        used += take;
        v = (v - part) / unit;
        left -= take;
        if (used === 8) {
          this.buf[this.len++] = cur;
          cur = 0;
          used = 0;
        }
      }
    }
    if (used > 0) this.buf[this.len++] = cur;
  }

  /** The bytes written (a copy). */
  toBuffer(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.len));
  }
}

/** Thrown by ByteReader when the data ends early (a damaged blob). */
export class TruncatedError extends Error {}

/** Reads what ByteWriter wrote. Throws TruncatedError past the end. */
export class ByteReader {
  pos = 0;
  constructor(private readonly buf: Buffer) {}

  byte(): number {
    if (this.pos >= this.buf.length) throw new TruncatedError('truncated');
    return this.buf[this.pos++];
  }

  uvarint(): number {
    let n = 0;
    let mul = 1;
    for (;;) {
      const b = this.byte();
      n += (b & 0x7f) * mul;
      if (b < 0x80) return n;
      mul *= 0x80;
    }
  }

  svarint(): number {
    const b = this.byte();
    let mag = b & 0x3f;
    if (b & 0x80) mag += this.uvarint() * 0x40;
    return b & 0x40 ? -mag : mag;
  }

  float(): number {
    if (this.pos + 8 > this.buf.length) throw new TruncatedError('truncated');
    const x = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return x;
  }

  /** n values of w bits into out[at..], each plus `add`. */
  bits(out: number[], at: number, n: number, w: number, add: number): void {
    if (w === 0) {
      for (let i = 0; i < n; i++) out[at + i] = add;
      return;
    }
    const bytes = Math.ceil((n * w) / 8);
    if (this.pos + bytes > this.buf.length) throw new TruncatedError('truncated');
    const buf = this.buf;
    let p = this.pos;
    if (w <= 24) {
      // Fast path: a 32-bit accumulator (at most 31 bits in use).
      const mask = (1 << w) - 1;
      let acc = 0;
      let nb = 0;
      for (let i = 0; i < n; i++) {
        while (nb < w) {
          acc |= buf[p++] << nb;
          nb += 8;
        }
        out[at + i] = (acc & mask) + add;
        acc >>>= w;
        nb -= w;
      }
      this.pos += bytes;
      return;
    }
    let cur = buf[p];
    let used = 0;
    for (let i = 0; i < n; i++) {
      let v = 0;
      let mul = 1;
      let left = w;
      while (left > 0) {
        if (used === 8) {
          cur = buf[++p];
          used = 0;
        }
        const take = Math.min(left, 8 - used);
        v += ((cur >>> used) & ((1 << take) - 1)) * mul;
        mul *= 1 << take;
        used += take;
        left -= take;
      }
      out[at + i] = v + add;
    }
    this.pos += bytes;
  }
}

function widthOf(x: number): number {
  let w = 0;
  let p = 1;
  while (x >= p && w < 60) {
    w++;
    p *= 2;
  }
  return w;
}

function svarintLen(n: number): number {
  let mag = Math.floor(Math.abs(n) / 0x40);
  let len = 1;
  while (mag > 0) {
    len++;
    mag = Math.floor(mag / 0x80);
  }
  return len;
}

/** Writes a column of integers (see the module comment); the reader must know how many. */
export function writeColumn(w: ByteWriter, values: number[]): void {
  const n = values.length;
  if (n === 0) return;
  if (!values.every((v) => Number.isSafeInteger(v))) {
    w.byte(MODE_FLOAT << 6);
    for (const v of values) w.float(v);
    return;
  }
  let min = values[0];
  let max = values[0];
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const forOk = max - min <= MAX;
  const forW = forOk ? widthOf(max - min) : 64;
  const forCost = forOk ? svarintLen(min) + Math.ceil((n * forW) / 8) : Infinity;

  let dMin = Infinity;
  let dMax = -Infinity;
  let deltaOk = n > 1;
  for (let i = 1; i < n && deltaOk; i++) {
    const d = values[i] - values[i - 1];
    if (Math.abs(d) > MAX) deltaOk = false;
    if (d < dMin) dMin = d;
    if (d > dMax) dMax = d;
  }
  deltaOk = deltaOk && dMax - dMin <= MAX;
  const dW = deltaOk ? widthOf(dMax - dMin) : 64;
  const deltaCost = deltaOk ? svarintLen(values[0]) + svarintLen(dMin) + Math.ceil(((n - 1) * dW) / 8) : Infinity;

  if (forCost === Infinity && deltaCost === Infinity) {
    w.byte(MODE_VARINT << 6);
    for (const v of values) w.svarint(v);
  } else if (deltaCost < forCost) {
    w.byte((MODE_DELTA << 6) | dW);
    w.svarint(values[0]);
    w.svarint(dMin);
    const ds = new Array<number>(n);
    ds[0] = 0;
    for (let i = 1; i < n; i++) ds[i] = values[i] - values[i - 1] - dMin;
    w.bits(ds, 1, dW);
  } else {
    w.byte((MODE_FOR << 6) | forW);
    w.svarint(min);
    const os = new Array<number>(n);
    for (let i = 0; i < n; i++) os[i] = values[i] - min;
    w.bits(os, 0, forW);
  }
}

/** Reads a column of n integers written by writeColumn. Throws TruncatedError on damaged data. */
export function readColumn(r: ByteReader, n: number): number[] {
  const out = new Array<number>(n);
  if (n === 0) return out;
  const head = r.byte();
  const mode = head >>> 6;
  const bitsW = head & 0x3f;
  if (mode === MODE_FLOAT) {
    for (let i = 0; i < n; i++) out[i] = r.float();
  } else if (mode === MODE_VARINT) {
    for (let i = 0; i < n; i++) out[i] = r.svarint();
  } else if (mode === MODE_FOR) {
    const min = r.svarint();
    r.bits(out, 0, n, bitsW, min);
  } else {
    const first = r.svarint();
    const dMin = r.svarint();
    r.bits(out, 1, n - 1, bitsW, dMin);
    out[0] = first;
    for (let i = 1; i < n; i++) out[i] += out[i - 1];
  }
  return out;
}
