import { describe, expect, it } from 'vitest';
import { ByteReader, ByteWriter, readColumn, writeColumn } from '../../../../src-main/core/metrics/int-pack';
import { decodeRaw, encodeRaw } from '../../../../src-main/core/metrics/raw-blob';
import { decodeHours, encodeHours } from '../../../../src-main/core/metrics/slot-blob';

let seed = 42;
const rnd = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;

function roundTrip(values: number[]): { out: number[]; bytes: number } {
  const w = new ByteWriter();
  writeColumn(w, values);
  w.byte(0xab); // what follows a column is read from the right place
  const buf = w.toBuffer();
  const r = new ByteReader(buf);
  const out = readColumn(r, values.length);
  expect(r.byte()).toBe(0xab);
  return { out, bytes: buf.length - 1 };
}

describe('bit-packed integer columns', () => {
  it('round-trips edge values: empty, one, negative, constant, 2^53 − 1, non-integers', () => {
    const cases = [
      [],
      [0],
      [-5],
      [7, 7, 7, 7],
      [-120, 15, 2_063_302_656, 2 ** 50, -(2 ** 50)],
      [Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 0],
      [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER - 1],
      [1.5, 1e20, -3],
      Array.from({ length: 300 }, () => Math.round((rnd() - 0.5) * 2 ** 40)),
    ];
    for (const c of cases) expect(roundTrip(c).out).toEqual(c);
  });

  it('random widths round-trip (every width 0–53)', () => {
    for (let w = 0; w <= 53; w++) {
      const vals = Array.from({ length: 37 }, () => Math.floor(rnd() * 2 ** w) - 2 ** Math.max(0, w - 1));
      expect(roundTrip(vals).out).toEqual(vals);
    }
  });

  it('costs 0 bits per value for a steady clock or a steady counter, and ~width bits for noise', () => {
    expect(roundTrip(Array.from({ length: 120 }, (_, i) => i * 5)).bytes).toBeLessThanOrEqual(4);
    expect(roundTrip(Array.from({ length: 120 }, (_, i) => 2e10 + i * 1585)).bytes).toBeLessThanOrEqual(12);
    // 120 values over a 2^20 range: 20 bits each = 300 bytes, plus a small header.
    const noise = Array.from({ length: 120 }, () => 1e9 + Math.floor(rnd() * 2 ** 20));
    expect(roundTrip(noise).bytes).toBeLessThanOrEqual(300 + 8);
  });

  it('fails on truncated data instead of inventing values', () => {
    const w = new ByteWriter();
    writeColumn(w, [1, 1000, 5, 70_000]);
    const buf = w.toBuffer();
    expect(() => readColumn(new ByteReader(buf.subarray(0, buf.length - 1)), 4)).toThrow();
  });
});

describe('packed raw periods and days of hours', () => {
  it('round-trips a 10-minute period with jitter, gaps and a duplicate second (last wins)', () => {
    const p = 1_800_000_000;
    const pts = [
      { t: p + 0, v: 10 },
      { t: p + 5, v: 11 },
      { t: p + 11, v: -3 },
      { t: p + 11, v: 12 },
      { t: p + 599, v: 2_063_302_656 },
    ];
    expect(decodeRaw(p, encodeRaw(p, pts))).toEqual([pts[0], pts[1], pts[3], pts[4]]);
    expect(decodeRaw(p, encodeRaw(p, []))).toEqual([]);
    const full = encodeRaw(p, [{ t: p, v: 1 }, { t: p + 5, v: 2 }]);
    expect(decodeRaw(p, full.subarray(0, full.length - 1))).toEqual([]);
  });

  it('120 five-second points of a percentage fit in a few bytes per point', () => {
    const p = 1_800_000_000;
    const pts = Array.from({ length: 120 }, (_, i) => ({ t: p + i * 5, v: 2000 + Math.round(rnd() * 500) }));
    const buf = encodeRaw(p, pts);
    expect(decodeRaw(p, buf)).toEqual(pts);
    expect(buf.length).toBeLessThan(120 * 2);
  });

  it('round-trips the hours of a day with gaps', () => {
    const hours = [
      { s: 0, avg: 5, max: 9 },
      { s: 7, avg: -2, max: 0 },
      { s: 23, avg: 2 ** 45, max: 2 ** 45 + 1 },
    ];
    expect(decodeHours(encodeHours([...hours, { s: 24, avg: 1, max: 1 }]))).toEqual(hours);
  });
});
