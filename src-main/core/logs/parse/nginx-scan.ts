import { F, FIELD_COUNT, type CompiledFormat } from './nginx-format';

/**
 * The byte-level scanner for nginx access lines: follows a compiled plan over a Buffer range
 * and records where each field starts and ends. No regex, no string, no allocation.
 */

/**
 * `out[2*field]`/`out[2*field+1]` = start/end byte offsets, -1 when the format has no such
 * field. Use one span array per compiled format.
 */
export type FieldSpans = Int32Array;

/** A fresh span array for one scanner (reused for every line). */
export function newFieldSpans(): FieldSpans {
  return new Int32Array(FIELD_COUNT * 2).fill(-1);
}

function matchAt(buf: Uint8Array, pos: number, end: number, lit: Uint8Array): boolean {
  const n = lit.length;
  if (pos + n > end) return false;
  for (let k = 0; k < n; k++) if (buf[pos + k] !== lit[k]) return false;
  return true;
}

/**
 * Scans `buf[start, end)` (one line, no newline). Returns false when the line does not follow
 * the format; `out` is then partly filled and must not be read. Text after the last field of
 * the format is allowed (nginx configs often append fields to `combined`).
 */
export function scanAccessLine(format: CompiledFormat, buf: Uint8Array, start: number, end: number, out: FieldSpans): boolean {
  const p = format.plan;
  // No reset per line: a successful scan writes every field of the format, and the others
  // stay -1 from newFieldSpans (one span array per format).
  let pos = start;
  const n = p.n;
  for (let i = 0; i < n; i++) {
    if (p.kinds[i] === 0) {
      const lit = p.literals[i];
      if (!matchAt(buf, pos, end, lit)) return false;
      pos += lit.length;
      continue;
    }
    const field = p.fields[i];
    let vEnd: number;
    if (i + 1 >= n) {
      vEnd = end;
    } else if (p.kinds[i + 1] !== 0) {
      // Two variables back to back: only `$host$request_uri` can be told apart (at the '/').
      const next = p.fields[i + 1];
      vEnd = pos;
      if (next === F.REQUEST_URI || next === F.URI) while (vEnd < end && buf[vEnd] !== 0x2f) vEnd++;
    } else {
      const lit = p.literals[i + 1];
      const d = lit[0];
      const lastStep = i + 2 >= n;
      if (field === F.TIME_LOCAL && pos + 26 <= end && buf[pos + 2] === 0x2f && buf[pos + 20] === 0x20 && matchAt(buf, pos + 26, end, lit)) {
        vEnd = pos + 26; // "01/May/2024:10:00:00 +0000" holds a space
      } else if (lastStep && end - lit.length >= pos && matchAt(buf, end - lit.length, end, lit)) {
        // The closing literal ends the line: the value is everything before it (quotes inside a
        // user agent written by other servers cannot cut it short).
        vEnd = end - lit.length;
      } else {
        let j = pos;
        for (;;) {
          if (d === 0x22) {
            // Quoted values (request, referer, user agent) are long: memchr, not a JS loop.
            j = (buf as Buffer).indexOf(0x22, j);
            if (j < 0) j = end;
          } else while (j < end && buf[j] !== d) j++;
          if (j >= end) return false;
          if (matchAt(buf, j, end, lit)) {
            // `\"` written by servers that escape quotes that way is not the end of a quoted value.
            if (d === 0x22 && j > pos && buf[j - 1] === 0x5c) {
              j++;
              continue;
            }
            if (p.lists[i] === 1 && j > pos) {
              // "0.012, 0.034" and "0.012 : 0.034" are one $upstream_* value.
              if (buf[j - 1] === 0x2c) {
                j++;
                continue;
              }
              if (d === 0x20 && buf[j + 1] === 0x3a && buf[j + 2] === 0x20) {
                j += 3;
                continue;
              }
            }
            break;
          }
          j++;
        }
        vEnd = j;
      }
    }
    if (field > 0) {
      out[field * 2] = pos;
      out[field * 2 + 1] = vEnd;
    }
    pos = vEnd;
  }
  // Fields appended after the format (a combined log with extra fields) are ignored.
  return pos <= end;
}

// ---------- field readers (all on the same bytes, no allocation) ----------

/** A non-negative decimal integer, or -1 ("-", empty, not a number). */
export function readUint(buf: Uint8Array, s: number, e: number): number {
  if (s < 0 || e <= s || e - s > 15) return -1;
  let v = 0;
  for (let i = s; i < e; i++) {
    const c = buf[i] - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Seconds as nginx prints them ("0.123", "12", "0.1, 0.2", "0.1 : 0.2") → milliseconds;
 * a list is summed (every upstream tried took that long). NaN for "-" or nothing readable.
 */
export function readSecondsMs(buf: Uint8Array, s: number, e: number): number {
  if (s < 0 || e <= s) return NaN;
  let total = 0;
  let any = false;
  let i = s;
  while (i < e) {
    let ip = 0;
    let frac = 0;
    let scale = 1;
    let digits = false;
    while (i < e && buf[i] >= 48 && buf[i] <= 57) {
      ip = ip * 10 + (buf[i] - 48);
      i++;
      digits = true;
    }
    if (i < e && buf[i] === 0x2e) {
      i++;
      while (i < e && buf[i] >= 48 && buf[i] <= 57) {
        if (scale < 1e6) {
          frac = frac * 10 + (buf[i] - 48);
          scale *= 10;
        }
        i++;
        digits = true;
      }
    }
    if (digits) {
      total += ip * 1000 + (frac * 1000) / scale;
      any = true;
    }
    // Skip to the next number of a list, or stop at anything else.
    let sep = false;
    while (i < e && (buf[i] === 0x2c || buf[i] === 0x20 || buf[i] === 0x3a || buf[i] === 0x2d)) {
      sep = true;
      i++;
    }
    if (!digits && !sep) return any ? total : NaN;
  }
  return any ? total : NaN;
}

const MONTHS: Record<number, number> = {};
(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const).forEach((m, i) => {
  MONTHS[(m.charCodeAt(0) << 16) | (m.charCodeAt(1) << 8) | m.charCodeAt(2)] = i + 1;
});

/** Days since 1970-01-01 of a civil date (proleptic Gregorian). */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function dig2(buf: Uint8Array, i: number): number {
  const a = buf[i] - 48;
  const b = buf[i + 1] - 48;
  if (a < 0 || a > 9 || b < 0 || b > 9) return -1;
  return a * 10 + b;
}

/** A parsed time: epoch ms and the calendar day as written in the log (yyyymmdd). */
export interface TimeOut {
  ms: number;
  day: number;
}

let cacheDayKey = -1;
let cacheDays = 0;
function epochDays(y: number, m: number, d: number): number {
  const key = y * 10000 + m * 100 + d;
  if (key !== cacheDayKey) {
    cacheDayKey = key;
    cacheDays = daysFromCivil(y, m, d);
  }
  return cacheDays;
}

function finish(out: TimeOut, y: number, mo: number, d: number, h: number, mi: number, s: number, frac: number, offMin: number): boolean {
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60) return false;
  out.ms = ((epochDays(y, mo, d) * 24 + h) * 60 + mi) * 60000 + s * 1000 + frac - offMin * 60000;
  out.day = y * 10000 + mo * 100 + d;
  return true;
}

/**
 * The last `$time_local` read and its result: lines come in time order, so most repeat the
 * previous line's stamp (a busy log writes many lines per second) and are answered by
 * comparing at most 26 bytes, back to front (the seconds differ first).
 */
const lastStamp = new Uint8Array(26);
let lastStampLen = -1;
let lastStampMs = 0;
let lastStampDay = 0;

/** `01/May/2024:10:00:00 +0200` ($time_local). */
export function readTimeLocal(buf: Uint8Array, s: number, e: number, out: TimeOut): boolean {
  if (s < 0 || e - s < 20) return false;
  const len = e - s > 26 ? 26 : e - s;
  if (len === lastStampLen) {
    let k = len - 1;
    while (k >= 0 && buf[s + k] === lastStamp[k]) k--;
    if (k < 0) {
      out.ms = lastStampMs;
      out.day = lastStampDay;
      return true;
    }
  }
  const d = dig2(buf, s);
  const mo = MONTHS[(buf[s + 3] << 16) | (buf[s + 4] << 8) | buf[s + 5]] ?? -1;
  const y = dig2(buf, s + 7) * 100 + dig2(buf, s + 9);
  const h = dig2(buf, s + 12);
  const mi = dig2(buf, s + 15);
  const sec = dig2(buf, s + 18);
  let off = 0;
  if (e - s >= 26 && (buf[s + 21] === 0x2b || buf[s + 21] === 0x2d)) {
    const oh = dig2(buf, s + 22);
    const om = dig2(buf, s + 24);
    if (oh >= 0 && om >= 0) off = (buf[s + 21] === 0x2d ? -1 : 1) * (oh * 60 + om);
  }
  if (!finish(out, y, mo, d, h, mi, sec, 0, off)) return false;
  for (let k = 0; k < len; k++) lastStamp[k] = buf[s + k];
  lastStampLen = len;
  lastStampMs = out.ms;
  lastStampDay = out.day;
  return true;
}

/** `2024-05-01T10:00:00+02:00` ($time_iso8601), also with `Z`, fractions or a space. */
export function readTimeIso(buf: Uint8Array, s: number, e: number, out: TimeOut): boolean {
  if (s < 0 || e - s < 19) return false;
  const y = dig2(buf, s) * 100 + dig2(buf, s + 2);
  const mo = dig2(buf, s + 5);
  const d = dig2(buf, s + 8);
  const h = dig2(buf, s + 11);
  const mi = dig2(buf, s + 14);
  const sec = dig2(buf, s + 17);
  if (buf[s + 4] !== 0x2d || buf[s + 7] !== 0x2d || (buf[s + 10] !== 0x54 && buf[s + 10] !== 0x20)) return false;
  let i = s + 19;
  let frac = 0;
  if (i < e && (buf[i] === 0x2e || buf[i] === 0x2c)) {
    i++;
    let scale = 1;
    while (i < e && buf[i] >= 48 && buf[i] <= 57) {
      if (scale < 1000) {
        frac = frac * 10 + (buf[i] - 48);
        scale *= 10;
      }
      i++;
    }
    frac = (frac * 1000) / scale;
  }
  let off = 0;
  if (i < e && (buf[i] === 0x2b || buf[i] === 0x2d) && e - i >= 3) {
    const oh = dig2(buf, i + 1);
    const om = e - i >= 6 && buf[i + 3] === 0x3a ? dig2(buf, i + 4) : e - i >= 5 ? dig2(buf, i + 3) : 0;
    if (oh >= 0 && om >= 0) off = (buf[i] === 0x2d ? -1 : 1) * (oh * 60 + om);
  }
  return finish(out, y, mo, d, h, mi, sec, frac, off);
}

/** `1714557600.123` ($msec): epoch seconds; the day is the UTC day. */
export function readMsec(buf: Uint8Array, s: number, e: number, out: TimeOut): boolean {
  const ms = readSecondsMs(buf, s, e);
  if (!Number.isFinite(ms) || ms <= 0) return false;
  out.ms = Math.round(ms);
  const dt = new Date(out.ms);
  out.day = dt.getUTCFullYear() * 10000 + (dt.getUTCMonth() + 1) * 100 + dt.getUTCDate();
  return true;
}

/** Reads whichever time field the format has into `out`. */
export function readLineTime(spans: FieldSpans, buf: Uint8Array, out: TimeOut): boolean {
  if (spans[F.TIME_LOCAL * 2] >= 0) return readTimeLocal(buf, spans[F.TIME_LOCAL * 2], spans[F.TIME_LOCAL * 2 + 1], out);
  if (spans[F.TIME_ISO * 2] >= 0) return readTimeIso(buf, spans[F.TIME_ISO * 2], spans[F.TIME_ISO * 2 + 1], out);
  if (spans[F.MSEC * 2] >= 0) return readMsec(buf, spans[F.MSEC * 2], spans[F.MSEC * 2 + 1], out);
  return false;
}

/** Where the request target is: [start, end) of the URI (with query) and of the method. */
export interface RequestSpans {
  methodStart: number;
  methodEnd: number;
  uriStart: number;
  uriEnd: number;
}

/**
 * `GET /a?b HTTP/1.1` ($request) or $request_method + $request_uri / $uri → the spans of the
 * method and the target. False when the line has no request target ("-", garbage).
 */
export function readRequest(spans: FieldSpans, buf: Uint8Array, r: RequestSpans): boolean {
  let s = spans[F.REQUEST * 2];
  if (s >= 0) {
    const e = spans[F.REQUEST * 2 + 1];
    let sp = s;
    while (sp < e && buf[sp] !== 0x20) sp++;
    if (sp >= e || sp === s) return false;
    r.methodStart = s;
    r.methodEnd = sp;
    s = sp + 1;
    let ue = e;
    // Strip " HTTP/x.y" from the end when present.
    let k = e - 1;
    while (k > s && buf[k] !== 0x20) k--;
    if (k > s && buf[k + 1] === 0x48 && buf[k + 2] === 0x54 && buf[k + 3] === 0x54 && buf[k + 4] === 0x50) ue = k;
    if (ue <= s) return false;
    r.uriStart = s;
    r.uriEnd = ue;
    return true;
  }
  const us = spans[F.REQUEST_URI * 2] >= 0 ? F.REQUEST_URI : spans[F.URI * 2] >= 0 ? F.URI : -1;
  if (us < 0) return false;
  r.uriStart = spans[us * 2];
  r.uriEnd = spans[us * 2 + 1];
  if (r.uriEnd <= r.uriStart || (r.uriEnd - r.uriStart === 1 && buf[r.uriStart] === 0x2d)) return false;
  r.methodStart = spans[F.REQUEST_METHOD * 2];
  r.methodEnd = spans[F.REQUEST_METHOD * 2 + 1];
  return true;
}

/** End of the path part of a target: the first `?` (GoAccess's --no-query-string rule) or the end. */
export function pathEnd(buf: Uint8Array, s: number, e: number): number {
  for (let i = s; i < e; i++) if (buf[i] === 0x3f) return i;
  return e;
}

/** True when a field is "-" or empty. */
export function isDash(buf: Uint8Array, s: number, e: number): boolean {
  return s < 0 || e <= s || (e - s === 1 && buf[s] === 0x2d);
}
