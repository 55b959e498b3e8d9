import { afterEach, describe, expect, it } from 'vitest';
import type { MetricTarget } from '../../../../src-main/contract/metrics';
import { SeriesStore } from '../../../../src-main/core/metrics/series-store';
import { openStore, type Store } from '../../../../src-main/core/store/open-store';
import { tempDir } from '../helpers';

const host: MetricTarget = { kind: 'host', id: 'hst_p' };
const T0 = Date.UTC(2026, 2, 1, 0, 0, 0);
const MIN = 60_000;
const HOUR = 3_600_000;

let opened: Store[] = [];
function store(): { s: SeriesStore; db: Store['db'] } {
  const st = openStore({ dataDir: tempDir() });
  opened.push(st);
  return { s: new SeriesStore(st.db), db: st.db };
}
afterEach(() => {
  for (const st of opened) st.close();
  opened = [];
});
const count = (db: Store['db'], table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

let seed = 11;
const rnd = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;

/** What a raw read must return, computed from the written points: last write per second wins, buckets averaged. */
function expected(points: Map<number, number>, scale: number, fromMs: number, toMs: number, bucket: number): [number, number][] {
  const from = Math.floor(fromMs / 1000);
  const to = Math.ceil(toMs / 1000);
  const sums = new Map<number, { sum: number; n: number }>();
  for (const [t, v] of [...points.entries()].sort((a, b) => a[0] - b[0])) {
    if (t < from || t >= to) continue;
    const b = Math.floor(t / bucket) * bucket;
    const acc = sums.get(b) ?? { sum: 0, n: 0 };
    acc.sum += Math.round(v * scale);
    acc.n++;
    sums.set(b, acc);
  }
  return [...sums.entries()].map(([b, a]) => [b * 1000, Math.round((a.sum / a.n / scale) * 100) / 100]);
}

describe('SeriesStore with packed raw periods', () => {
  it('reads the same raw points before and after packing: jitter, gaps, duplicates, a late write', () => {
    const { s, db } = store();
    const cpu = new Map<number, number>();
    const bytes = new Map<number, number>();
    let t = T0;
    while (t < T0 + 3 * HOUR) {
      const v = 20 + rnd() * 60;
      const b = Math.round(1e9 + rnd() * 2e8);
      s.write(host, [{ key: 'host.cpu', v }, { key: 'host.mem.used', v: b }], t);
      cpu.set(Math.floor(t / 1000), v);
      bytes.set(Math.floor(t / 1000), b);
      // 4–6 s between polls, a 7-minute gap in the second hour, sometimes two polls in one second.
      t += rnd() < 0.05 ? 300 : 4000 + Math.floor(rnd() * 2000);
      if (t > T0 + 80 * MIN && t < T0 + 87 * MIN) t = T0 + 87 * MIN;
    }
    const windows: [number, number, number][] = [
      [T0, T0 + 3 * HOUR, 720],
      [T0 + 5 * MIN + 123, T0 + 65 * MIN + 7, 10_000],
      [T0 + 2 * HOUR, T0 + 3 * HOUR, 60],
      [T0 + 79 * MIN, T0 + 95 * MIN, 10_000],
    ];
    const readAll = () => windows.map(([a, b, n]) => s.read(host, undefined, 'raw', a, b, n));
    const before = readAll();
    while (s.maintain(T0 + 3 * HOUR + 2 * MIN, { maxSpanSec: 600 }).more);
    expect(count(db, 'metric_raw_pack')).toBeGreaterThanOrEqual(2 * 17);
    expect(count(db, 'metric_raw')).toBeLessThan(2 * 150);
    expect(readAll()).toEqual(before);
    // And both equal what was written (one point per second, the last write wins).
    for (const [i, [a, b, n]] of windows.entries()) {
      const bucket = Math.max(1, Math.ceil((Math.ceil(b / 1000) - Math.floor(a / 1000)) / n));
      expect(before[i].find((x) => x.key === 'host.cpu')!.points).toEqual(expected(cpu, 100, a, b, bucket));
      expect(before[i].find((x) => x.key === 'host.mem.used')!.points).toEqual(expected(bytes, 1, a, b, bucket));
    }

    // A late write into a packed period shows at once and wins over the packed point of its second.
    const lateT = Math.floor((T0 + 30 * MIN) / 1000);
    const [packedT] = [...cpu.keys()].filter((x) => x >= lateT).sort((x, y) => x - y);
    s.write(host, [{ key: 'host.cpu', v: 99 }], packedT * 1000);
    cpu.set(packedT, 99);
    expect(s.read(host, ['host.cpu'], 'raw', T0, T0 + 3 * HOUR, 100_000)[0].points).toEqual(expected(cpu, 100, T0, T0 + 3 * HOUR, 1));
    // The next packing step folds it into its period.
    s.write(host, [{ key: 'host.cpu', v: 1 }], T0 + 3 * HOUR + 11 * MIN);
    cpu.set(Math.floor((T0 + 3 * HOUR + 11 * MIN) / 1000), 1);
    while (s.maintain(T0 + 3 * HOUR + 21 * MIN, { maxSpanSec: 600 }).more);
    expect((db.prepare('SELECT count(*) AS n FROM metric_raw WHERE t < ?').get(Math.floor((T0 + 3 * HOUR) / 1000)) as { n: number }).n).toBe(0);
    expect(s.read(host, ['host.cpu'], 'raw', T0, T0 + 4 * HOUR, 100_000)[0].points).toEqual(expected(cpu, 100, T0, T0 + 4 * HOUR, 1));
  });

  it('latest() reads the newest packed point when no open row is left; a 7-day read averages the minutes', () => {
    const { s, db } = store();
    for (let i = 0; i < 240; i++) s.write(host, [{ key: 'host.load1', v: (i % 7) / 4 }], T0 + i * 5000);
    while (s.maintain(T0 + 20 * MIN + 31_000).more);
    expect(count(db, 'metric_raw')).toBe(0);
    // 7 days in 720 buckets of 840 s: averages of the 1-minute averages (rounded scaled integers).
    const minuteAvg = (m: number) => Math.round(Array.from({ length: 12 }, (_, k) => Math.round(((m * 12 + k) % 7) / 4 * 100)).reduce((x, y) => x + y, 0) / 12);
    const from = T0 + 20 * MIN - 7 * 24 * HOUR;
    const bucketStart = (ms: number) => Math.floor(ms / 1000 / 840) * 840 * 1000;
    const want = new Map<number, number[]>();
    for (let m = 0; m < 20; m++) want.set(bucketStart(T0 + m * MIN), [...(want.get(bucketStart(T0 + m * MIN)) ?? []), minuteAvg(m)]);
    const week = s.read(host, undefined, '1m', from, T0 + 20 * MIN, 720)[0].points;
    expect(week).toEqual([...want.entries()].map(([b, xs]) => [b, Math.round((xs.reduce((x, y) => x + y, 0) / xs.length / 100) * 100) / 100]));
    expect(new SeriesStore(db).latest(host, 'host.load1')).toEqual({ t: T0 + 239 * 5000, v: (239 % 7) / 4 });
  });

  it('packs a period of many series in several small transactions, and loses no point', () => {
    const { s, db } = store();
    const targets: MetricTarget[] = Array.from({ length: 11 }, (_, i) => ({ kind: 'host', id: `hst_${i}` }));
    const keys = Array.from({ length: 20 }, (_, k) => `host.disk.pct:/m${k}`);
    for (let t = T0; t < T0 + 11 * MIN; t += 5000) for (const target of targets) s.write(target, keys.map((key, k) => ({ key, v: k + (t % 7) })), t);
    const before = s.read(targets[10], undefined, 'raw', T0, T0 + 11 * MIN, 10_000);
    let calls = 1;
    while (s.maintain(T0 + 11 * MIN, { maxSpanSec: 600 }).more) calls++;
    expect(calls).toBe(2); // 220 series: two packing transactions (200 + 20)
    expect(count(db, 'metric_raw_pack')).toBe(220);
    expect(count(db, 'metric_raw')).toBe(220 * 12); // the open period's minute
    expect(s.read(targets[10], undefined, 'raw', T0, T0 + 11 * MIN, 10_000)).toEqual(before);
    expect(before[0].points).toHaveLength(132);

    // A pass that time overtakes: 200 series packed, then 10 minutes later (catching up with a
    // larger span) the pass ends at the period it started with before the next periods are
    // packed; no row is left behind.
    for (let t = T0 + 11 * MIN; t < T0 + 31 * MIN; t += 5000) for (const target of targets) s.write(target, keys.map((key, k) => ({ key, v: k + (t % 7) })), t);
    s.maintain(T0 + 20 * MIN + 31_000, { maxSpanSec: 600 });
    expect(count(db, 'metric_raw_pack')).toBe(220 + 200);
    const later = s.read(targets[10], undefined, 'raw', T0, T0 + 31 * MIN, 10_000);
    while (s.maintain(T0 + 31 * MIN + 31_000, { maxSpanSec: 1800 }).more);
    expect(count(db, 'metric_raw_pack')).toBe(3 * 220);
    expect((db.prepare('SELECT count(*) AS n FROM metric_raw WHERE t < ?').get(Math.floor((T0 + 30 * MIN) / 1000)) as { n: number }).n).toBe(0);
    expect(s.read(targets[10], undefined, 'raw', T0, T0 + 31 * MIN, 10_000)).toEqual(later);
  });

  it('keeps raw points for 24 h exactly: a packed period across the cut shows only what is newer', () => {
    const { s } = store();
    for (let i = 0; i < 720; i++) s.write(host, [{ key: 'host.cpu', v: 10 + (i % 3) }], T0 + i * 5000);
    while (s.maintain(T0 + 24 * HOUR + 5 * MIN, { maxSpanSec: 600 }).more);
    const pts = s.read(host, ['host.cpu'], 'raw', T0 - HOUR, T0 + HOUR, 10_000)[0].points;
    expect(pts[0][0]).toBeGreaterThanOrEqual(T0 + 5 * MIN - 30_000);
    expect(pts[0][0]).toBeLessThanOrEqual(T0 + 5 * MIN);
    expect(pts[pts.length - 1][0]).toBe(T0 + 719 * 5000);
    // A year of hours: the 1-hour read still shows the rolled-up hour.
    const year = s.read(host, ['host.cpu'], '1h', T0 + 25 * HOUR - 365 * 24 * HOUR, T0 + 25 * HOUR, 720)[0].points;
    // 365 days in 720 buckets: 13-hour buckets; the one hour rolled up is its own bucket's average.
    const b = 13 * 3600;
    expect(year).toEqual([[Math.floor(T0 / 1000 / b) * b * 1000, 11]]);
  });
});
