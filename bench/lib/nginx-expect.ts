import type { AccessRecord } from './nginx-loggen';

/**
 * Access-log panels computed the slow, obvious way (Sets and Maps of strings), for tests to
 * check the aggregator against: from generator records, or from lines in the timed format
 * read with a plain regex (independent of the byte parser).
 */

/** The panels computed the slow, obvious way from the generator's records (not from the text). */
export function bruteForce(records: AccessRecord[], failedLines: number) {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const path = (target: string) => decodeURIComponent(target.split('?')[0]);
  const visitors = new Set<string>();
  const status = new Map<number, number>();
  const paths = new Map<string, { hits: number; bytes: number; visitors: Set<string>; lat: number[] }>();
  const clients = new Map<string, { hits: number; bytes: number }>();
  const days = new Map<string, { hits: number; bytes: number; visitors: Set<string> }>();
  let bandwidth = 0;
  const lat: number[] = [];
  for (const r of records) {
    const v = `${r.ip}|${day(r.ms)}|${r.ua}`;
    const counts = r.status < 400 || r.status >= 500;
    if (counts) visitors.add(v);
    status.set(r.status, (status.get(r.status) ?? 0) + 1);
    bandwidth += r.bytes;
    lat.push(Math.round(r.requestTime * 1000));
    const p = paths.get(path(r.target)) ?? { hits: 0, bytes: 0, visitors: new Set<string>(), lat: [] };
    p.hits++;
    p.bytes += r.bytes;
    if (counts) p.visitors.add(v);
    p.lat.push(Math.round(r.requestTime * 1000));
    paths.set(path(r.target), p);
    const c = clients.get(r.ip) ?? { hits: 0, bytes: 0 };
    c.hits++;
    c.bytes += r.bytes;
    clients.set(r.ip, c);
    const d = days.get(day(r.ms)) ?? { hits: 0, bytes: 0, visitors: new Set<string>() };
    d.hits++;
    d.bytes += r.bytes;
    if (counts) d.visitors.add(v);
    days.set(day(r.ms), d);
  }
  lat.sort((a, b) => a - b);
  return { requests: records.length + failedLines, valid: records.length, visitors: visitors.size, status, paths, clients, days, bandwidth, lat };
}


const TIMED_LINE = /^(\S+) \S+ \S+ \[(\d{2})\/(\w{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-]\d{4})\] "(\S+) (\S+) [^"]*" (\d{3}) (\d+) "([^"]*)" "([^"]*)" ([\d.]+) (.*)$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Lines in the timed format → records (the time kept as written: UTC only when +0000). */
export function recordsFromTimedText(text: string): { records: AccessRecord[]; failed: number } {
  const records: AccessRecord[] = [];
  let failed = 0;
  for (const line of text.split('\n')) {
    if (!line) continue;
    const m = TIMED_LINE.exec(line);
    if (!m) {
      failed++;
      continue;
    }
    const [, ip, d, mon, y, h, mi, s, , method, target, status, bytes, referer, ua, rt, upstream] = m;
    const ms = Date.UTC(Number(y), MONTHS.indexOf(mon), Number(d), Number(h), Number(mi), Number(s));
    records.push({ ip, ms, method, target, status: Number(status), bytes: Number(bytes), referer, ua, requestTime: Number(rt), upstream });
  }
  return { records, failed };
}
