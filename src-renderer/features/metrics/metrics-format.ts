import type { Language, MetricRange, MetricUnit } from '../../../src-main/contract';

/** Locale used for numbers and dates in the UI language. */
export const localeOf = (lang: Language): string => (lang === 'es' ? 'es-ES' : 'en-GB');

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

function num(v: number, lang: Language, digits: number): string {
  return new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(v);
}

/** "1.5 GiB" from bytes (binary units, like free(1) and df -h). */
export function formatBytes(v: number, lang: Language): string {
  let x = Math.abs(v);
  let i = 0;
  while (x >= 1024 && i < BYTE_UNITS.length - 1) {
    x /= 1024;
    i++;
  }
  const digits = x >= 100 || i === 0 ? 0 : x >= 10 ? 1 : 2;
  return `${v < 0 ? '-' : ''}${num(x, lang, digits)} ${BYTE_UNITS[i]}`;
}

/** "3 d 4 h", "5 h 12 min", "42 s" from seconds. */
export function formatDuration(seconds: number, lang: Language): string {
  const s = Math.max(0, Math.round(seconds));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const dayUnit = 'd';
  if (d > 0) return h ? `${d} ${dayUnit} ${h} h` : `${d} ${dayUnit}`;
  if (h > 0) return m ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return sec ? `${m} min ${sec} s` : `${m} min`;
  return `${num(sec, lang, 0)} s`;
}

/** A value with its unit, in the UI language: "73.4 %", "1.2 GiB", "850 KiB/s", "12/s", "3.2 ms". */
export function formatValue(unit: MetricUnit, v: number | null | undefined, lang: Language): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const small = (x: number) => (Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2);
  switch (unit) {
    case 'percent':
      return `${num(v, lang, Math.abs(v) >= 10 ? 1 : 2)} %`;
    case 'ratio':
      // Ratios (0–1) read better as a share.
      return `${num(v * 100, lang, v * 100 >= 99 ? 2 : 1)} %`;
    case 'bytes':
      return formatBytes(v, lang);
    case 'bytes/s':
      return `${formatBytes(v, lang)}/s`;
    case 'per-second':
      return `${num(v, lang, small(v))}/s`;
    case 'ms':
      return v >= 1000 ? `${num(v / 1000, lang, 2)} s` : `${num(v, lang, small(v))} ms`;
    case 'seconds':
      return formatDuration(v, lang);
    case 'days':
      return `${num(v, lang, v >= 10 ? 0 : 1)} d`;
    case 'load':
      return num(v, lang, 2);
    case 'count':
      return num(v, lang, Number.isInteger(v) ? 0 : 1);
  }
}

/** Shorter tick labels for a chart's Y axis. */
export function formatAxis(unit: MetricUnit, v: number, lang: Language): string {
  if (unit === 'seconds') {
    if (v >= 86400) return `${num(v / 86400, lang, 1)} d`;
    if (v >= 3600) return `${num(v / 3600, lang, 1)} h`;
    if (v >= 60) return `${num(v / 60, lang, 0)} min`;
    return `${num(v, lang, 0)} s`;
  }
  if (unit === 'count' && Math.abs(v) >= 10_000) return new Intl.NumberFormat(localeOf(lang), { notation: 'compact' }).format(v);
  return formatValue(unit, v, lang);
}

/** Window length of each range, in ms. */
export const RANGE_MS: Record<MetricRange, number> = {
  '15m': 15 * 60_000,
  '1h': 3_600_000,
  '6h': 6 * 3_600_000,
  '24h': 24 * 3_600_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
  '1y': 365 * 86_400_000,
};

/** The resolution the store answers a range with (raw 24 h, 1-minute 30 days, 1-hour a year). */
export function expectedResolution(range: MetricRange): 'raw' | '1m' | '1h' {
  if (range === '15m' || range === '1h' || range === '6h' || range === '24h') return 'raw';
  if (range === '7d' || range === '30d') return '1m';
  return '1h';
}

/** Message key of a resolution, for the "every poll / per minute / per hour" label. */
export function resolutionKey(resolution: 'raw' | '1m' | '1h'): 'metrics.res.raw' | 'metrics.res.1m' | 'metrics.res.1h' {
  return `metrics.res.${resolution}`;
}

/** Tick label for a time axis: hours for short windows, day + hour for a week, dates beyond. */
export function formatTick(at: number, range: MetricRange, lang: Language): string {
  const d = new Date(at);
  const loc = localeOf(lang);
  if (range === '15m' || range === '1h' || range === '6h' || range === '24h') {
    return new Intl.DateTimeFormat(loc, { hour: '2-digit', minute: '2-digit' }).format(d);
  }
  if (range === '7d') return new Intl.DateTimeFormat(loc, { weekday: 'short', hour: '2-digit' }).format(d);
  return new Intl.DateTimeFormat(loc, { day: '2-digit', month: 'short' }).format(d);
}

/** The full local time of a point (tooltips, last poll). */
export function formatWhen(at: number, lang: Language): string {
  return new Intl.DateTimeFormat(localeOf(lang), {
    day: '2-digit',
    month: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(new Date(at));
}

/** `family` and optional `instance` of a metric key (`pm2.cpu:api` → pm2.cpu / api). */
export function splitKey(key: string): { family: string; instance: string | null } {
  const i = key.indexOf(':');
  return i < 0 ? { family: key, instance: null } : { family: key.slice(0, i), instance: key.slice(i + 1) };
}
