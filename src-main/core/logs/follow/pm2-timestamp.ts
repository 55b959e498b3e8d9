import type { SplitLine } from './line-splitter';
import type { SourceLine } from './types';

// PM2's `time: true` / `--time` / log_date_format prefix: "2024-05-01T10:00:00: " or
// "2024-05-01 10:00:00 +00:00: ".
const PREFIX = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?)\s?(Z|[+-]\d{2}:?\d{2})?: /;

/** The time PM2 wrote before a line, in epoch ms, or null (no prefix: the line's own time applies). */
export function pm2Timestamp(text: string): number | null {
  const m = PREFIX.exec(text);
  if (!m) return null;
  let zone = m[3] ?? '';
  if (/^[+-]\d{4}$/.test(zone)) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const t = Date.parse(`${m[1]}T${m[2]}${zone}`);
  return Number.isFinite(t) ? t : null;
}

/** Maps a PM2 log line: its text as written, ts from the PM2 prefix when present. */
export function pm2Line(l: SplitLine, at: number): SourceLine {
  return { text: l.text, truncatedBytes: l.truncatedBytes, ts: pm2Timestamp(l.text), at };
}
