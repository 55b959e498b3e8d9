import type { LogLevel } from '../../../contract';
import type { ParsedFields } from './index';

/**
 * Parsers for the logs that are not access logs: nginx's error log, JSON lines (pino, bunyan,
 * winston, PM2 --json) and plain text (level guessed from its words, time from a PM2 `--time`
 * or ISO prefix). Times without a zone are read as the local time of the machine running
 * Opsdeck (nginx's error log and PM2 write the host's local time and do not say which).
 */

const empty = (): ParsedFields => ({ ts: null, level: null, status: null, path: null, latencyMs: null });

const LEVEL_WORDS: Record<string, LogLevel> = {
  fatal: 'error',
  panic: 'error',
  emerg: 'error',
  emergency: 'error',
  alert: 'error',
  crit: 'error',
  critical: 'error',
  error: 'error',
  err: 'error',
  warn: 'warn',
  warning: 'warn',
  notice: 'info',
  info: 'info',
  information: 'info',
  debug: 'debug',
  trace: 'debug',
  verbose: 'debug',
  silly: 'debug',
};

/** A level from a word (any case), or null. */
export function levelFromWord(word: string): LogLevel | null {
  return LEVEL_WORDS[word.toLowerCase()] ?? null;
}

/** pino/bunyan numeric levels: 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal. */
export function levelFromNumber(n: number): LogLevel | null {
  if (!Number.isFinite(n)) return null;
  if (n >= 50) return 'error';
  if (n >= 40) return 'warn';
  if (n >= 30) return 'info';
  if (n >= 10) return 'debug';
  return null;
}

const UPPER_WORD = /\b(FATAL|PANIC|EMERG|ALERT|CRIT|CRITICAL|ERROR|ERR|WARN|WARNING|NOTICE|INFO|DEBUG|TRACE|VERBOSE)\b/;
const TAGGED_WORD = /(?:^|[[(<|]|level"?[=:]\s*"?|severity"?[=:]\s*"?)(fatal|panic|emerg|alert|crit|critical|error|err|warn|warning|notice|info|debug|trace|verbose)(?=$|[\]\s:>)|",])/i;

/** Guesses the level of a plain line from its first 300 characters. */
export function guessLevel(text: string): LogLevel | null {
  const head = text.length > 300 ? text.slice(0, 300) : text;
  const m = UPPER_WORD.exec(head) ?? TAGGED_WORD.exec(head);
  return m ? levelFromWord(m[1]) : null;
}

const ISO_PREFIX = /^\[?(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?/;

/** A time at the start of a line: ISO 8601 or PM2's `--time` prefix (`2024-05-01T10:00:00: `). */
export function leadingTime(text: string): number | null {
  const m = ISO_PREFIX.exec(text);
  if (!m) return null;
  return civilToMs(m.slice(1, 7).map(Number), m[7], m[8]);
}

function civilToMs([y, mo, d, h, mi, s]: number[], frac: string | undefined, zone: string | undefined): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  if (zone === undefined) {
    const t = new Date(y, mo - 1, d, h, mi, s, ms).getTime();
    return Number.isFinite(t) ? t : null;
  }
  let t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  if (zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
  }
  return Number.isFinite(t) ? t : null;
}

const NGINX_ERROR = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2}) \[([a-z]+)\]/;

/** `2024/05/01 10:00:00 [error] 123#0: *1 …` → level and time. */
export function parseNginxErrorLine(text: string): ParsedFields {
  const out = empty();
  const m = NGINX_ERROR.exec(text);
  if (!m) {
    out.level = guessLevel(text);
    return out;
  }
  out.ts = civilToMs(m.slice(1, 7).map(Number), undefined, undefined);
  out.level = levelFromWord(m[7]);
  return out;
}

function timeValue(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) {
    if (v > 1e14) return Math.floor(v / 1000); // microseconds
    if (v > 1e11) return v; // milliseconds
    if (v > 1e8) return Math.round(v * 1000); // seconds
    return null;
  }
  if (typeof v === 'string' && v.length >= 10 && v.length <= 64) {
    const lead = leadingTime(v);
    if (lead !== null) return lead;
    const t = Date.parse(v);
    return Number.isFinite(t) ? t : null;
  }
  return null;
}

function levelValue(v: unknown): LogLevel | null {
  if (typeof v === 'number') return levelFromNumber(v);
  if (typeof v === 'string') return levelFromWord(v.trim()) ?? (/^\d+$/.test(v) ? levelFromNumber(Number(v)) : null);
  return null;
}

/** One JSON object per line; falls back to the plain rules when the line is not JSON. */
export function parseJsonLine(text: string): ParsedFields {
  const t = text.trimStart();
  if (!t.startsWith('{')) return parsePlainLine(text);
  let obj: Record<string, unknown>;
  try {
    const v: unknown = JSON.parse(t);
    if (!v || typeof v !== 'object' || Array.isArray(v)) return parsePlainLine(text);
    obj = v as Record<string, unknown>;
  } catch {
    return parsePlainLine(text);
  }
  const out = empty();
  out.level = levelValue(obj.level) ?? levelValue(obj.lvl) ?? levelValue(obj.severity) ?? levelValue(obj.loglevel) ?? levelValue(obj.log_level);
  if (out.level === null && typeof obj.msg === 'string') out.level = guessLevel(obj.msg);
  if (out.level === null && typeof obj.message === 'string') out.level = guessLevel(obj.message);
  out.ts = timeValue(obj.time) ?? timeValue(obj.timestamp) ?? timeValue(obj.ts) ?? timeValue(obj['@timestamp']) ?? timeValue(obj.date);
  const status = obj.status ?? obj.statusCode ?? (obj.res as Record<string, unknown> | undefined)?.statusCode;
  if (typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 599) out.status = status;
  const path = obj.path ?? obj.url;
  if (typeof path === 'string' && path.startsWith('/')) out.path = path.split('?')[0].slice(0, 2048);
  const lat = obj.responseTime ?? obj.response_time ?? obj.duration_ms ?? obj.latency_ms;
  if (typeof lat === 'number' && Number.isFinite(lat) && lat >= 0) out.latencyMs = lat;
  return out;
}

/** Plain text: the level from its words, the time from a leading timestamp. */
export function parsePlainLine(text: string): ParsedFields {
  const out = empty();
  out.ts = leadingTime(text);
  out.level = guessLevel(text);
  return out;
}
