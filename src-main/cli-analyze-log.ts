import type { Readable } from 'node:stream';
import type { AccessAnalytics } from './contract';
import { isAppError } from './contract/errors';
import { analyzeLocalInputs, type AnalyzedInput } from './core/logs/analyze/local-files';

/** The shape `opsdeck analyze-log --json` prints (docs/analyze-log.md); bump on a breaking change. */
export const ANALYZE_JSON_SCHEMA = 'opsdeck.analyze-log/1';

export interface AnalyzeCliIo {
  out(text: string): void;
  err(text: string): void;
  stdin?: Readable;
}

const HELP = `Usage: opsdeck analyze-log FILE… [--log-format 'FORMAT'] [--json] [--top N] [--threads N]

Reads nginx access logs and prints their panels: requests, visitors, bandwidth, status codes,
requests over time, top paths, top clients, slowest endpoints, latency percentiles and visitors
by day. FILE may be a plain log, a .gz log, or - for standard input; several files are summed
(e.g. access.log access.log.1 access.log.2.gz).

  --log-format 'FORMAT'  the nginx log_format of the files (the body, or the whole pasted
                         log_format directive); default: nginx's combined format
  --json                 print the panels as JSON (shape: docs/analyze-log.md)
  --top N                rows in the top lists (default 20)
  --threads N            worker threads for plain files (default: the number of cores)

Exit status: 0 when every file was read, 1 when a file could not be read, 2 on a usage error.`;

interface Parsed {
  files: string[];
  logFormat?: string;
  json: boolean;
  top?: number;
  threads?: number;
}

function parseArgs(args: string[]): Parsed | string {
  const p: Parsed = { files: [], json: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = (name: string): string | undefined => {
      const eq = a.startsWith(`${name}=`) ? a.slice(name.length + 1) : undefined;
      if (eq !== undefined) return eq;
      const v = args[i + 1];
      i++;
      return v;
    };
    if (a === '--json') p.json = true;
    else if (a === '--log-format' || a.startsWith('--log-format=')) {
      const v = value('--log-format');
      if (!v || !v.trim()) return '--log-format needs a value: the log_format of your nginx config, in quotes.';
      p.logFormat = v;
    } else if (a === '--top' || a.startsWith('--top=')) {
      const v = Number(value('--top'));
      if (!Number.isInteger(v) || v < 1 || v > 100_000) return '--top needs a whole number from 1 to 100000.';
      p.top = v;
    } else if (a === '--threads' || a.startsWith('--threads=')) {
      const v = Number(value('--threads'));
      if (!Number.isInteger(v) || v < 1 || v > 64) return '--threads needs a whole number from 1 to 64.';
      p.threads = v;
    } else if (a === '-' || !a.startsWith('-')) p.files.push(a);
    else return `Unknown option "${a}".`;
  }
  if (p.files.length === 0) return 'Give at least one log file (or - to read standard input).';
  if (p.files.filter((f) => f === '-').length > 1) return 'Standard input (-) can be read only once.';
  return p;
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];
/** 1536 → "1.5 KB" (powers of 1024). */
export function formatBytes(n: number): string {
  let v = n;
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v} B` : `${v.toFixed(1)} ${UNITS[u]}`;
}
const num = (n: number) => n.toLocaleString('en-US');
const ms = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${Math.round(n)} ms`);
const iso = (t: number | null) => (t === null ? '-' : new Date(t).toISOString().replace('.000Z', 'Z'));
const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The readable report printed without --json. */
export function formatAnalytics(a: AccessAnalytics, files: readonly AnalyzedInput[]): string {
  const t = a.totals;
  const L: string[] = [];
  L.push(`Read ${files.length} file(s): ${files.map((f) => `${f.path === '-' ? 'standard input' : f.path} (${num(f.lines)} lines)`).join(', ')}`);
  L.push('');
  L.push(`Requests   ${num(t.requests)} (valid ${num(t.valid)}, failed ${num(t.failed)})`);
  L.push(`Visitors   ${num(t.visitors)} (unique IP + day + user agent)`);
  L.push(`Bandwidth  ${formatBytes(t.bandwidth)}`);
  L.push(`From       ${iso(t.firstTs)} to ${iso(t.lastTs)}`);
  if (t.latency) L.push(`Latency    p50 ${ms(t.latency.p50)}, p95 ${ms(t.latency.p95)}, p99 ${ms(t.latency.p99)}, max ${ms(t.latency.max)} (${num(t.latency.count)} timed requests)`);
  else L.push('Latency    not in this log format (add $request_time to the log_format)');
  if (a.statusCodes.length) {
    L.push('', 'Status codes:');
    for (const s of a.statusCodes) L.push(`  ${s.code}  ${num(s.count).padStart(12)}  ${((s.count / Math.max(1, t.valid)) * 100).toFixed(1).padStart(5)} %`);
  }
  if (a.topPaths.length) {
    L.push('', 'Top paths:', `  ${'hits'.padStart(10)} ${'visitors'.padStart(9)} ${'bandwidth'.padStart(10)}  path`);
    for (const p of a.topPaths) L.push(`  ${num(p.hits).padStart(10)} ${num(p.visitors).padStart(9)} ${formatBytes(p.bandwidth).padStart(10)}  ${cut(p.path, 100)}`);
  }
  if (a.topClients.length) {
    L.push('', 'Top clients:', `  ${'hits'.padStart(10)} ${'bandwidth'.padStart(10)}  client`);
    for (const c of a.topClients) L.push(`  ${num(c.hits).padStart(10)} ${formatBytes(c.bandwidth).padStart(10)}  ${c.ip}`);
  }
  if (a.slowest.length) {
    L.push('', 'Slowest endpoints:', `  ${'avg'.padStart(9)} ${'p95'.padStart(9)} ${'max'.padStart(9)} ${'hits'.padStart(9)}  path`);
    for (const s of a.slowest) L.push(`  ${ms(s.avgMs).padStart(9)} ${ms(s.p95Ms).padStart(9)} ${ms(s.maxMs).padStart(9)} ${num(s.hits).padStart(9)}  ${cut(s.path, 100)}`);
  }
  if (a.visitorsByDay.length) {
    L.push('', 'Visitors by day:', `  ${'day'.padEnd(10)} ${'hits'.padStart(10)} ${'visitors'.padStart(9)} ${'bandwidth'.padStart(10)}`);
    for (const d of a.visitorsByDay) L.push(`  ${d.date.padEnd(10)} ${num(d.hits).padStart(10)} ${num(d.visitors).padStart(9)} ${formatBytes(d.bandwidth).padStart(10)}`);
  }
  if (a.timeline.length > 1) {
    const peak = a.timeline.reduce((m, b) => (b.requests > m.requests ? b : m), a.timeline[0]);
    const span = a.bucketMs >= 3_600_000 ? `${a.bucketMs / 3_600_000} h` : a.bucketMs >= 60_000 ? `${a.bucketMs / 60_000} min` : `${a.bucketMs / 1000} s`;
    L.push('', `Busiest ${span} window: ${iso(peak.t)} with ${num(peak.requests)} requests (${(peak.requests / (a.bucketMs / 1000)).toFixed(1)}/s)`);
  }
  return L.join('\n');
}

/** `opsdeck analyze-log …`: returns the exit status. */
export async function runAnalyzeLogCommand(args: string[], io: AnalyzeCliIo = { out: (t) => console.log(t), err: (t) => console.error(t) }): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(HELP);
    return 0;
  }
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    io.err(`${parsed}\n\n${HELP}`);
    return 2;
  }
  try {
    const { analytics, files } = await analyzeLocalInputs(parsed.files, {
      logFormat: parsed.logFormat,
      top: parsed.top,
      threads: parsed.threads,
      stdin: io.stdin,
    });
    if (parsed.json) {
      io.out(JSON.stringify({ schema: ANALYZE_JSON_SCHEMA, files, ...analytics }, null, 2));
    } else {
      io.out(formatAnalytics(analytics, files));
      if (analytics.totals.requests > 0 && analytics.totals.valid === 0) {
        io.err('No line matched the log format. Pass the log_format of your nginx config with --log-format.');
      }
    }
    return 0;
  } catch (err) {
    if (isAppError(err)) {
      io.err(`${err.message}${err.hint ? `\n${err.hint}` : ''}`);
      return 1;
    }
    throw err;
  }
}
