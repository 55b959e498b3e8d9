import type { AccessAnalytics } from '../../../contract';
import { F, formatHasLatency, type CompiledFormat } from '../parse/nginx-format';
import {
  isDash,
  newFieldSpans,
  readLineTime,
  readRequest,
  readSecondsMs,
  readUint,
  scanAccessLine,
  type RequestSpans,
  type TimeOut,
} from '../parse/nginx-scan';
import { ByteInterner, FNV_PRIME, FNV_SEED, RowTable } from './byte-interner';
import { PairSet } from './pair-set';
import { VisitorKeys } from './visitor-keys';
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
  /** The last user agent (id, -1 = none), day and visitor of this client: most lines repeat them. */
  lastUaId: number;
  lastDay: number;
  lastVisitor: number;
}
interface DayRow {
  hits: number;
  bytes: number;
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
  visitors: Int32Array;
  days: [number, number, number][];
  /** Paths as flat arrays (a worker's message then copies a few buffers, not an object per path). */
  paths: {
    keys: string[];
    /**
     * Per path, PATH_NUMS numbers: hits, bytes, visitors counted before a restart of the pairs
     * (not in `pairs`), then its latency count, sum and max (count -1: no latency histogram).
     */
    nums: Float64Array;
    /** Per path: [start, end) of its latency histogram's counts in `latCounts`. */
    latSpans: Int32Array;
    latCounts: Uint32Array;
  };
  /** The (visitor, path) pairs, flat: [visitor index, index into paths, …]. */
  pairs: Int32Array;
}

/**
 * Byte counters start at -0, a double: sums pass 2^31 within the first lines of a busy log, and
 * counters that start as small integers would make the optimised push() bail out (overflow)
 * and be recompiled, once per counter. -0 + x is x for every x ≥ 0 (+0 included), so no -0
 * outlives the first line counted.
 */
const DZ = -0;

/** Numbers per path in an export's `paths.nums`. */
const PATH_NUMS = 6;
/** Sub-buckets of a path's latency histogram (±1.6 %). */
const PATH_LAT_SUB = 32;

export class AccessState {
  requests = 0;
  valid = 0;
  failed = 0;
  bandwidth = DZ;
  firstTs: number | null = null;
  lastTs: number | null = null;
  readonly latency = new LatencyHistogram(128);
  private readonly status = new Float64Array(600);
  private readonly buckets = new Map<number, Bucket>();
  private readonly paths = new RowTable<PathRow>();
  private readonly clients = new RowTable<ClientRow>();
  /** (visitor, path id) pairs seen: each path's visitor count. */
  private readonly pathVisitors = new PairSet();
  /** User agents of visitors (the bytes, compared in place with each line's). */
  private uas = new ByteInterner();
  private readonly days = new Map<number, DayRow>();
  /** Per visitor id: its day, client id and user agent id (for export). */
  private visDay: number[] = [];
  private visIp: number[] = [];
  private visUa: number[] = [];
  /** (day, client id, user agent id) → visitor id. */
  private visitorKeys = new VisitorKeys();
  /** Tracked visitor and (visitor, path) keys, against opts.maxVisitorKeys. */
  private trackedKeys = 0;
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
        b = { requests: 0, s2xx: 0, s3xx: 0, s4xx: 0, s5xx: 0, bytes: DZ };
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
        client = { id, hits: 0, bytes: DZ, lastUaId: -1, lastDay: -1, lastVisitor: -1 };
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
        dayRow = { hits: 0, bytes: DZ, visitors: 0 };
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
        const last = client.lastUaId;
        if (last >= 0 && this.uas.equals(last, buf, uaS, uaE)) uaId = last;
        else {
          uaId = this.uas.intern(buf, uaS, uaE);
          client.lastUaId = uaId;
          client.lastDay = -1;
        }
      }
      if (client.lastDay === day && client.lastUaId === uaId && client.lastVisitor >= 0) {
        visitor = client.lastVisitor;
      } else {
        if (!dayRow) {
          dayRow = this.days.get(0);
          if (!dayRow) this.days.set(0, (dayRow = { hits: 0, bytes: DZ, visitors: 0 }));
        }
        const v = this.visitorKeys.getOrAdd(day, client.id, uaId, this.visDay.length);
        if (v < 0) {
          visitor = this.visDay.length;
          dayRow.visitors++;
          this.visDay.push(day);
          this.visIp.push(client.id);
          this.visUa.push(uaId);
          this.trackedKeys++;
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
    let ph = FNV_SEED;
    if (readRequest(sp, buf, r)) {
      // One pass: the path ends at '?' (pathEnd), hashed for the interner on the way.
      // Percent-escapes are rare: only those paths become strings to be decoded.
      ps = r.uriStart;
      const ue = r.uriEnd;
      let escaped = false;
      pe = ps;
      for (; pe < ue; pe++) {
        const c = buf[pe];
        if (c === 0x3f) break;
        if (c === 0x25) escaped = true;
        ph = Math.imul(ph ^ c, FNV_PRIME);
      }
      if (escaped) pathKey = decodePathKey(latin1(buf, ps, pe));
    } else {
      const rs = sp[F.REQUEST * 2];
      pathKey = rs >= 0 && !isDash(buf, rs, sp[F.REQUEST * 2 + 1]) ? latin1(buf, rs, Math.min(sp[F.REQUEST * 2 + 1], rs + 512)) : '-';
    }
    let pid = pathKey === null ? this.paths.idHashed(buf, ps, pe, ph) : this.paths.idOfKey(pathKey);
    let row = this.paths.row(pid);
    if (!row) {
      if (this.paths.size >= this.opts.maxPaths) {
        this.prunePaths();
        pid = pathKey === null ? this.paths.id(buf, ps, pe) : this.paths.idOfKey(pathKey);
      }
      row = { hits: 0, bytes: DZ, visitorCount: 0, lat: null };
      this.paths.set(pid, row);
    }
    row.hits++;
    row.bytes += bytes;
    if (visitor >= 0 && this.pathVisitors.add(visitor, pid)) {
      row.visitorCount++;
      this.trackedKeys++;
    }
    if (lat === lat) {
      if (row.lat === null) row.lat = new LatencyHistogram(PATH_LAT_SUB);
      row.lat.record(lat);
    }
    if (this.trackedKeys > this.opts.maxVisitorKeys) this.resetVisitorSets();
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
    const other = all.find(([k]) => k === OTHER_ROW)?.[1] ?? { id: -1, hits: 0, bytes: 0, lastUaId: -1, lastDay: -1, lastVisitor: -1 };
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
    this.visitorKeys = new VisitorKeys();
    for (const [, c] of this.clients.entries()) {
      c.lastUaId = -1;
      c.lastVisitor = -1;
    }
    this.pathVisitors.clear();
    this.uas = new ByteInterner();
    this.visDay = [];
    this.visIp = [];
    this.visUa = [];
    this.trackedKeys = 0;
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
        bandwidth: this.bandwidth + 0,
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
    const pathRows = this.paths.entries();
    const pathIndex = new Int32Array(pathRows.reduce((m, [, , id]) => Math.max(m, id + 1), 0));
    pathRows.forEach(([, , id], i) => (pathIndex[id] = i));
    const pairs = this.pathVisitors.toArray();
    const pairCount = new Int32Array(pathRows.length);
    for (let k = 0; k < pairs.length; k += 2) {
      const i = pathIndex[pairs[k + 1]];
      pairs[k + 1] = i;
      pairCount[i]++;
    }
    const clientRows = this.clients.entries();
    const clientIndex = new Map<number, number>();
    clientRows.forEach(([, c], i) => clientIndex.set(c.id, i));
    const visitors = new Int32Array(this.visDay.length * 3);
    for (let i = 0; i < this.visDay.length; i++) {
      visitors[i * 3] = this.visDay[i];
      visitors[i * 3 + 1] = clientIndex.get(this.visIp[i]) ?? -1;
      visitors[i * 3 + 2] = this.visUa[i];
    }
    return {
      requests: this.requests,
      valid: this.valid,
      failed: this.failed,
      bandwidth: this.bandwidth + 0,
      firstTs: this.firstTs,
      lastTs: this.lastTs,
      hasLatency: this.hasLatency,
      bucketMs: this.bucketMs,
      latency: this.latency.toJSON(),
      status: Array.from(this.status),
      buckets: [...this.buckets.entries()].map(([k, b]) => [k, b.requests, b.s2xx, b.s3xx, b.s4xx, b.s5xx, b.bytes]),
      clients: clientRows.map(([ip, c]) => [ip, c.hits, c.bytes]),
      uas: this.uas.keys(),
      visitors,
      days: [...this.days.entries()].map(([d, r]) => [d, r.hits, r.bytes]),
      paths: exportPaths(pathRows, pairCount),
      pairs,
    };
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
        c = { id, hits: 0, bytes: DZ, lastUaId: -1, lastDay: -1, lastVisitor: -1 };
        this.clients.set(id, c);
      }
      c.hits += hits;
      c.bytes += bytes;
      clientIds.push(c.id);
    }
    const uaIds = x.uas.map((ua) => this.uas.internKey(ua));
    for (const [d, hits, bytes] of x.days) {
      let row = this.days.get(d);
      if (!row) this.days.set(d, (row = { hits: 0, bytes: DZ, visitors: 0 }));
      row.hits += hits;
      row.bytes += bytes;
    }
    const visitorIds = new Int32Array(x.visitors.length / 3);
    for (let i = 0; i < visitorIds.length; i++) {
      const d = x.visitors[i * 3];
      const ci = x.visitors[i * 3 + 1];
      const ua = uaIds[x.visitors[i * 3 + 2]] ?? 0;
      let row = this.days.get(d);
      if (!row) this.days.set(d, (row = { hits: 0, bytes: DZ, visitors: 0 }));
      let v = this.visitorKeys.getOrAdd(d, clientIds[ci] ?? 0, ua, this.visDay.length);
      if (v < 0) {
        v = this.visDay.length;
        row.visitors++;
        this.visDay.push(d);
        this.visIp.push(clientIds[ci] ?? 0);
        this.visUa.push(ua);
      }
      visitorIds[i] = v;
    }
    const xp = x.paths;
    const pathIds = new Int32Array(xp.keys.length);
    const pathRows: PathRow[] = [];
    for (let i = 0; i < xp.keys.length; i++) {
      const id = this.paths.idOfKey(xp.keys[i]);
      let row = this.paths.row(id);
      if (!row) this.paths.set(id, (row = { hits: 0, bytes: DZ, visitorCount: 0, lat: null }));
      const n = i * PATH_NUMS;
      row.hits += xp.nums[n];
      row.bytes += xp.nums[n + 1];
      row.visitorCount += xp.nums[n + 2];
      if (xp.nums[n + 3] >= 0) {
        const counts = xp.latCounts.subarray(xp.latSpans[i * 2], xp.latSpans[i * 2 + 1]);
        const h = LatencyHistogram.fromJSON({ sub: PATH_LAT_SUB, counts, count: xp.nums[n + 3], sum: xp.nums[n + 4], max: xp.nums[n + 5] });
        if (row.lat) row.lat.merge(h);
        else row.lat = h;
      }
      pathIds[i] = id;
      pathRows.push(row);
    }
    // A path's visitors grow by the pairs new here.
    const pairs = x.pairs;
    for (let k = 0; k < pairs.length; k += 2) {
      const i = pairs[k + 1];
      if (this.pathVisitors.add(visitorIds[pairs[k]], pathIds[i])) pathRows[i].visitorCount++;
    }
  }
}

/** The path rows as ExportedAccessState['paths'] (`pairCount`: each row's pairs in the export). */
function exportPaths(rows: [string, PathRow, number][], pairCount: Int32Array): ExportedAccessState['paths'] {
  const nums = new Float64Array(rows.length * PATH_NUMS);
  const latSpans = new Int32Array(rows.length * 2);
  const lats = rows.map(([, r]) => (r.lat ? r.lat.toJSON() : null));
  const latCounts = new Uint32Array(lats.reduce((n, l) => n + (l ? l.counts.length : 0), 0));
  let at = 0;
  rows.forEach(([, r], i) => {
    const n = i * PATH_NUMS;
    nums[n] = r.hits;
    nums[n + 1] = r.bytes;
    // Visitors counted before a restart of the pairs travel as a plain count.
    nums[n + 2] = r.visitorCount - pairCount[i];
    const l = lats[i];
    nums[n + 3] = l ? l.count : -1;
    nums[n + 4] = l ? l.sum : 0;
    nums[n + 5] = l ? l.max : 0;
    latSpans[i * 2] = at;
    if (l) {
      latCounts.set(l.counts, at);
      at += l.counts.length;
    }
    latSpans[i * 2 + 1] = at;
  });
  return { keys: rows.map(([k]) => k), nums, latSpans, latCounts };
}

type Latin1Buffer = Uint8Array & { latin1Slice(start: number, end: number): string };
/** Node's Buffer#latin1Slice (what toString('latin1') calls, without its argument checks). */
function latin1(buf: Uint8Array, s: number, e: number): string {
  return (buf as Latin1Buffer).latin1Slice(s, e);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const round = (n: number) => Math.round(n * 1000) / 1000;
