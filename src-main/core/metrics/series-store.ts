import type Database from 'better-sqlite3';
import type { MetricTarget } from '../../contract/metrics';
import { familyInfo, scaleOf } from './metric-families';
import { decodeMinutes, encodeMinutes, type MinuteAgg } from './minute-blob';
import { decodeRaw, encodeRaw, RAW_PERIOD_SEC, type RawPoint } from './raw-blob';
import { rawBuckets, slotBuckets, type Bucket } from './series-read';
import { decodeHours, encodeHours, type SlotAgg } from './slot-blob';
/** One value to store: a metric key and its value in the family's unit. */
export interface MetricPoint {
  key: string;
  v: number;
}

/** Which table a read comes from. */
export type Resolution = 'raw' | '1m' | '1h';

/** Retention (seconds) per resolution: raw 24 h, 1-minute 30 days, 1-hour a year. */
export const RETENTION_SEC: Record<Resolution, number> = { raw: 86_400, '1m': 30 * 86_400, '1h': 365 * 86_400 };

const STEP: Record<Resolution, number> = { raw: 1, '1m': 60, '1h': 3_600 };
/** A minute is rolled up this long after it ended (a poll writes at its end; late writes land first). */
const GRACE_SEC = 30;

export interface MaintainOptions {
  /** Most seconds of raw (1m) or 1m (1h) data folded per call; keeps each transaction small. */
  maxSpanSec?: number;
}

export interface MaintainResult {
  rolled1m: number;
  rolled1h: number;
  deleted: number;
  /** More work is pending (catching up after a pause): call again. */
  more: boolean;
}

interface SeriesRef {
  id: number;
  scale: number;
}

const tk = (t: MetricTarget, key: string) => `${t.kind}|${t.id}|${key}`;
const DAY = 86_400;
/** Series packed per transaction of the packing step. */
const PACK_SERIES = 200;

/**
 * The time-series store on the core's SQLite (migration 005): raw points for 24 h (the open
 * 10-minute period as rows, closed periods packed one row per series and period), 1-minute
 * rollups (avg, max) for 30 days packed per hour, 1-hour rollups for a year packed per day.
 * Rollup, packing and retention run in small steps (`maintain`), each its own transaction, from
 * watermarks kept in `metric_rollup_state`. Reads decode only the packed rows of their window.
 */
export class SeriesStore {
  private readonly ids = new Map<string, SeriesRef>();
  private readonly last = new Map<string, { t: number; v: number }>();
  private readonly q;

  constructor(private readonly db: Database.Database) {
    const inSeries = 'series_id IN (SELECT id FROM metric_series)';
    this.q = {
      series: db.prepare<[string, string, string], { id: number; scale: number }>('SELECT id, scale FROM metric_series WHERE target_kind = ? AND target_id = ? AND key = ?'),
      addSeries: db.prepare<[string, string, string, number]>('INSERT INTO metric_series (target_kind, target_id, key, scale) VALUES (?, ?, ?, ?)'),
      keys: db.prepare<[string, string], { key: string }>('SELECT key FROM metric_series WHERE target_kind = ? AND target_id = ? ORDER BY key'),
      seriesOf: db.prepare<[string, string], { id: number; key: string; scale: number }>('SELECT id, key, scale FROM metric_series WHERE target_kind = ? AND target_id = ?'),
      insertRaw: db.prepare<[number, number, number]>('INSERT OR REPLACE INTO metric_raw (series_id, t, v) VALUES (?, ?, ?)'),
      lastRaw: db.prepare<[number], { t: number; v: number }>('SELECT t, v FROM metric_raw WHERE series_id = ? ORDER BY t DESC LIMIT 1'),
      lastPack: db.prepare<[number], { p: number; data: Buffer }>('SELECT p, data FROM metric_raw_pack WHERE series_id = ? ORDER BY p DESC LIMIT 1'),
      state: db.prepare<[string], { upto: number }>('SELECT upto FROM metric_rollup_state WHERE name = ?'),
      setState: db.prepare<[string, number]>('INSERT OR REPLACE INTO metric_rollup_state (name, upto) VALUES (?, ?)'),
      minPack: db.prepare<[], { t: number | null }>('SELECT min((SELECT min(p) FROM metric_raw_pack r WHERE r.series_id = s.id)) AS t FROM metric_series s'),
      minRows: db.prepare<[], { t: number | null }>('SELECT min((SELECT min(t) FROM metric_raw r WHERE r.series_id = s.id)) AS t FROM metric_series s'),
      min1m: db.prepare<[], { t: number | null }>('SELECT min((SELECT min(h) FROM metric_1m r WHERE r.series_id = s.id)) AS t FROM metric_series s'),
      min1h: db.prepare<[], { t: number | null }>('SELECT min((SELECT min(d) FROM metric_1h r WHERE r.series_id = s.id)) AS t FROM metric_series s'),
      minutes: db.prepare<[number, number], { s: number; mi: number; avg: number; max: number }>(
        `SELECT series_id AS s, t / 60 AS mi, CAST(round(avg(v)) AS INTEGER) AS avg, max(v) AS max FROM metric_raw
         WHERE ${inSeries} AND t >= ? AND t < ? GROUP BY series_id, t / 60 ORDER BY series_id, mi`,
      ),
      get1m: db.prepare<[number, number], { data: Buffer }>('SELECT data FROM metric_1m WHERE series_id = ? AND h = ?'),
      put1m: db.prepare<[number, number, Buffer]>('INSERT OR REPLACE INTO metric_1m (series_id, h, data) VALUES (?, ?, ?)'),
      seriesAfter: db.prepare<[number, number], { id: number }>('SELECT id FROM metric_series WHERE id > ? ORDER BY id LIMIT ?'),
      rowsBefore: db.prepare<[number, number, number], { s: number; t: number; v: number }>('SELECT series_id AS s, t, v FROM metric_raw WHERE series_id >= ? AND series_id <= ? AND t < ? ORDER BY series_id, t'),
      delSeriesRowsBefore: db.prepare<[number, number, number]>('DELETE FROM metric_raw WHERE series_id >= ? AND series_id <= ? AND t < ?'),
      getPack: db.prepare<[number, number], { data: Buffer }>('SELECT data FROM metric_raw_pack WHERE series_id = ? AND p = ?'),
      putPack: db.prepare<[number, number, Buffer]>('INSERT OR REPLACE INTO metric_raw_pack (series_id, p, data) VALUES (?, ?, ?)'),
      delRowsBefore: db.prepare<[number]>(`DELETE FROM metric_raw WHERE ${inSeries} AND t < ?`),
      hours: db.prepare<[number, number], { s: number; h: number; data: Buffer }>(`SELECT series_id AS s, h, data FROM metric_1m WHERE ${inSeries} AND h >= ? AND h < ? ORDER BY series_id, h`),
      get1h: db.prepare<[number, number], { data: Buffer }>('SELECT data FROM metric_1h WHERE series_id = ? AND d = ?'),
      put1h: db.prepare<[number, number, Buffer]>('INSERT OR REPLACE INTO metric_1h (series_id, d, data) VALUES (?, ?, ?)'),
      delPacks: db.prepare<[number]>(`DELETE FROM metric_raw_pack WHERE ${inSeries} AND p <= ?`),
      del1m: db.prepare<[number, number]>(`DELETE FROM metric_1m WHERE ${inSeries} AND h >= CAST(? AS INTEGER) / 3600 * 3600 AND h < CAST(? AS INTEGER) / 3600 * 3600`),
      del1h: db.prepare<[number]>(`DELETE FROM metric_1h WHERE ${inSeries} AND d <= ?`),
      readRows: db.prepare<[number, number, number], { t: number; v: number }>('SELECT t, v FROM metric_raw WHERE series_id = ? AND t >= ? AND t < ? ORDER BY t'),
      readPacks: db.prepare<[number, number, number], { p: number; data: Buffer }>('SELECT p, data FROM metric_raw_pack WHERE series_id = ? AND p >= ? AND p < ? ORDER BY p'),
      read1m: db.prepare<[number, number, number], { start: number; data: Buffer }>('SELECT h AS start, data FROM metric_1m WHERE series_id = ? AND h >= ? AND h < ? ORDER BY h'),
      read1h: db.prepare<[number, number, number], { start: number; data: Buffer }>('SELECT d AS start, data FROM metric_1h WHERE series_id = ? AND d >= ? AND d < ? ORDER BY d'),
      dropTarget: db.prepare<[string, string]>('DELETE FROM metric_series WHERE target_kind = ? AND target_id = ?'),
    };
  }

  private ref(target: MetricTarget, key: string, create: boolean): SeriesRef | undefined {
    const k = tk(target, key);
    let r = this.ids.get(k);
    if (r) return r;
    r = this.q.series.get(target.kind, target.id, key);
    if (!r && create) {
      const scale = scaleOf(familyInfo(key)?.unit);
      const id = Number(this.q.addSeries.run(target.kind, target.id, key, scale).lastInsertRowid);
      r = { id, scale };
    }
    if (r) this.ids.set(k, r);
    return r;
  }

  /** Stores one poll's values for a target at `atMs`, in one transaction. Non-finite values are skipped. */
  write(target: MetricTarget, points: MetricPoint[], atMs: number): void {
    const t = Math.floor(atMs / 1000);
    this.db.transaction(() => {
      for (const p of points) {
        if (!Number.isFinite(p.v)) continue;
        const r = this.ref(target, p.key, true)!;
        this.q.insertRaw.run(r.id, t, Math.round(p.v * r.scale));
        this.last.set(tk(target, p.key), { t: t * 1000, v: Math.round(p.v * r.scale) / r.scale });
      }
    })();
  }

  /** The newest value of a key (epoch ms, value), or null. */
  latest(target: MetricTarget, key: string): { t: number; v: number } | null {
    const cached = this.last.get(tk(target, key));
    if (cached) return cached;
    const r = this.ref(target, key, false);
    if (!r) return null;
    let row: RawPoint | undefined = this.q.lastRaw.get(r.id);
    const pack = this.q.lastPack.get(r.id);
    if (pack) {
      const pts = decodeRaw(pack.p, pack.data);
      const newest = pts[pts.length - 1];
      if (newest && (!row || newest.t > row.t)) row = newest;
    }
    if (!row || row.t < (this.state('keep.raw') ?? -Infinity)) return null;
    const out = { t: row.t * 1000, v: row.v / r.scale };
    this.last.set(tk(target, key), out);
    return out;
  }

  /** Keys that have ever been stored for a target. */
  keys(target: MetricTarget): string[] {
    return this.q.keys.all(target.kind, target.id).map((r) => r.key);
  }

  /** Forgets a target's series and all their points. */
  dropTarget(target: MetricTarget): void {
    this.db.transaction(() => {
      for (const s of this.q.seriesOf.all(target.kind, target.id)) {
        for (const table of ['metric_raw', 'metric_raw_pack', 'metric_1m', 'metric_1h']) this.db.prepare(`DELETE FROM ${table} WHERE series_id = ?`).run(s.id);
      }
      this.q.dropTarget.run(target.kind, target.id);
    })();
    for (const k of [...this.ids.keys()]) if (k.startsWith(`${target.kind}|${target.id}|`)) this.ids.delete(k);
    for (const k of [...this.last.keys()]) if (k.startsWith(`${target.kind}|${target.id}|`)) this.last.delete(k);
  }

  /**
   * Reads points in [fromMs, toMs) at `resolution`, at most `maxPoints` per series (buckets
   * averaged on read). The newest part not yet rolled up is read from the finer table, so a
   * 7-day chart of a host monitored since a minute ago is not empty.
   */
  read(target: MetricTarget, keys: string[] | undefined, resolution: Resolution, fromMs: number, toMs: number, maxPoints: number): { key: string; points: [number, number][] }[] {
    const from = Math.floor(fromMs / 1000);
    const to = Math.ceil(toMs / 1000);
    const bucket = Math.max(STEP[resolution], Math.ceil((to - from) / Math.max(1, maxPoints) / STEP[resolution]) * STEP[resolution]);
    const upto1m = this.state('1m');
    const upto1h = this.state('1h');
    // Points older than a retention watermark are gone (a packed row may still hold some).
    const keptRaw = this.state('keep.raw') ?? -Infinity;
    const kept1h = this.state('keep.1h') ?? -Infinity;
    // Which table covers which part of the window.
    const parts: { res: Resolution; from: number; to: number }[] = [];
    if (resolution === 'raw') parts.push({ res: 'raw', from, to });
    else if (resolution === '1m') {
      const cut = Math.min(Math.max(upto1m ?? from, from), to);
      parts.push({ res: '1m', from, to: cut }, { res: 'raw', from: cut, to });
    } else {
      const cutH = Math.min(Math.max(upto1h ?? from, from), to);
      const cutM = Math.min(Math.max(upto1m ?? cutH, cutH), to);
      parts.push({ res: '1h', from, to: cutH }, { res: '1m', from: cutH, to: cutM }, { res: 'raw', from: cutM, to });
    }
    const rows = this.q.seriesOf.all(target.kind, target.id).filter((s) => !keys || keys.includes(s.key));
    rows.sort((a, b) => a.key.localeCompare(b.key));
    return rows.map((s) => {
      const points: [number, number][] = [];
      for (const p of parts) {
        if (p.to <= p.from) continue;
        const got =
          p.res === '1m'
            ? this.readMinutes(s.id, bucket, p.from, p.to)
            : p.res === 'raw'
              ? this.readRaw(s.id, bucket, Math.max(p.from, keptRaw), p.to)
              : this.readHours(s.id, bucket, Math.max(p.from, kept1h), p.to);
        for (const g of got) {
          const last = points[points.length - 1];
          const t = g.b * 1000;
          const v = Math.round((g.v / s.scale) * 100) / 100;
          if (last && last[0] === t) last[1] = Math.round(((last[1] + v) / 2) * 100) / 100;
          else points.push([t, v]);
        }
      }
      return { key: s.key, points };
    });
  }

  /** Raw points in [from, to) (packed periods of the window and open rows), averaged into buckets. */
  private readRaw(id: number, bucket: number, from: number, to: number): Bucket[] {
    if (to <= from) return [];
    return rawBuckets(this.q.readPacks.all(id, Math.floor(from / RAW_PERIOD_SEC) * RAW_PERIOD_SEC, to), this.q.readRows.all(id, from, to), from, to, bucket);
  }

  /** 1-hour averages in [from, to) from the packed days, averaged into buckets. */
  private readHours(id: number, bucket: number, from: number, to: number): Bucket[] {
    if (to <= from) return [];
    return slotBuckets(this.q.read1h.all(id, Math.floor(from / DAY) * DAY, to), 24, 3600, from, to, bucket);
  }

  /** 1-minute averages in [from, to) from the packed hours, averaged into buckets of `bucket` seconds. */
  private readMinutes(id: number, bucket: number, from: number, to: number): Bucket[] {
    return slotBuckets(this.q.read1m.all(id, Math.floor(from / 3600) * 3600, to), 60, 60, from, to, bucket);
  }

  /** Folds raw [start, end) into the packed 1-minute hours (merging minutes already there). */
  private rollMinutes(start: number, end: number): number {
    const rows = this.q.minutes.all(start, end);
    let i = 0;
    while (i < rows.length) {
      const s = rows[i].s;
      const h = Math.floor((rows[i].mi * 60) / 3600) * 3600;
      const group: MinuteAgg[] = [];
      while (i < rows.length && rows[i].s === s && Math.floor((rows[i].mi * 60) / 3600) * 3600 === h) {
        group.push({ m: (rows[i].mi * 60 - h) / 60, avg: rows[i].avg, max: rows[i].max });
        i++;
      }
      const old = this.q.get1m.get(s, h);
      this.q.put1m.run(s, h, encodeMinutes(old ? [...decodeMinutes(old.data), ...group] : group));
    }
    return rows.length;
  }

  /** Packs every raw row before `end` of series ids [first, last] into their 10-minute period rows (merging a period already packed) and deletes the rows. */
  private packRaw(first: number, last: number, end: number): number {
    const rows = this.q.rowsBefore.all(first, last, end);
    let i = 0;
    let packs = 0;
    while (i < rows.length) {
      const s = rows[i].s;
      const p = Math.floor(rows[i].t / RAW_PERIOD_SEC) * RAW_PERIOD_SEC;
      const group: RawPoint[] = [];
      while (i < rows.length && rows[i].s === s && rows[i].t < p + RAW_PERIOD_SEC) {
        group.push({ t: rows[i].t, v: rows[i].v });
        i++;
      }
      const old = this.q.getPack.get(s, p);
      this.q.putPack.run(s, p, encodeRaw(p, old ? [...decodeRaw(p, old.data), ...group] : group));
      packs++;
    }
    if (rows.length > 0) this.q.delSeriesRowsBefore.run(first, last, end);
    return packs;
  }

  /** Folds packed minutes of hours [start, end) into the packed days of 1-hour rollups (avg of averages, max of maxima). */
  private rollHours(start: number, end: number): number {
    const rows = this.q.hours.all(start, end);
    let n = 0;
    let i = 0;
    while (i < rows.length) {
      const s = rows[i].s;
      const d = Math.floor(rows[i].h / DAY) * DAY;
      const group: SlotAgg[] = [];
      for (; i < rows.length && rows[i].s === s && rows[i].h < d + DAY; i++) {
        const mins = decodeMinutes(rows[i].data);
        if (mins.length === 0) continue;
        const avg = Math.round(mins.reduce((a, x) => a + x.avg, 0) / mins.length);
        const max = mins.reduce((a, x) => Math.max(a, x.max), -Infinity);
        group.push({ s: (rows[i].h - d) / 3600, avg, max });
      }
      if (group.length === 0) continue;
      const old = this.q.get1h.get(s, d);
      this.q.put1h.run(s, d, encodeHours(old ? [...decodeHours(old.data), ...group] : group));
      n += group.length;
    }
    return n;
  }

  private state(name: string): number | null {
    return this.q.state.get(name)?.upto ?? null;
  }

  /** The oldest raw second still stored (rows or packed), or null. */
  private oldestRaw(): number | null {
    const rows = this.q.minRows.get()?.t ?? null;
    const packs = this.q.minPack.get()?.t ?? null;
    if (rows === null) return packs;
    return packs === null ? rows : Math.min(rows, packs);
  }

  /**
   * One incremental step of rollup, packing and retention at `nowMs`: folds closed minutes of
   * raw rows into 1-minute rollups, packs closed 10-minute periods of raw rows (already rolled
   * into minutes) one row per series and period, folds closed hours into 1-hour rollups (at most
   * `maxSpanSec` each), then deletes what is past retention and already rolled up. Each part is
   * its own short transaction.
   */
  maintain(nowMs: number, opts: MaintainOptions = {}): MaintainResult {
    const now = Math.floor(nowMs / 1000);
    const span = opts.maxSpanSec ?? 3_600;
    let more = false;
    let rolled1m = 0;
    let rolled1h = 0;
    let deleted = 0;

    // 1-minute rollup of closed minutes.
    const closedMin = Math.floor((now - GRACE_SEC) / 60) * 60;
    let upto1m = this.state('1m');
    if (upto1m === null) {
      const min = this.q.minRows.get()?.t;
      upto1m = min === null || min === undefined ? closedMin : Math.floor(min / 60) * 60;
      this.q.setState.run('1m', upto1m);
    }
    if (upto1m < closedMin) {
      const end = Math.min(closedMin, upto1m + span);
      const start = upto1m;
      this.db.transaction(() => {
        rolled1m = this.rollMinutes(start, end);
        this.q.setState.run('1m', end);
      })();
      upto1m = end;
      if (end < closedMin) more = true;
    }

    // Packing of closed 10-minute periods whose minutes are rolled up.
    const closedPeriod = Math.floor(upto1m / RAW_PERIOD_SEC) * RAW_PERIOD_SEC;
    let packed = this.state('pack');
    if (packed === null) {
      const min = this.q.minRows.get()?.t;
      packed = min === null || min === undefined ? closedPeriod : Math.floor(min / RAW_PERIOD_SEC) * RAW_PERIOD_SEC;
      this.q.setState.run('pack', packed);
    }
    if (packed < closedPeriod) {
      // PACK_SERIES series per transaction (50 hosts: ~1 000 series, a few steps), from a cursor.
      // A pass over the series keeps the end it started with.
      const after = this.state('pack.series') ?? 0;
      const end = (after > 0 ? this.state('pack.end') : null) ?? Math.min(closedPeriod, packed + Math.max(RAW_PERIOD_SEC, Math.floor(span / RAW_PERIOD_SEC) * RAW_PERIOD_SEC));
      const ids = this.q.seriesAfter.all(after, PACK_SERIES);
      const done = ids.length < PACK_SERIES;
      this.db.transaction(() => {
        if (after === 0) this.q.setState.run('pack.end', end);
        if (ids.length > 0) this.packRaw(ids[0].id, ids[ids.length - 1].id, end);
        if (done) this.q.setState.run('pack', end);
        this.q.setState.run('pack.series', done ? 0 : ids[ids.length - 1].id);
      })();
      if (!done || end < closedPeriod) more = true;
    }

    // 1-hour rollup of hours whose minutes are all rolled up.
    const closedHour = Math.floor(upto1m / 3600) * 3600;
    let upto1h = this.state('1h');
    if (upto1h === null) {
      const min = this.q.min1m.get()?.t;
      upto1h = min === null || min === undefined ? closedHour : Math.floor(min / 3600) * 3600;
      this.q.setState.run('1h', upto1h);
    }
    if (upto1h < closedHour) {
      const end = Math.min(closedHour, upto1h + span * 24);
      const start = upto1h;
      this.db.transaction(() => {
        rolled1h = this.rollHours(start, end);
        this.q.setState.run('1h', end);
      })();
      upto1h = end;
      if (end < closedHour) more = true;
    }

    // Retention: only what is both old enough and already rolled up. Packed rows go once their
    // whole period is past the watermark; reads hide what is before it.
    const cuts: [Resolution, number, (start: number, end: number) => number, () => number | null][] = [
      ['raw', Math.min(now - RETENTION_SEC.raw, upto1m), (_s, end) => this.q.delRowsBefore.run(end).changes + this.q.delPacks.run(end - RAW_PERIOD_SEC).changes, () => this.oldestRaw()],
      ['1m', Math.min(now - RETENTION_SEC['1m'], upto1h), (start, end) => this.q.del1m.run(start, end).changes, () => this.q.min1m.get()?.t ?? null],
      ['1h', now - RETENTION_SEC['1h'], (_s, end) => this.q.del1h.run(end - DAY).changes, () => this.q.min1h.get()?.t ?? null],
    ];
    for (const [res, cutoff, del, oldest] of cuts) {
      const name = `keep.${res}`;
      let kept = this.state(name);
      if (kept === null) {
        kept = oldest() ?? cutoff;
        this.q.setState.run(name, kept);
      }
      if (kept >= cutoff) continue;
      const end = Math.min(cutoff, kept + span * (res === 'raw' ? 1 : res === '1m' ? 24 : 24 * 30));
      const start = kept;
      this.db.transaction(() => {
        deleted += del(start, end);
        this.q.setState.run(name, end);
      })();
      if (end < cutoff) more = true;
    }
    return { rolled1m, rolled1h, deleted, more };
  }

  /**
   * Forgets series with no point left in any table (a removed container, an unmounted disk, a
   * deleted PM2 app, a year later): they leave the catalog. Four index lookups per series.
   */
  pruneEmpty(): number {
    const empty = this.db
      .prepare<[], { id: number; kind: 'host' | 'service'; tid: string; key: string }>(
        `SELECT id, target_kind AS kind, target_id AS tid, key FROM metric_series s
         WHERE NOT EXISTS (SELECT 1 FROM metric_raw WHERE series_id = s.id)
           AND NOT EXISTS (SELECT 1 FROM metric_raw_pack WHERE series_id = s.id)
           AND NOT EXISTS (SELECT 1 FROM metric_1m WHERE series_id = s.id)
           AND NOT EXISTS (SELECT 1 FROM metric_1h WHERE series_id = s.id)`,
      )
      .all();
    if (empty.length === 0) return 0;
    const del = this.db.prepare<[number]>('DELETE FROM metric_series WHERE id = ?');
    this.db.transaction(() => {
      for (const e of empty) del.run(e.id);
    })();
    for (const e of empty) {
      this.ids.delete(tk({ kind: e.kind, id: e.tid }, e.key));
      this.last.delete(tk({ kind: e.kind, id: e.tid }, e.key));
    }
    return empty.length;
  }

  /** Bytes on disk per metrics table (SQLite's dbstat), for the size check and diagnostics. */
  sizes(): Record<string, number> {
    const rows = this.db
      .prepare<[], { name: string; bytes: number }>("SELECT name, sum(pgsize) AS bytes FROM dbstat WHERE name LIKE 'metric%' OR name LIKE 'sqlite_autoindex_metric%' GROUP BY name")
      .all();
    return Object.fromEntries(rows.map((r) => [r.name, r.bytes]));
  }
}
