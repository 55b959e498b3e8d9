import type { AccessAnalytics } from '../../../contract';
import { F, formatHasLatency, type CompiledFormat } from '../parse/nginx-format';
import {
  isDash,
  newFieldSpans,
  pathEnd,
  readLineTime,
  readRequest,
  readSecondsMs,
  readUint,
  scanAccessLine,
  type RequestSpans,
  type TimeOut,
} from '../parse/nginx-scan';
import { RowTable } from './byte-interner';
import { PairSet } from './pair-set';
import { LatencyHistogram } from './latency-histogram';
import { decodePathKey, displayBytes } from '../parse/path-key';

/**
 * The state behind the access-log panels: fed one line (bytes) at a time, read as
 * AccessAnalytics at any time, exported and merged across worker threads.
 *
 * Counting rules (the ones GoAccess 1.7 uses, checked against it):
 * - requests = lines seen; valid = lines that follow the format with a status 100–599 and a
 *   readable time; failed = the rest.
 * - visitors = unique (client IP, day as written in the log, user agent) over valid requests
 *   whose status is not 4xx (GoAccess leaves 4xx out unless --4xx-to-unique-count).
 * - a path's visitors = unique visitors among that path's requests.
 * - paths are the request target without its query string, percent-decoded (GoAccess with
 *   --no-query-string); a request that is "-" or not "METHOD TARGET" is kept as it is.
 * - bandwidth = sum of $body_bytes_sent ($bytes_sent when the format has no body size).
 *
 * Bounds (live streams; whole-file analysis sets them to Infinity and is exact):
 * - more than `maxPaths` distinct paths (or `maxClients` clients): the half with the fewest
 *   hits is folded into one "(other)" row; totals stay exact. Folding clients also restarts
 *   the visitor sets (below).
 * - more than `maxVisitorKeys` tracked (visitor) and (visitor, path) keys: the sets are
 *   cleared and counting goes on from there; a visitor seen before and after a reset is then
 *   counted twice (an over-count, never a loss of requests).
 * - the timeline keeps the newest `maxBuckets` buckets (live), or doubles its bucket when it
 *   would hold more (`coarsen`, whole files: a year of minute buckets becomes 16-minute ones).
 */

export const OTHER_ROW = '(other)';

export interface AccessStateOptions {
  /** Timeline bucket, ms (snapshots coarsen it to stay ≤ `maxPoints`). */
  bucketMs: number;
  top: number;
  maxPaths: number;
  maxClients: number;
  maxVisitorKeys: number;
  maxBuckets: number;
  /** Past maxBuckets, double the bucket (whole files) instead of dropping the oldest (live). */
  coarsen: boolean;
  /** Most timeline points a snapshot returns (the bucket is widened to fit). */
  maxPoints: number;
}

interface PathRow {
  hits: number;
  bytes: number;
  visitorCount: number;
  lat: LatencyHistogram | null;
}
interface ClientRow {
  id: number;
  hits: number;
  bytes: number;
  /** The last user agent, day and visitor of this client: most lines repeat them. */
  lastUa: string | null;
  lastUaId: number;
  lastDay: number;
  lastVisitor: number;
}
interface DayRow {
  hits: number;
  bytes: number;
  /** (ipId·2^22 + uaId) → visitor id, for this day. */
  keys: Map<number, number>;
  visitors: number;
}
interface Bucket {
  requests: number;
  s2xx: number;
  s3xx: number;
  s4xx: number;
  s5xx: number;
  bytes: number;
}

/** The plain form of a state, for a worker's message and merging. */
export interface ExportedAccessState {
  requests: number;
  valid: number;
  failed: number;
  bandwidth: number;
  firstTs: number | null;
  lastTs: number | null;
  hasLatency: boolean;
  bucketMs: number;
  latency: ReturnType<LatencyHistogram['toJSON']>;
  status: number[];
  buckets: [number, number, number, number, number, number, number][];
  clients: [string, number, number][];
  uas: string[];
  /** Per visitor: day, index into clients, index into uas. */
  visitors: number[];
  days: [number, number, number][];
  paths: { key: string; hits: number; bytes: number; visitors: number[]; visitorCount: number; lat: ReturnType<LatencyHistogram['toJSON']> | null }[];
}

const UA_SPACE = 4194304; // 2^22 user agents per visitor key

export class AccessState {
  requests = 0;
  valid = 0;
  failed = 0;
  bandwidth = 0;
  firstTs: number | null = null;
  lastTs: number | null = null;
  readonly latency = new LatencyHistogram(128);
  private readonly status = new Float64Array(600);
  private readonly buckets = new Map<number, Bucket>();
  private readonly paths = new RowTable<PathRow>();
  private readonly clients = new RowTable<ClientRow>();
  /** (visitor, path id) pairs seen: each path's visitor count. */
  private readonly pathVisitors = new PairSet();
  private readonly uaIds = new Map<string, number>();
  private uaNames: string[] = [];
  private readonly days = new Map<number, DayRow>();
  /** Per visitor id: its day, client id and user agent id (for export). */
  private visDay: number[] = [];
  private visIp: number[] = [];
  private visUa: number[] = [];
  private visitorKeys = 0;
  private readonly hasLatency: boolean;
  private readonly hasTime: boolean;
  private readonly hasStatus: boolean;
  private readonly spans = newFieldSpans();
  private readonly time: TimeOut = { ms: 0, day: 0 };
  private readonly req: RequestSpans = { methodStart: -1, methodEnd: -1, uriStart: -1, uriEnd: -1 };
  private readonly bytesField: number;
  /** The timeline's bucket (opts.bucketMs, doubled each time the timeline is coarsened). */
  private bucketMs: number;
  /** The bucket and day of the previous line (most lines share them). */
  private lastBucketKey = NaN;
  private lastBucket: Bucket | undefined;
  private lastDayKey = -1;
  private lastDay: DayRow | undefined;

  constructor(
    readonly format: CompiledFormat,
    readonly opts: AccessStateOptions,
  ) {
    this.hasLatency = formatHasLatency(format);
    this.hasTime = format.has.has(F.TIME_LOCAL) || format.has.has(F.TIME_ISO) || format.has.has(F.MSEC);
    this.hasStatus = format.has.has(F.STATUS);
    this.bytesField = format.has.has(F.BODY_BYTES) ? F.BODY_BYTES : F.BYTES_SENT;
    this.bucketMs = opts.bucketMs;
  }

  /** One line: `buf[s, e)` without its newline. False when it did not parse (counted as failed). */
  push(buf: Uint8Array, s: number, e: number): boolean {
    if (e > s && buf[e - 1] === 0x0d) e--;
    this.requests++;
    const sp = this.spans;
    if (!scanAccessLine(this.format, buf, s, e, sp)) {
      this.failed++;
      return false;
    }
    let status = -1;
    if (this.hasStatus) {
      status = readUint(buf, sp[F.STATUS * 2], sp[F.STATUS * 2 + 1]);
      if (status < 100 || status > 599) {
        this.failed++;
        return false;
      }
    }
    const t = this.time;
    let ts = -1;
    let day = 0;
    if (this.hasTime) {
      if (!readLineTime(sp, buf, t)) {
        this.failed++;
        return false;
      }
      ts = t.ms;
      day = t.day;
    }
    this.valid++;
    if (status > 0) this.status[status]++;
    let bytes = readUint(buf, sp[this.bytesField * 2], sp[this.bytesField * 2 + 1]);
    if (bytes < 0) bytes = 0;
    this.bandwidth += bytes;

    let lat = NaN;
    if (this.hasLatency) {
      lat = readSecondsMs(buf, sp[F.REQUEST_TIME * 2], sp[F.REQUEST_TIME * 2 + 1]);
      if (lat !== lat) lat = readSecondsMs(buf, sp[F.UPSTREAM_TIME * 2], sp[F.UPSTREAM_TIME * 2 + 1]);
      if (lat === lat) this.latency.record(lat);
    }

    if (ts >= 0) {
      if (this.firstTs === null || ts < this.firstTs) this.firstTs = ts;
      if (this.lastTs === null || ts > this.lastTs) this.lastTs = ts;
      let bk = Math.floor(ts / this.bucketMs);
      let b = bk === this.lastBucketKey ? this.lastBucket : this.buckets.get(bk);
      if (!b && this.opts.coarsen && this.buckets.size >= this.opts.maxBuckets) {
        // Sparse timelines may need several doublings; halving the count keeps this amortised.
        while (this.buckets.size >= this.opts.maxBuckets / 2) this.coarsenBuckets(2);
        bk = Math.floor(ts / this.bucketMs);
        b = this.buckets.get(bk);
      }
      if (!b) {
        b = { requests: 0, s2xx: 0, s3xx: 0, s4xx: 0, s5xx: 0, bytes: 0 };
        this.buckets.set(bk, b);
        if (this.buckets.size > this.opts.maxBuckets) this.trimBuckets();
      }
      if (bk !== this.lastBucketKey && this.buckets.get(bk) === b) {
        this.lastBucketKey = bk;
        this.lastBucket = b;
      }
      b.requests++;
      b.bytes += bytes;
      if (status >= 200) {
        if (status < 300) b.s2xx++;
        else if (status < 400) b.s3xx++;
        else if (status < 500) b.s4xx++;
        else b.s5xx++;
      }
    }

    // Client.
    let client: ClientRow | undefined;
    const ipS = sp[F.REMOTE_ADDR * 2];
    if (ipS >= 0) {
      const ipE = sp[F.REMOTE_ADDR * 2 + 1];
      let id = this.clients.id(buf, ipS, ipE);
      client = this.clients.row(id);
      if (!client) {
        if (this.clients.size >= this.opts.maxClients) {
          this.pruneClients();
          id = this.clients.id(buf, ipS, ipE);
        }
        client = { id, hits: 0, bytes: 0, lastUa: null, lastUaId: -1, lastDay: -1, lastVisitor: -1 };
        this.clients.set(id, client);
      }
      client.hits++;
      client.bytes += bytes;
    }

    // Day and visitor (4xx requests are not visitors, as in GoAccess).
    let visitor = -1;
    let dayRow: DayRow | undefined;
    if (day > 0) {
      dayRow = day === this.lastDayKey ? this.lastDay : this.days.get(day);
      if (!dayRow) {
        dayRow = { hits: 0, bytes: 0, keys: new Map(), visitors: 0 };
        this.days.set(day, dayRow);
      }
      this.lastDayKey = day;
      this.lastDay = dayRow;
      dayRow.hits++;
      dayRow.bytes += bytes;
    }
    if (client && (status < 400 || status >= 500)) {
      const uaS = sp[F.USER_AGENT * 2];
      let uaId = 0;
      if (uaS >= 0) {
        const uaE = sp[F.USER_AGENT * 2 + 1];
        const last = client.lastUa;
        if (last !== null && sameBytes(last, buf, uaS, uaE)) uaId = client.lastUaId;
        else {
          const ua = latin1(buf, uaS, uaE);
          const known = this.uaIds.get(ua);
          if (known === undefined) {
            uaId = this.uaNames.length;
            this.uaIds.set(ua, uaId);
            this.uaNames.push(ua);
          } else uaId = known;
          client.lastUa = ua;
          client.lastUaId = uaId;
          client.lastDay = -1;
        }
      }
      if (client.lastDay === day && client.lastUaId === uaId && client.lastVisitor >= 0) {
        visitor = client.lastVisitor;
      } else {
        if (!dayRow) {
          dayRow = this.days.get(0);
          if (!dayRow) this.days.set(0, (dayRow = { hits: 0, bytes: 0, keys: new Map(), visitors: 0 }));
        }
        const key = client.id * UA_SPACE + (uaId % UA_SPACE);
        const v = dayRow.keys.get(key);
        if (v === undefined) {
          visitor = this.visDay.length;
          dayRow.keys.set(key, visitor);
          dayRow.visitors++;
          this.visDay.push(day);
          this.visIp.push(client.id);
          this.visUa.push(uaId);
          this.visitorKeys++;
        } else visitor = v;
        client.lastDay = day;
        client.lastUaId = uaId;
        client.lastVisitor = visitor;
      }
    }

    // Path.
    const r = this.req;
    let pathKey: string | null = null;
    let ps = 0;
    let pe = 0;
    if (readRequest(sp, buf, r)) {
      ps = r.uriStart;
      pe = pathEnd(buf, ps, r.uriEnd);
      // Percent-escapes are rare: only those paths become strings to be decoded.
      for (let i = ps; i < pe; i++) {
        if (buf[i] === 0x25) {
          pathKey = decodePathKey(latin1(buf, ps, pe));
          break;
        }
      }
    } else {
      const rs = sp[F.REQUEST * 2];
      pathKey = rs >= 0 && !isDash(buf, rs, sp[F.REQUEST * 2 + 1]) ? latin1(buf, rs, Math.min(sp[F.REQUEST * 2 + 1], rs + 512)) : '-';
    }
    let pid = pathKey === null ? this.paths.id(buf, ps, pe) : this.paths.idOfKey(pathKey);
    let row = this.paths.row(pid);
    if (!row) {
      if (this.paths.size >= this.opts.maxPaths) {
        this.prunePaths();
        pid = pathKey === null ? this.paths.id(buf, ps, pe) : this.paths.idOfKey(pathKey);
      }
      row = { hits: 0, bytes: 0, visitorCount: 0, lat: null };
      this.paths.set(pid, row);
    }
    row.hits++;
    row.bytes += bytes;
    if (visitor >= 0 && this.pathVisitors.add(visitor, pid)) {
      row.visitorCount++;
      this.visitorKeys++;
    }
    if (lat === lat) {
      if (row.lat === null) row.lat = new LatencyHistogram(32);
      row.lat.record(lat);
    }
    if (this.visitorKeys > this.opts.maxVisitorKeys) this.resetVisitorSets();
    return true;
  }

  // ---------- bounds ----------

  /** Widens the bucket `factor` times, adding up the buckets that fall together. */
  private coarsenBuckets(factor: number): void {
    const old = [...this.buckets.entries()];
    this.buckets.clear();
    for (const [k, b] of old) {
      const nk = Math.floor(k / factor);
      const cur = this.buckets.get(nk);
      if (!cur) this.buckets.set(nk, b);
      else {
        cur.requests += b.requests;
        cur.s2xx += b.s2xx;
        cur.s3xx += b.s3xx;
        cur.s4xx += b.s4xx;
        cur.s5xx += b.s5xx;
        cur.bytes += b.bytes;
      }
    }
    this.bucketMs *= factor;
    this.lastBucketKey = NaN;
  }

  private trimBuckets(): void {
    this.lastBucketKey = NaN;
    const keys = [...this.buckets.keys()].sort((a, b) => a - b);
    for (let i = 0; i < keys.length - this.opts.maxBuckets; i++) this.buckets.delete(keys[i]);
  }

  private prunePaths(): void {
    const all = this.paths.entries();
    const rows = all.filter(([k]) => k !== OTHER_ROW).sort((a, b) => b[1].hits - a[1].hits);
    const other = all.find(([k]) => k === OTHER_ROW)?.[1] ?? { hits: 0, bytes: 0, visitorCount: 0, lat: null };
    const keep = Math.floor(this.opts.maxPaths / 2);
    for (const [, row] of rows.slice(keep)) {
      other.hits += row.hits;
      other.bytes += row.bytes;
      other.visitorCount += row.visitorCount;
    }
    this.paths.rebuild([...rows.slice(0, keep).map(([k, r]): [string, PathRow] => [k, r]), [OTHER_ROW, other]]);
    // Path ids changed: the (visitor, path) pairs restart (counts so far are kept).
    this.pathVisitors.clear();
  }

  private pruneClients(): void {
    const all = this.clients.entries();
    const rows = all.filter(([k]) => k !== OTHER_ROW).sort((a, b) => b[1].hits - a[1].hits);
    const other = all.find(([k]) => k === OTHER_ROW)?.[1] ?? { id: -1, hits: 0, bytes: 0, lastUa: null, lastUaId: -1, lastDay: -1, lastVisitor: -1 };
    const keep = Math.floor(this.opts.maxClients / 2);
    for (const [, row] of rows.slice(keep)) {
      other.hits += row.hits;
      other.bytes += row.bytes;
    }
    const kept: [string, ClientRow][] = [...rows.slice(0, keep).map(([k, r]): [string, ClientRow] => [k, r]), [OTHER_ROW, other]];
    const ids = this.clients.rebuild(kept);
    kept.forEach(([, r], i) => (r.id = ids[i]));
    // Client ids changed: visitor keys built on them restart (documented above).
    this.resetVisitorSets();
  }

  private resetVisitorSets(): void {
    for (const d of this.days.values()) d.keys = new Map();
    for (const [, c] of this.clients.entries()) {
      c.lastUa = null;
      c.lastVisitor = -1;
    }
    this.pathVisitors.clear();
    this.uaIds.clear();
    this.uaNames = [];
    this.visDay = [];
    this.visIp = [];
    this.visUa = [];
    this.visitorKeys = 0;
  }

  // ---------- reading ----------

  snapshot(): AccessAnalytics {
    const top = this.opts.top;
    const statusCodes: AccessAnalytics['statusCodes'] = [];
    for (let c = 100; c < 600; c++) if (this.status[c] > 0) statusCodes.push({ code: c, count: this.status[c] });

    // Timeline: widen the bucket until it fits maxPoints.
    let bucketMs = this.bucketMs;
    const keys = [...this.buckets.keys()].sort((a, b) => a - b);
    let factor = 1;
    if (keys.length > 0) {
      const span = keys[keys.length - 1] - keys[0] + 1;
      const ladder = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400];
      const baseSec = this.bucketMs / 1000;
      for (const step of ladder) {
        factor = Math.max(1, Math.round(step / baseSec));
        if (span / factor <= this.opts.maxPoints) break;
      }
      while (span / factor > this.opts.maxPoints) factor *= 2;
    }
    bucketMs *= factor;
    const timeline: AccessAnalytics['timeline'] = [];
    let cur: AccessAnalytics['timeline'][number] | null = null;
    for (const k of keys) {
      const t = Math.floor(k / factor) * bucketMs;
      const b = this.buckets.get(k)!;
      if (!cur || cur.t !== t) {
        cur = { t, requests: 0, s2xx: 0, s3xx: 0, s4xx: 0, s5xx: 0, bytes: 0 };
        timeline.push(cur);
      }
      cur.requests += b.requests;
      cur.s2xx += b.s2xx;
      cur.s3xx += b.s3xx;
      cur.s4xx += b.s4xx;
      cur.s5xx += b.s5xx;
      cur.bytes += b.bytes;
    }

    const pathRows = this.paths.entries();
    const topPaths = pathRows
      .sort((a, b) => b[1].hits - a[1].hits || (a[0] < b[0] ? -1 : 1))
      .slice(0, top)
      .map(([k, r]) => ({ path: displayBytes(k), hits: r.hits, visitors: r.visitorCount, bandwidth: r.bytes }));

    const withLat = pathRows.filter(([k, r]) => r.lat !== null && r.lat.count > 0 && k !== OTHER_ROW);
    // Endpoints with a handful of requests are noise in a large log: at least 3 timed requests,
    // and 1 in 10,000 of the log's requests.
    const want = Math.max(3, Math.ceil(this.valid / 10_000));
    const minHits = withLat.some(([, r]) => r.lat!.count >= want) ? want : withLat.some(([, r]) => r.lat!.count >= 3) ? 3 : 1;
    const slowest = withLat
      .filter(([, r]) => r.lat!.count >= minHits)
      .map(([k, r]) => ({ path: displayBytes(k), hits: r.hits, avgMs: round(r.lat!.sum / r.lat!.count), p95Ms: round(r.lat!.quantile(0.95)), maxMs: round(r.lat!.max) }))
      .sort((a, b) => b.avgMs - a.avgMs || b.hits - a.hits)
      .slice(0, top);

    const topClients = this.clients.entries()
      .sort((a, b) => b[1].hits - a[1].hits || (a[0] < b[0] ? -1 : 1))
      .slice(0, top)
      .map(([ip, c]) => ({ ip: displayBytes(ip), hits: c.hits, bandwidth: c.bytes }));

    let visitors = 0;
    const visitorsByDay: AccessAnalytics['visitorsByDay'] = [];
    for (const [d, row] of [...this.days.entries()].sort((a, b) => a[0] - b[0])) {
      visitors += row.visitors;
      if (d === 0) continue;
      const y = Math.floor(d / 10000);
      const m = Math.floor(d / 100) % 100;
      const dd = d % 100;
      visitorsByDay.push({ date: `${y}-${pad2(m)}-${pad2(dd)}`, hits: row.hits, visitors: row.visitors, bandwidth: row.bytes });
    }

    const h = this.latency;
    return {
      totals: {
        requests: this.requests,
        valid: this.valid,
        failed: this.failed,
        visitors,
        bandwidth: this.bandwidth,
        firstTs: this.firstTs,
        lastTs: this.lastTs,
        latency:
          this.hasLatency && h.count > 0
            ? { count: h.count, p50: round(h.quantile(0.5)), p95: round(h.quantile(0.95)), p99: round(h.quantile(0.99)), max: round(h.max) }
            : null,
      },
      statusCodes,
      bucketMs,
      timeline,
      topPaths,
      topClients,
      slowest,
      visitorsByDay,
    };
  }

  // ---------- worker threads ----------

  export(): ExportedAccessState {
    this.clientOrder = null;
    const pairLists = new Map<number, number[]>();
    this.pathVisitors.forEach((visitor, pathId) => {
      const list = pairLists.get(pathId);
      if (list) list.push(visitor);
      else pairLists.set(pathId, [visitor]);
    });
    return {
      requests: this.requests,
      valid: this.valid,
      failed: this.failed,
      bandwidth: this.bandwidth,
      firstTs: this.firstTs,
      lastTs: this.lastTs,
      hasLatency: this.hasLatency,
      bucketMs: this.bucketMs,
      latency: this.latency.toJSON(),
      status: Array.from(this.status),
      buckets: [...this.buckets.entries()].map(([k, b]) => [k, b.requests, b.s2xx, b.s3xx, b.s4xx, b.s5xx, b.bytes]),
      clients: this.clients.entries().map(([ip, c]) => [ip, c.hits, c.bytes]),
      uas: this.uaNames,
      visitors: this.visDay.flatMap((d, i) => [d, this.clientIndexOf(this.visIp[i]), this.visUa[i]]),
      days: [...this.days.entries()].map(([d, r]) => [d, r.hits, r.bytes]),
      paths: this.paths.entries().map(([key, r, id]) => ({
        key,
        hits: r.hits,
        bytes: r.bytes,
        visitors: pairLists.get(id) ?? [],
        // Visitors counted before a restart of the pairs travel as a plain count.
        visitorCount: r.visitorCount - (pairLists.get(id)?.length ?? 0),
        lat: r.lat ? r.lat.toJSON() : null,
      })),
    };
  }

  private clientOrder: Map<number, number> | null = null;
  private clientIndexOf(id: number): number {
    if (!this.clientOrder) {
      this.clientOrder = new Map();
      let i = 0;
      for (const [, c] of this.clients.entries()) this.clientOrder.set(c.id, i++);
    }
    return this.clientOrder.get(id) ?? -1;
  }

  /** Adds another state's export (same format) into this one; exact when neither was bounded. */
  merge(x: ExportedAccessState): void {
    this.requests += x.requests;
    this.valid += x.valid;
    this.failed += x.failed;
    this.bandwidth += x.bandwidth;
    if (x.firstTs !== null && (this.firstTs === null || x.firstTs < this.firstTs)) this.firstTs = x.firstTs;
    if (x.lastTs !== null && (this.lastTs === null || x.lastTs > this.lastTs)) this.lastTs = x.lastTs;
    this.latency.merge(LatencyHistogram.fromJSON(x.latency));
    for (let c = 0; c < 600; c++) this.status[c] += x.status[c] ?? 0;
    // Both sides doubled the same base bucket: bring them to the wider one.
    if (x.bucketMs > this.bucketMs) this.coarsenBuckets(Math.round(x.bucketMs / this.bucketMs));
    const scale = this.bucketMs / x.bucketMs;
    for (const [xk, r, a, b, c, d, by] of x.buckets) {
      const k = Math.floor(xk / scale);
      const cur = this.buckets.get(k);
      if (cur) {
        cur.requests += r;
        cur.s2xx += a;
        cur.s3xx += b;
        cur.s4xx += c;
        cur.s5xx += d;
        cur.bytes += by;
      } else this.buckets.set(k, { requests: r, s2xx: a, s3xx: b, s4xx: c, s5xx: d, bytes: by });
    }
    const clientIds: number[] = [];
    for (const [ip, hits, bytes] of x.clients) {
      const id = this.clients.idOfKey(ip);
      let c = this.clients.row(id);
      if (!c) {
        c = { id, hits: 0, bytes: 0, lastUa: null, lastUaId: -1, lastDay: -1, lastVisitor: -1 };
        this.clients.set(id, c);
      }
      c.hits += hits;
      c.bytes += bytes;
      clientIds.push(c.id);
    }
    const uaIds = x.uas.map((ua) => {
      let id = this.uaIds.get(ua);
      if (id === undefined) {
        id = this.uaNames.length;
        this.uaIds.set(ua, id);
        this.uaNames.push(ua);
      }
      return id;
    });
    for (const [d, hits, bytes] of x.days) {
      let row = this.days.get(d);
      if (!row) this.days.set(d, (row = { hits: 0, bytes: 0, keys: new Map(), visitors: 0 }));
      row.hits += hits;
      row.bytes += bytes;
    }
    const visitorIds = new Int32Array(x.visitors.length / 3);
    for (let i = 0; i < visitorIds.length; i++) {
      const d = x.visitors[i * 3];
      const ci = x.visitors[i * 3 + 1];
      const ua = uaIds[x.visitors[i * 3 + 2]] ?? 0;
      let row = this.days.get(d);
      if (!row) this.days.set(d, (row = { hits: 0, bytes: 0, keys: new Map(), visitors: 0 }));
      const key = (clientIds[ci] ?? 0) * UA_SPACE + (ua % UA_SPACE);
      let v = row.keys.get(key);
      if (v === undefined) {
        v = this.visDay.length;
        row.keys.set(key, v);
        row.visitors++;
        this.visDay.push(d);
        this.visIp.push(clientIds[ci] ?? 0);
        this.visUa.push(ua);
      }
      visitorIds[i] = v;
    }
    for (const p of x.paths) {
      const id = this.paths.idOfKey(p.key);
      let row = this.paths.row(id);
      if (!row) this.paths.set(id, (row = { hits: 0, bytes: 0, visitorCount: 0, lat: null }));
      row.hits += p.hits;
      row.bytes += p.bytes;
      row.visitorCount += p.visitorCount;
      for (const v of p.visitors) {
        if (this.pathVisitors.add(visitorIds[v], id)) row.visitorCount++;
      }
      if (p.lat) {
        const h = LatencyHistogram.fromJSON(p.lat);
        if (row.lat) row.lat.merge(h);
        else row.lat = h;
      }
    }
    this.clientOrder = null;
  }
}

/** Whether a latin1 key equals `buf[s, e)` (no string made). */
function sameBytes(key: string, buf: Uint8Array, s: number, e: number): boolean {
  if (key.length !== e - s) return false;
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) !== buf[s + i]) return false;
  return true;
}

type Latin1Buffer = Uint8Array & { latin1Slice(start: number, end: number): string };
/** Node's Buffer#latin1Slice (what toString('latin1') calls, without its argument checks). */
function latin1(buf: Uint8Array, s: number, e: number): string {
  return (buf as Latin1Buffer).latin1Slice(s, e);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const round = (n: number) => Math.round(n * 1000) / 1000;
