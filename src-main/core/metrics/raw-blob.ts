import { ByteReader, ByteWriter, readColumn, writeColumn } from './int-pack';

/**
 * A closed period (`RAW_PERIOD_SEC`, 10 minutes) of raw points of one series packed in a BLOB
 * (`metric_raw_pack`): the number of points (varint), then two bit-packed integer columns
 * (`int-pack.ts`): the seconds since the period start (regular polling: 0 bits per point) and the
 * scaled values. Lossless; ~1–4 bytes per point instead of ~17 as a row.
 */

/** Seconds of raw points per packed row. */
export const RAW_PERIOD_SEC = 600;

/** One raw point: epoch seconds and scaled value. */
export interface RawPoint {
  t: number;
  v: number;
}

/** Packs points of the period starting at `p` (any order; the last one wins per second). */
export function encodeRaw(p: number, points: RawPoint[]): Buffer {
  const byT = new Map<number, number>();
  for (const x of points) byT.set(x.t, x.v);
  const ts = [...byT.keys()].sort((a, b) => a - b);
  const w = new ByteWriter();
  w.uvarint(ts.length);
  writeColumn(
    w,
    ts.map((t) => t - p),
  );
  writeColumn(
    w,
    ts.map((t) => byT.get(t)!),
  );
  return w.toBuffer();
}

/** Unpacks a blob written by encodeRaw for the period starting at `p` as columns (epoch seconds, values), in time order; a damaged blob yields no point. */
export function decodeRawColumns(p: number, buf: Buffer): { t: number[]; v: number[] } {
  try {
    const r = new ByteReader(buf);
    const n = r.uvarint();
    if (n > RAW_PERIOD_SEC) return { t: [], v: [] }; // one point per second at most: a damaged count
    const t = readColumn(r, n);
    for (let i = 0; i < n; i++) t[i] += p;
    return { t, v: readColumn(r, n) };
  } catch {
    return { t: [], v: [] };
  }
}

/** Unpacks a blob written by encodeRaw for the period starting at `p`, in time order; a damaged blob yields no point. */
export function decodeRaw(p: number, buf: Buffer): RawPoint[] {
  const c = decodeRawColumns(p, buf);
  return c.t.map((t, i) => ({ t, v: c.v[i] }));
}
