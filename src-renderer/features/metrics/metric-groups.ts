import type { MetricCatalog, MetricInfo, MetricSeries, MetricThreshold, MetricUnit } from '../../../src-main/contract';
import { splitKey } from './metrics-format';

/** One chart: the metrics of a catalog group that share a unit (one Y axis). */
export interface ChartSpec {
  id: string;
  group: string;
  unit: MetricUnit;
  metrics: MetricInfo[];
  /** Thresholds of the families drawn, once per family. */
  thresholds: { family: string; label: string; threshold: MetricThreshold }[];
}

/** Strips the instance from a label when the chart's legend shows it anyway. */
export function familyLabel(m: MetricInfo): string {
  const { instance } = splitKey(m.key);
  if (!instance) return m.label;
  const i = m.label.lastIndexOf(instance);
  return (i > 0 ? m.label.slice(0, i) : m.label).replace(/[\s:·—-]+$/, '') || m.label;
}

/** The order groups are shown in; others follow in catalog order. */
export const GROUP_ORDER = ['CPU', 'Memory', 'Disk', 'Network', 'System', 'PM2', 'PostgreSQL', 'Redis', 'Container'];

/**
 * Charts in catalog order: one per (group, unit), so memory and swap share a chart, disk use
 * per mount is one chart with a line per mount and disk I/O another, each PM2 family (CPU,
 * memory, restarts, uptime) its own chart with a line per process.
 */
export function chartsOf(catalog: MetricCatalog): ChartSpec[] {
  const charts = new Map<string, ChartSpec>();
  for (const m of catalog.metrics) {
    const id = `${m.group}|${m.unit}`;
    let c = charts.get(id);
    if (!c) charts.set(id, (c = { id, group: m.group, unit: m.unit, metrics: [], thresholds: [] }));
    c.metrics.push(m);
    if (m.threshold && !c.thresholds.some((t) => t.family === m.family)) {
      c.thresholds.push({ family: m.family, label: familyLabel(m), threshold: m.threshold });
    }
  }
  const rank = (g: string) => {
    const i = GROUP_ORDER.indexOf(g);
    return i < 0 ? GROUP_ORDER.length : i;
  };
  // Stable: catalog order within a group, groups in the order people read a host.
  return [...charts.values()].sort((a, b) => rank(a.group) - rank(b.group));
}

/** Families of the catalog with their label and threshold (for the thresholds editor). */
export function familiesOf(catalog: MetricCatalog): { family: string; label: string; unit: MetricUnit; group: string; threshold: MetricThreshold | null }[] {
  const out = new Map<string, { family: string; label: string; unit: MetricUnit; group: string; threshold: MetricThreshold | null }>();
  for (const m of catalog.metrics) {
    if (!out.has(m.family)) out.set(m.family, { family: m.family, label: familyLabel(m), unit: m.unit, group: m.group, threshold: m.threshold });
  }
  return [...out.values()];
}

/** Row per timestamp with one column per key, the shape recharts draws. */
export type ChartRow = { t: number } & Record<string, number | null>;

/** Merges the series of the given keys into rows sorted by time (missing values stay null: gaps, not zeros). */
export function rowsFor(series: MetricSeries | null, keys: readonly string[]): ChartRow[] {
  if (!series) return [];
  const wanted = new Set(keys);
  const rows = new Map<number, ChartRow>();
  for (const s of series.series) {
    if (!wanted.has(s.key)) continue;
    for (const [t, v] of s.points) {
      let r = rows.get(t);
      if (!r) {
        r = { t } as ChartRow;
        for (const k of keys) r[k] = null;
        rows.set(t, r);
      }
      r[s.key] = v;
    }
  }
  return [...rows.values()].sort((a, b) => a.t - b.t);
}

/** How many points the given series hold (what the live e2e test watches grow). */
export function pointCount(series: MetricSeries | null): number {
  return series ? series.series.reduce((n, s) => n + s.points.length, 0) : 0;
}

/** The newest value of a key, or null. */
export function lastValue(series: MetricSeries | null, key: string): number | null {
  const s = series?.series.find((x) => x.key === key);
  const p = s?.points[s.points.length - 1];
  return p ? p[1] : null;
}

/** The catalog with labels in the UI language (family name translated, instance kept). */
export function localizeCatalog(catalog: MetricCatalog, names: Record<string, string> | null): MetricCatalog {
  if (!names) return catalog;
  return {
    ...catalog,
    metrics: catalog.metrics.map((m) => {
      const name = names[m.family];
      if (!name) return m;
      const { instance } = splitKey(m.key);
      return { ...m, label: instance ? `${name} ${instance}` : name };
    }),
  };
}

/** Most rows a chart draws; longer series are averaged into this many time buckets. */
export const MAX_CHART_ROWS = 1200;

/** Averages rows into at most `max` buckets (gaps stay gaps: a bucket with no value is null). */
export function thinRows(rows: ChartRow[], keys: readonly string[], max = MAX_CHART_ROWS): ChartRow[] {
  if (rows.length <= max) return rows;
  const size = Math.ceil(rows.length / max);
  const out: ChartRow[] = [];
  for (let i = 0; i < rows.length; i += size) {
    const bucket = rows.slice(i, i + size);
    const r = { t: bucket[0]!.t } as ChartRow;
    for (const k of keys) {
      let sum = 0;
      let n = 0;
      for (const b of bucket) {
        const v = b[k];
        if (v !== null && v !== undefined) {
          sum += v;
          n++;
        }
      }
      r[k] = n ? sum / n : null;
    }
    out.push(r);
  }
  return out;
}

/**
 * Live updates of a long raw window: the newest points (a short window fetched again) appended
 * to what is shown, and points that left the window dropped, instead of fetching it all again.
 */
export function mergeSeries(shown: MetricSeries, fresh: MetricSeries, windowMs: number): MetricSeries {
  const to = Math.max(shown.to, fresh.to);
  const from = to - windowMs;
  const byKey = new Map(shown.series.map((s) => [s.key, s.points]));
  const keys = new Set([...byKey.keys(), ...fresh.series.map((s) => s.key)]);
  const freshByKey = new Map(fresh.series.map((s) => [s.key, s.points]));
  const series = [...keys].map((key) => {
    const old = byKey.get(key) ?? [];
    const last = old.length ? old[old.length - 1]![0] : -Infinity;
    const added = (freshByKey.get(key) ?? []).filter(([t]) => t > last);
    const kept = old.filter(([t]) => t >= from);
    return { key, points: kept.length === old.length && added.length === 0 ? old : [...kept, ...added] };
  });
  return { resolution: shown.resolution, from, to, series };
}
