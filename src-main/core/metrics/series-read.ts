import { decodeRawColumns } from './raw-blob';
import { decodeSlotAvgs } from './slot-blob';

/**
 * Read side of the series store: decodes the packed rows of a window and averages them into
 * buckets exactly as SQL `avg` over one row per point did (integer sums, one division).
 */

/** One bucket: its start (epoch seconds) and the average of its scaled values. */
export interface Bucket {
  b: number;
  v: number;
}

/** Averages time-ordered (t, v) into buckets of `b` seconds, in order. */
export function bucketAvg(ts: number[], vs: number[], b: number): Bucket[] {
  const out: Bucket[] = [];
  let cur = NaN;
  let sum = 0;
  let n = 0;
  for (let i = 0; i < ts.length; i++) {
    const k = Math.floor(ts[i] / b) * b;
    if (k !== cur) {
      if (n > 0) out.push({ b: cur, v: sum / n });
      cur = k;
      sum = 0;
      n = 0;
    }
    sum += vs[i];
    n++;
  }
  if (n > 0) out.push({ b: cur, v: sum / n });
  return out;
}

/**
 * Raw points in [from, to) from packed periods (in period order) and open rows (in time order),
 * averaged into buckets. A row wins over a packed point of the same second (a late write).
 */
export function rawBuckets(packs: { p: number; data: Buffer }[], rows: { t: number; v: number }[], from: number, to: number, bucket: number): Bucket[] {
  const ts: number[] = [];
  const vs: number[] = [];
  for (const pack of packs) {
    const x = decodeRawColumns(pack.p, pack.data);
    for (let i = 0; i < x.t.length; i++) {
      if (x.t[i] < from || x.t[i] >= to) continue;
      ts.push(x.t[i]);
      vs.push(x.v[i]);
    }
  }
  if (rows.length > 0 && ts.length > 0 && rows[0].t <= ts[ts.length - 1]) {
    // A late write into a packed period: merge by second.
    const byT = new Map<number, number>();
    for (let i = 0; i < ts.length; i++) byT.set(ts[i], vs[i]);
    for (const r of rows) byT.set(r.t, r.v);
    const order = [...byT.keys()].sort((a, b) => a - b);
    return bucketAvg(
      order,
      order.map((t) => byT.get(t)!),
      bucket,
    );
  }
  for (const r of rows) {
    ts.push(r.t);
    vs.push(r.v);
  }
  return bucketAvg(ts, vs, bucket);
}

/**
 * Rollup averages in [from, to) from slot blobs (`start` epoch seconds of each blob, in order;
 * `slots` slots of `slotSec` seconds: 60 minutes of an hour, 24 hours of a day), averaged into buckets.
 */
export function slotBuckets(blobs: { start: number; data: Buffer }[], slots: number, slotSec: number, from: number, to: number, bucket: number): Bucket[] {
  const ts: number[] = [];
  const vs: number[] = [];
  for (const row of blobs) {
    const x = decodeSlotAvgs(row.data, slots);
    for (let i = 0; i < x.s.length; i++) {
      const t = row.start + x.s[i] * slotSec;
      if (t < from || t >= to) continue;
      ts.push(t);
      vs.push(x.avg[i]);
    }
  }
  return bucketAvg(ts, vs, bucket);
}
