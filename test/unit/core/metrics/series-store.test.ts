import { afterEach, describe, expect, it } from 'vitest';
import type { MetricTarget } from '../../../../src-main/contract/metrics';
import { decodeMinutes } from '../../../../src-main/core/metrics/minute-blob';
import { decodeRaw } from '../../../../src-main/core/metrics/raw-blob';
import { SeriesStore } from '../../../../src-main/core/metrics/series-store';
import { decodeHours } from '../../../../src-main/core/metrics/slot-blob';
import { openStore, type Store } from '../../../../src-main/core/store/open-store';
import { tempDir } from '../helpers';

const host: MetricTarget = { kind: 'host', id: 'hst_a' };
const other: MetricTarget = { kind: 'host', id: 'hst_b' };
const T0 = Date.UTC(2026, 0, 1, 0, 0, 0);
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
/** 1-minute rollups are packed per hour: count the minutes inside. */
const minutes = (db: Store['db']) => (db.prepare('SELECT data FROM metric_1m').all() as { data: Buffer }[]).reduce((a, r) => a + decodeMinutes(r.data).length, 0);
/** 1-hour rollups are packed per day: count the hours inside. */
const hours = (db: Store['db']) => (db.prepare('SELECT data FROM metric_1h').all() as { data: Buffer }[]).reduce((a, r) => a + decodeHours(r.data).length, 0);
/** Raw points: open rows plus the points of packed 10-minute periods. */
const rawPoints = (db: Store['db']) =>
  count(db, 'metric_raw') + (db.prepare('SELECT p, data FROM metric_raw_pack').all() as { p: number; data: Buffer }[]).reduce((a, r) => a + decodeRaw(r.p, r.data).length, 0);

describe('SeriesStore', () => {
  it('stores scaled integers and gives values back in their unit, with latest()', () => {
    const { s, db } = store();
    s.write(host, [{ key: 'host.cpu', v: 12.345 }, { key: 'host.mem.used', v: 1_234_567_890 }, { key: 'host.load1', v: 0.5 }], T0);
    s.write(host, [{ key: 'host.cpu', v: 50 }, { key: 'bad', v: Number.NaN }], T0 + 5000);
    expect(s.latest(host, 'host.cpu')).toEqual({ t: T0 + 5000, v: 50 });
    expect(s.latest(host, 'host.mem.used')).toEqual({ t: T0, v: 1_234_567_890 });
    expect(s.latest(host, 'host.load1')?.v).toBe(0.5);
    expect(s.latest(other, 'host.cpu')).toBeNull();
    expect(s.keys(host)).toEqual(['host.cpu', 'host.load1', 'host.mem.used']);
    // Percent × 100 as an INTEGER on disk.
    expect(db.prepare("SELECT typeof(v) AS t, v FROM metric_raw r JOIN metric_series s ON s.id = r.series_id WHERE s.key = 'host.cpu' ORDER BY t LIMIT 1").get()).toEqual({ t: 'integer', v: 1235 });
    // A fresh store object reads the newest value from disk.
    expect(new SeriesStore(db).latest(host, 'host.cpu')).toEqual({ t: T0 + 5000, v: 50 });
  });

  it('rolls closed minutes into 1-minute avg/max and hours into 1-hour rows, incrementally', () => {
    const { s, db } = store();
    // 2 hours of 5-second points: cpu climbs 0..1439 (as percent/100 to stay in range).
    for (let i = 0; i < 1440; i++) s.write(host, [{ key: 'host.cpu', v: i / 20 }], T0 + i * 5000);
    const now = T0 + 2 * HOUR + MIN;
    let steps = 0;
    while (s.maintain(now, { maxSpanSec: 1800 }).more) steps++;
    expect(steps).toBeGreaterThanOrEqual(3); // 2 h of minutes in 30-minute slices
    expect(count(db, 'metric_1m')).toBe(2); // one packed row per hour
    expect(minutes(db)).toBe(120);
    expect(count(db, 'metric_1h')).toBe(1); // one packed row per day
    expect(hours(db)).toBe(2);
    const first = db.prepare('SELECT h, data FROM metric_1m ORDER BY h LIMIT 1').get() as { h: number; data: Buffer };
    expect(first.h).toBe(T0 / 1000);
    // Minute 0 holds points 0..11: avg 5.5/20 %, max 11/20 % (× 100 on disk).
    expect(decodeMinutes(first.data)[0]).toEqual({ m: 0, avg: Math.round((5.5 / 20) * 100), max: Math.round((11 / 20) * 100) });
    const day = db.prepare('SELECT d, data FROM metric_1h ORDER BY d LIMIT 1').get() as { d: number; data: Buffer };
    expect(day.d).toBe(T0 / 1000);
    const h = decodeHours(day.data)[0];
    expect(h.s).toBe(0);
    expect(h.max).toBe(Math.round((719 / 20) * 100));
    // The closed 10-minute periods of raw points are packed (one row per series and period); nothing is lost.
    expect(count(db, 'metric_raw_pack')).toBe(12);
    expect(rawPoints(db)).toBe(1440);
    // Running again does nothing.
    expect(s.maintain(now)).toEqual({ rolled1m: 0, rolled1h: 0, deleted: 0, more: false });
  });

  it('keeps raw 24 h, 1-minute 30 days, 1-hour a year, deleting only what is rolled up', () => {
    const { s, db } = store();
    for (let i = 0; i < 60; i++) s.write(host, [{ key: 'host.cpu', v: 10 }], T0 + i * MIN);
    s.maintain(T0 + HOUR + MIN);
    expect(rawPoints(db)).toBe(60);
    expect(minutes(db)).toBe(60);
    expect(hours(db)).toBe(1);
    // A day later the raw points go; the rollups stay.
    while (s.maintain(T0 + 26 * HOUR).more);
    expect(rawPoints(db)).toBe(0);
    expect(minutes(db)).toBe(60);
    // 31 days later the minutes go; the hour stays for a year.
    while (s.maintain(T0 + 31 * 24 * HOUR).more);
    expect(count(db, 'metric_1m')).toBe(0);
    expect(hours(db)).toBe(1);
    while (s.maintain(T0 + 367 * 24 * HOUR).more);
    expect(count(db, 'metric_1h')).toBe(0);
    // The series has no point left: it leaves the catalog.
    expect(s.keys(host)).toEqual(['host.cpu']);
    expect(s.pruneEmpty()).toBe(1);
    expect(s.keys(host)).toEqual([]);
    expect(s.latest(host, 'host.cpu')).toBeNull();
  });

  it('reads a window at a resolution, caps points by averaging buckets, and fills the unrolled tail from raw', () => {
    const { s } = store();
    for (let i = 0; i < 720; i++) s.write(host, [{ key: 'host.cpu', v: i % 2 === 0 ? 10 : 20 }, { key: 'host.load1', v: 1 }], T0 + i * 5000);
    const raw = s.read(host, ['host.cpu'], 'raw', T0, T0 + HOUR, 10_000);
    expect(raw).toHaveLength(1);
    expect(raw[0].points).toHaveLength(720);
    expect(raw[0].points[0]).toEqual([T0, 10]);
    const capped = s.read(host, ['host.cpu'], 'raw', T0, T0 + HOUR, 60);
    expect(capped[0].points).toHaveLength(60);
    expect(capped[0].points.every(([, v]) => v === 15)).toBe(true);
    // Nothing rolled up yet: a 1-minute read still shows the hour, from raw.
    const fresh = s.read(host, ['host.cpu'], '1m', T0, T0 + HOUR, 1000);
    expect(fresh[0].points).toHaveLength(60);
    s.maintain(T0 + HOUR + MIN);
    const rolled = s.read(host, undefined, '1m', T0, T0 + HOUR, 1000);
    expect(rolled.map((r) => r.key)).toEqual(['host.cpu', 'host.load1']);
    expect(rolled[0].points).toHaveLength(60);
    expect(rolled[0].points[5]).toEqual([T0 + 5 * MIN, 15]);
    const yearly = s.read(host, ['host.cpu'], '1h', T0 - 300 * 24 * HOUR, T0 + HOUR, 500);
    expect(yearly[0].points.length).toBeGreaterThan(0);
    expect(yearly[0].points.every(([, v]) => v === 15)).toBe(true);
  });

  it('forgets a target entirely', () => {
    const { s, db } = store();
    s.write(host, [{ key: 'host.cpu', v: 1 }], T0);
    s.write(other, [{ key: 'host.cpu', v: 2 }], T0);
    s.dropTarget(host);
    expect(s.latest(host, 'host.cpu')).toBeNull();
    expect(s.keys(host)).toEqual([]);
    expect(s.latest(other, 'host.cpu')?.v).toBe(2);
    expect(count(db, 'metric_raw')).toBe(1);
  });
});
