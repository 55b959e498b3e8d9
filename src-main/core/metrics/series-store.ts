import type Database from 'better-sqlite3';
import type { MetricTarget } from '../../contract/metrics';
import { familyInfo, scaleOf } from './metric-families';
import { decodeMinutes, encodeMinutes, type MinuteAgg } from './minute-blob';

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

/**
 * The time-series store on the core's SQLite (migration 005): raw points for 24 h, 1-minute
 * rollups (avg, max) for 30 days, 1-hour rollups for a year. Rollup and retention run in small
 * steps (`maintain`), each its own transaction, from watermarks kept in `metric_rollup_state`.
 */
export class SeriesStore {
  private readonly ids = new Map<string, SeriesRef>();
  private readonly last = new Map<string, { t: number; v: number }>();
  private readonly q;

  constructor(private readonly db: Database.Database) {
    this.q = {
      series: db.prepare<[string, string, string], { id: number; scale: number }>('SELECT id, scale FROM metric_series WHERE target_kind = ? AND target_id = ? AND key = ?'),
      addSeries: db.prepare<[string, string, string, number]>('INSERT INTO metric_series (target_kind, target_id, key, scale) VALUES (?, ?, ?, ?)'),
      keys: db.prepare<[string, string], { key: string }>('SELECT key FROM metric_series WHERE target_kind = ? AND target_id = ? ORDER BY key'),
      seriesOf: db.prepare<[string, string], { id: number; key: string; scale: number }>('SELECT id, key, scale FROM metric_series WHERE target_kind = ? AND target_id = ?'),
      insertRaw: db.prepare<[number, number, number]>('INSERT OR REPLACE INTO metric_raw (series_id, t, v) VALUES (?, ?, ?)'),
      lastRaw: db.prepare<[number], { t: number; v: number }>('SELECT t, v FROM metric_raw WHERE series_id = ? ORDER BY t DESC LIMIT 1'),
      state: db.prepare<[string], { upto: number }>('SELECT upto FROM metric_rollup_state WHERE name = ?'),
      setState: db.prepare<[string, number]>('INSERT OR REPLACE INTO metric_rollup_state (name, upto) VALUES (?, ?)'),
      minRaw: db.prepare<[], { t: number | null }>('SELECT min((SELECT min(t) FROM metric_raw r WHERE r.series_id = s.id)) AS t FROM metric_series s'),
      min1m: db.prepare<[], { t: number | null }>('SELECT min((SELECT min(h) FROM metric_1m r WHERE r.series_id = s.id)) AS t FROM metric_series s'),
      min1h: db.prepare<[], { t: number | null }>('SELECT min((SELECT min(t) FROM metric_1h r WHERE r.series_id = s.id)) AS t FROM metric_series s'),
      minutes: db.prepare<[number, number], { s: number; mi: number; avg: number; max: number }>(
        `SELECT series_id AS s, t / 60 AS mi, CAST(round(avg(v)) AS INTEGER) AS avg, max(v) AS max FROM metric_raw
         WHERE series_id IN (SELECT id FROM metric_series) AND t >= ? AND t < ? GROUP BY series_id, t / 60 ORDER BY series_id, mi`,
      ),
      get1m: db.prepare<[number, number], { data: Buffer }>('SELECT data FROM metric_1m WHERE series_id = ? AND h = ?'),
      put1m: db.prepare<[number, number, Buffer]>('INSERT OR REPLACE INTO metric_1m (series_id, h, data) VALUES (?, ?, ?)'),
      hours: db.prepare<[number, number], { s: number; h: number; data: Buffer }>(
        'SELECT series_id AS s, h, data FROM metric_1m WHERE series_id IN (SELECT id FROM metric_series) AND h >= ? AND h < ?',
      ),
      put1h: db.prepare<[number, number, number, number]>('INSERT OR REPLACE INTO metric_1h (series_id, t, avg, max) VALUES (?, ?, ?, ?)'),
      delRaw: db.prepare<[number, number]>('DELETE FROM metric_raw WHERE series_id IN (SELECT id FROM metric_series) AND t >= ? AND t < ?'),
      del1m: db.prepare<[number, number]>('DELETE FROM metric_1m WHERE series_id IN (SELECT id FROM metric_series) AND h >= CAST(? AS INTEGER) / 3600 * 3600 AND h < CAST(? AS INTEGER) / 3600 * 3600'),
      del1h: db.prepare<[number, number]>('DELETE FROM metric_1h WHERE series_id IN (SELECT id FROM metric_series) AND t >= ? AND t < ?'),
      readRaw: db.prepare<[{ b: number; id: number; from: number; to: number }], { b: number; v: number }>(
        'SELECT (t / CAST(@b AS INTEGER)) * CAST(@b AS INTEGER) AS b, avg(v) AS v FROM metric_raw WHERE series_id = @id AND t >= @from AND t < @to GROUP BY 1 ORDER BY 1',
      ),
      read1m: db.prepare<[number, number, number], { h: number; data: Buffer }>('SELECT h, data FROM metric_1m WHERE series_id = ? AND h >= ? AND h < ? ORDER BY h'),
      read1h: db.prepare<[{ b: number; id: number; from: number; to: number }], { b: number; v: number }>(
        'SELECT (t / CAST(@b AS INTEGER)) * CAST(@b AS INTEGER) AS b, avg(avg) AS v FROM metric_1h WHERE series_id = @id AND t >= @from AND t < @to GROUP BY 1 ORDER BY 1',
      ),
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
    const row = this.q.lastRaw.get(r.id);
    if (!row) return null;
    const out = { t: row.t * 1000, v: row.v / r.scale };
    this.last.set(tk(target, key), out);
    return out;
  }

  /** Keys that have ever been stored for a target. */
  keys(target: MetricTarget): string[] {
    return this.q.keys.all(target.kind, target.id).map((r) => r.key);
  }

  /** Forgets a target's series (its points go with the next retention pass). */
  dropTarget(target: MetricTarget): void {
    this.db.transaction(() => {
      for (const s of this.q.seriesOf.all(target.kind, target.id)) {
        this.db.prepare('DELETE FROM metric_raw WHERE series_id = ?').run(s.id);
        this.db.prepare('DELETE FROM metric_1m WHERE series_id = ?').run(s.id);
        this.db.prepare('DELETE FROM metric_1h WHERE series_id = ?').run(s.id);
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
        const got = p.res === '1m' ? this.readMinutes(s.id, bucket, p.from, p.to) : (p.res === 'raw' ? this.q.readRaw : this.q.read1h).all({ b: bucket, id: s.id, from: p.from, to: p.to });
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

  /** 1-minute averages in [from, to) from the packed hours, averaged into buckets of `bucket` seconds. */
  private readMinutes(id: number, bucket: number, from: number, to: number): { b: number; v: number }[] {
    const sums = new Map<number, { sum: number; n: number }>();
    for (const row of this.q.read1m.all(id, Math.floor(from / 3600) * 3600, to)) {
      for (const x of decodeMinutes(row.data)) {
        const t = row.h + x.m * 60;
        if (t < from || t >= to) continue;
        const b = Math.floor(t / bucket) * bucket;
        const acc = sums.get(b);
        if (acc) {
          acc.sum += x.avg;
          acc.n++;
        } else sums.set(b, { sum: x.avg, n: 1 });
      }
    }
    return [...sums.entries()].sort((a, b) => a[0] - b[0]).map(([b, a]) => ({ b, v: a.sum / a.n }));
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

  /** Folds packed minutes of hours [start, end) into 1-hour rows (avg of averages, max of maxima). */
  private rollHours(start: number, end: number): number {
    let n = 0;
    for (const row of this.q.hours.all(start, end)) {
      const mins = decodeMinutes(row.data);
      if (mins.length === 0) continue;
      const avg = Math.round(mins.reduce((a, x) => a + x.avg, 0) / mins.length);
      const max = mins.reduce((a, x) => Math.max(a, x.max), -Infinity);
      this.q.put1h.run(row.s, row.h, avg, max);
      n++;
    }
    return n;
  }

  private state(name: string): number | null {
    return this.q.state.get(name)?.upto ?? null;
  }

  /**
   * One incremental step of rollup and retention at `nowMs`: folds closed minutes of raw into
   * 1-minute rows and closed hours into 1-hour rows (at most `maxSpanSec` each), then deletes
   * what is past retention and already rolled up. Each part is its own short transaction.
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
      const min = this.q.minRaw.get()?.t;
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

    // Retention: only what is both old enough and already rolled up.
    const cuts: [Resolution, number, typeof this.q.delRaw, typeof this.q.minRaw][] = [
      ['raw', Math.min(now - RETENTION_SEC.raw, upto1m), this.q.delRaw, this.q.minRaw],
      ['1m', Math.min(now - RETENTION_SEC['1m'], upto1h), this.q.del1m, this.q.min1m],
      ['1h', now - RETENTION_SEC['1h'], this.q.del1h, this.q.min1h],
    ];
    for (const [res, cutoff, del, minQ] of cuts) {
      const name = `keep.${res}`;
      let kept = this.state(name);
      if (kept === null) {
        kept = minQ.get()?.t ?? cutoff;
        this.q.setState.run(name, kept);
      }
      if (kept >= cutoff) continue;
      const end = Math.min(cutoff, kept + span * (res === 'raw' ? 1 : res === '1m' ? 24 : 24 * 30));
      const start = kept;
      this.db.transaction(() => {
        deleted += del.run(start, end).changes;
        this.q.setState.run(name, end);
      })();
      if (end < cutoff) more = true;
    }
    return { rolled1m, rolled1h, deleted, more };
  }

  /**
   * Forgets series with no point left in any table (a removed container, an unmounted disk, a
   * deleted PM2 app, a year later): they leave the catalog. Three index lookups per series.
   */
  pruneEmpty(): number {
    const empty = this.db
      .prepare<[], { id: number; kind: 'host' | 'service'; tid: string; key: string }>(
        `SELECT id, target_kind AS kind, target_id AS tid, key FROM metric_series s
         WHERE NOT EXISTS (SELECT 1 FROM metric_raw WHERE series_id = s.id)
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
