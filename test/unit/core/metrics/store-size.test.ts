import { afterAll, describe, expect, it } from 'vitest';
import type { MetricTarget } from '../../../../src-main/contract/metrics';
import { decodeMinutes } from '../../../../src-main/core/metrics/minute-blob';
import { decodeRaw } from '../../../../src-main/core/metrics/raw-blob';
import { SeriesStore } from '../../../../src-main/core/metrics/series-store';
import { decodeHours } from '../../../../src-main/core/metrics/slot-blob';
import { openStore, type Store } from '../../../../src-main/core/store/open-store';
import { tempDir } from '../helpers';

/**
 * The size of a year of 5-second polling, measured: a synthetic year for a few hosts written
 * through `write` + `maintain` (the real rollup and retention path) so that each table ends with
 * the data 5-second polling leaves at steady state — raw points for the last 24 h at 5 s (packed
 * per 10-minute period but the open one), 1-minute rollups for 30 days (packed per hour), 1-hour
 * rollups for the year (packed per day). Older periods are written sparser (one point per
 * minute, then per hour): they produce the same rollup rows as 5-second polling would. Bytes come
 * from SQLite's dbstat and are extrapolated to 50 hosts.
 */
const HOSTS = 2;
const TARGET_HOSTS = 50;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 1);
const START = NOW - 365 * DAY;

/** The keys of a typical host poll: 18 host series (2 mounts) + 2 for a PM2 process. */
const KEYS: [string, (t: number, h: number) => number][] = [
  ['host.cpu', (t, h) => 20 + 15 * Math.sin(t / 3.6e6 + h) + Math.random() * 5],
  ['host.load1', () => Math.random() * 2],
  ['host.load5', () => Math.random() * 1.5],
  ['host.load15', () => Math.random()],
  ['host.mem.pct', () => 55 + Math.random() * 10],
  ['host.mem.used', () => 1.1e9 + Math.random() * 2e8],
  ['host.mem.total', () => 2_063_302_656],
  ['host.swap.pct', () => Math.random() * 3],
  ['host.swap.used', () => Math.random() * 3e7],
  ['host.disk.pct:/', (t) => 40 + (t - START) / (365 * DAY) * 20],
  ['host.disk.used:/', (t) => 2e10 + ((t - START) / (365 * DAY)) * 1e10],
  ['host.disk.pct:/var', () => 30 + Math.random()],
  ['host.disk.used:/var', () => 1.5e10 + Math.random() * 1e6],
  ['host.io.read', () => Math.random() * 2e6],
  ['host.io.write', () => Math.random() * 5e6],
  ['host.net.rx', () => Math.random() * 1e6],
  ['host.net.tx', () => Math.random() * 3e6],
  ['host.uptime', (t) => (t - START) / 1000],
  ['pm2.cpu:api', () => Math.random() * 30],
  ['pm2.mem:api', () => 9e7 + Math.random() * 1e7],
];

let st: Store;
afterAll(() => st?.close());

describe('store size of a year of 5-second polling', () => {
  it('writes a synthetic year through the rollup path and extrapolates to 50 hosts', () => {
    st = openStore({ dataDir: tempDir() });
    const s = new SeriesStore(st.db);
    const targets: MetricTarget[] = Array.from({ length: HOSTS }, (_, i) => ({ kind: 'host', id: `hst_${i}` }));
    const writeAt = (t: number) => {
      for (let h = 0; h < HOSTS; h++) s.write(targets[h], KEYS.map(([key, f]) => ({ key, v: f(t, h) })), t);
    };
    let writeMs = 0;
    let maintainMs = 0;
    for (let day = START; day < NOW; day += DAY) {
      const age = NOW - day;
      // Two points a minute where minutes are kept, so each minute has a spread (max > avg) as with 5-second polling.
      const step = age > 30 * DAY ? 3_600_000 : age > DAY ? 30_000 : 5_000;
      const w0 = performance.now();
      st.db.transaction(() => {
        for (let t = day; t < day + DAY; t += step) writeAt(t);
      })();
      const m0 = performance.now();
      writeMs += m0 - w0;
      while (s.maintain(day + DAY, { maxSpanSec: 2 * 86_400 }).more);
      maintainMs += performance.now() - m0;
    }
    const rows = (table: string) => (st.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const series = HOSTS * KEYS.length;
    // Packed rows: count the points inside (raw per 10 minutes, minutes per hour, hours per day).
    const packedRaw = (st.db.prepare('SELECT p, data FROM metric_raw_pack').all() as { p: number; data: Buffer }[]).reduce((a, r) => a + decodeRaw(r.p, r.data).length, 0);
    const minutes = (st.db.prepare('SELECT data FROM metric_1m').all() as { data: Buffer }[]).reduce((a, r) => a + decodeMinutes(r.data).length, 0);
    const hours = (st.db.prepare('SELECT data FROM metric_1h').all() as { data: Buffer }[]).reduce((a, r) => a + decodeHours(r.data).length, 0);
    const counts = { raw: rows('metric_raw') + packedRaw, m1: minutes, h1: hours };
    // Steady state of 5-second polling (± the minutes and hours not yet closed at NOW).
    expect(counts.raw).toBe(series * 17_280);
    expect(counts.m1).toBeGreaterThan(series * (30 * 1440 - 3));
    expect(counts.m1).toBeLessThanOrEqual(series * 30 * 1440);
    expect(counts.h1).toBeGreaterThan(series * (365 * 24 - 2));

    const sizes = s.sizes();
    const bytes = { raw: sizes.metric_raw + (sizes.metric_raw_pack ?? 0), m1: sizes.metric_1m, h1: sizes.metric_1h, series: (sizes.metric_series ?? 0) + (sizes.sqlite_autoindex_metric_series_1 ?? 0) };
    const total = bytes.raw + bytes.m1 + bytes.h1 + bytes.series;
    const scale = TARGET_HOSTS / HOSTS;
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
    console.log(
      [
        `${HOSTS} hosts × ${KEYS.length} series, a year of 5-second polling through the rollup path:`,
        `  raw (24 h):   ${counts.raw} points (${rows('metric_raw')} open rows, ${rows('metric_raw_pack')} 10-minute rows), ${mb(bytes.raw)} (${(bytes.raw / counts.raw).toFixed(1)} B/point)`,
        `  1m (30 days): ${counts.m1} minutes in ${rows('metric_1m')} hour rows, ${mb(bytes.m1)} (${(bytes.m1 / counts.m1).toFixed(1)} B/minute)`,
        `  1h (a year):  ${counts.h1} hours in ${rows('metric_1h')} day rows, ${mb(bytes.h1)} (${(bytes.h1 / counts.h1).toFixed(1)} B/hour)`,
        `  total ${mb(total)} → ${TARGET_HOSTS} hosts: ${mb(total * scale)} (${Math.round(total * scale)} bytes)`,
        `  (writing ${(writeMs / 1000).toFixed(1)} s, rollup + retention ${(maintainMs / 1000).toFixed(1)} s for the whole year)`,
      ].join('\n'),
    );
    // Read cost of `metrics.series` for one host (all its series, at most 720 points each), as the
    // service reads it: 24 h from raw, 30 days from 1-minute, a year from 1-hour. Printed, never asserted.
    const timeRead = (res: 'raw' | '1m' | '1h', spanMs: number) => {
      let points = 0;
      const ms: number[] = [];
      for (let i = 0; i < 9; i++) {
        const t0 = performance.now();
        points = s.read(targets[0], undefined, res, NOW - spanMs, NOW, 720).reduce((a, x) => a + x.points.length, 0);
        ms.push(performance.now() - t0);
      }
      ms.sort((x, y) => x - y);
      return `${ms[4].toFixed(1)} ms (median of 9, ${points} points)`;
    };
    console.log(`  read one host, all series: 24h raw ${timeRead('raw', DAY)}, 30d 1-minute ${timeRead('1m', 30 * DAY)}, 1y 1-hour ${timeRead('1h', 365 * DAY)}`);
    // One steady-state step as the service runs it every 60 s (maxSpanSec 600): the next 10 minutes
    // of 5-second polls, then the maintain calls that roll them up and pack the period.
    for (let t = NOW; t < NOW + 660_000; t += 5_000) writeAt(t);
    const stepMs: number[] = [];
    for (let minute = 1; minute <= 11; minute++) {
      const m0 = performance.now();
      while (s.maintain(NOW + minute * 60_000 + 31_000, { maxSpanSec: 600 }).more);
      stepMs.push(performance.now() - m0);
    }
    console.log(`  steady-state maintain per minute for ${series} series: ${stepMs.map((x) => x.toFixed(1)).join(', ')} ms (the last one packs the closed 10-minute period)`);
    // Compact: bit-packed scaled integers, one row per series and period.
    expect(bytes.raw / counts.raw).toBeLessThan(6);
    expect(bytes.m1 / counts.m1).toBeLessThan(5);
    expect(bytes.h1 / counts.h1).toBeLessThan(6);
    expect(total * scale).toBeLessThan(250 * 1024 ** 2);
  }, 600_000);
});
