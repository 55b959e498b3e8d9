/** Number, size and duration formats of the access-analytics panels (1.2k, 3.4 MB, 250 ms). */

type Lang = 'en' | 'es' | string;
const locale = (lang: Lang) => (lang === 'es' ? 'es-ES' : 'en-GB');

/** 1234 → "1.2k" (compact above 10,000; exact below). */
export function formatCount(n: number, lang: Lang): string {
  if (Math.abs(n) < 10_000) return new Intl.NumberFormat(locale(lang)).format(Math.round(n * 100) / 100);
  return new Intl.NumberFormat(locale(lang), { notation: 'compact', maximumFractionDigits: 1 }).format(n);
}

/** An exact count with grouping: 1,234,567. */
export function formatExact(n: number, lang: Lang): string {
  return new Intl.NumberFormat(locale(lang)).format(n);
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
/** 3_565_158 → "3.4 MB" (powers of 1024). */
export function formatBytes(n: number, lang: Lang): string {
  let v = n;
  let u = 0;
  while (Math.abs(v) >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  const digits = u === 0 || v >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(locale(lang), { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(v)} ${UNITS[u]}`;
}

/** 0.4 → "0.4 ms", 250 → "250 ms", 2500 → "2.5 s". */
export function formatMs(ms: number, lang: Lang): string {
  const f = (v: number, d: number) => new Intl.NumberFormat(locale(lang), { maximumFractionDigits: d }).format(v);
  if (ms >= 1000) return `${f(ms / 1000, 2)} s`;
  return `${f(ms, ms < 10 ? 1 : 0)} ms`;
}

/** A bucket length in words: 1 s, 5 min, 1 h, 1 d. */
export function formatBucket(ms: number): string {
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000} d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${ms / 1000} s`;
}

/** An axis tick for a time; shows the date when the span covers more than a day. */
export function formatTick(t: number, spanMs: number, lang: Lang): string {
  const opts: Intl.DateTimeFormatOptions = spanMs > 86_400_000 ? { day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit' } : { hour: '2-digit', minute: '2-digit', second: spanMs < 600_000 ? '2-digit' : undefined };
  return new Intl.DateTimeFormat(locale(lang), opts).format(t);
}

/** A full local date-time. */
export function formatWhen(t: number, lang: Lang): string {
  return new Intl.DateTimeFormat(locale(lang), { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(t);
}

/** 0.0123 → "1.2 %". */
export function formatPct(ratio: number, lang: Lang): string {
  return new Intl.NumberFormat(locale(lang), { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}
