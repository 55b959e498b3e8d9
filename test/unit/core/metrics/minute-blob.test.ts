import { describe, expect, it } from 'vitest';
import { decodeMinutes, encodeMinutes } from '../../../../src-main/core/metrics/minute-blob';

describe('packed 1-minute hours', () => {
  it('round-trips minutes with gaps, negative and large values', () => {
    const minutes = [
      { m: 0, avg: 5500, max: 9000 },
      { m: 1, avg: 5400, max: 5400 },
      { m: 31, avg: -120, max: 15 },
      { m: 32, avg: 2_063_302_656, max: 2_163_302_656 },
      { m: 59, avg: 2 ** 50, max: 2 ** 50 + 7 },
    ];
    expect(decodeMinutes(encodeMinutes(minutes))).toEqual(minutes);
  });

  it('orders minutes, keeps the last of a duplicate and ignores minutes outside the hour', () => {
    const out = decodeMinutes(encodeMinutes([{ m: 10, avg: 1, max: 1 }, { m: 2, avg: 5, max: 6 }, { m: 10, avg: 3, max: 4 }, { m: 60, avg: 9, max: 9 }]));
    expect(out).toEqual([{ m: 2, avg: 5, max: 6 }, { m: 10, avg: 3, max: 4 }]);
  });

  it('is small: a full hour of slowly varying percentages fits in well under 200 bytes', () => {
    const hour = Array.from({ length: 60 }, (_, m) => ({ m, avg: 4000 + m * 3, max: 4100 + m * 3 }));
    const buf = encodeMinutes(hour);
    expect(buf.length).toBeLessThan(200);
    expect(decodeMinutes(buf)).toEqual(hour);
  });

  it('gives no minute (never a wrong value) for a damaged blob', () => {
    const buf = encodeMinutes([{ m: 0, avg: 300, max: 400 }, { m: 1, avg: 500, max: 600 }]);
    expect(decodeMinutes(buf.subarray(0, buf.length - 1))).toEqual([]);
    expect(decodeMinutes(Buffer.alloc(3))).toEqual([]);
  });

  it('packs a full hour of noisy byte counts in bits, not whole varint bytes', () => {
    // Random values over a 2 MB range: 21 bits each, ~2.6 bytes per avg instead of a 4-byte varint delta.
    let seed = 7;
    const rnd = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    const hour = Array.from({ length: 60 }, (_, m) => {
      const avg = Math.round(1e9 + rnd() * 2e6);
      return { m, avg, max: avg + Math.round(rnd() * 1e6) };
    });
    const buf = encodeMinutes(hour);
    expect(decodeMinutes(buf)).toEqual(hour);
    expect(buf.length).toBeLessThan(1 + 2 * 8 + Math.ceil((60 * (21 + 20)) / 8));
  });
});
