import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessAnalytics } from '../../../src-main/contract';
import { createTraffic, formatTimed, TIMED_FORMAT, type AccessRecord } from '../../../bench/lib/nginx-loggen';
import { bruteForce } from '../../../bench/lib/nginx-expect';

/**
 * `opsdeck analyze-log` as users run it: src-main/cli.ts bundled the way the build bundles it
 * (CommonJS, node_modules external, so worker threads start from the bundle), run as a child
 * process on generated logs (plain ≥ 8 MB so the byte ranges go to worker threads, a .gz copy,
 * standard input). The JSON is compared with panels computed independently from the records.
 */
const root = resolve(__dirname, '../../..');
let dir: string;
let cli: string;
// Inside the repo so the bundle resolves node_modules like out/main/cli.js does.
const bundleDir = join(root, 'out', 'test', `analyze-cli-${process.pid}`);
let a: AccessRecord[];
let b: AccessRecord[];
const files = { a: '', b: '', bGz: '', combined: '', broken: '' };

function run(args: string[], input?: string | Buffer): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(cli)}).main(process.argv.slice(1)).then((c) => { process.exitCode = c; })`, 'analyze-log', ...args], {
    input,
    maxBuffer: 256 * 1024 * 1024,
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

function json(args: string[], input?: string): AccessAnalytics & { schema: string; files: { path: string; gzip: boolean; bytes: number; lines: number }[] } {
  const r = run([...args, '--json', '--log-format', TIMED_FORMAT, '--top', '100000'], input);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out);
}

function expectPanels(got: AccessAnalytics, records: AccessRecord[]): void {
  const want = bruteForce(records, 0);
  expect(() => AccessAnalytics.parse(got)).not.toThrow();
  expect(got.totals).toMatchObject({ requests: want.requests, valid: want.valid, failed: 0, visitors: want.visitors, bandwidth: want.bandwidth });
  expect(got.statusCodes).toEqual([...want.status.entries()].sort((x, y) => x[0] - y[0]).map(([code, count]) => ({ code, count })));
  expect(got.topPaths).toHaveLength(want.paths.size);
  for (const p of got.topPaths) {
    const w = want.paths.get(p.path)!;
    expect([p.path, p.hits, p.visitors, p.bandwidth]).toEqual([p.path, w.hits, w.visitors.size, w.bytes]);
  }
  expect(got.topClients).toHaveLength(want.clients.size);
  expect(got.visitorsByDay).toEqual([...want.days.entries()].sort().map(([date, d]) => ({ date, hits: d.hits, visitors: d.visitors.size, bandwidth: d.bytes })));
  expect(got.totals.latency?.count).toBe(records.length);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'opsdeck-analyze-cli-'));
  const { build } = await import('vite');
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    build: {
      ssr: join(root, 'src-main', 'cli.ts'),
      outDir: bundleDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      rollupOptions: { output: { format: 'cjs', entryFileNames: 'cli.js' } },
    },
  });
  cli = join(bundleDir, 'cli.js');
  const nextA = createTraffic(101);
  a = Array.from({ length: 70_000 }, nextA);
  // A second, later stretch of traffic (its clock starts after a's last line).
  const nextB = createTraffic(202, a[a.length - 1].ms + 1000);
  b = Array.from({ length: 6000 }, nextB);
  files.a = join(dir, 'access.log.1');
  files.b = join(dir, 'access.log');
  files.bGz = join(dir, 'access.log.2.gz');
  files.combined = join(dir, 'combined.log');
  files.broken = join(dir, 'broken.gz');
  writeFileSync(files.a, `${a.map(formatTimed).join('\n')}\n`);
  writeFileSync(files.b, `${b.map(formatTimed).join('\n')}\n`);
  writeFileSync(files.bGz, gzipSync(readFileSync(files.b)));
  writeFileSync(files.combined, b.map((r) => formatTimed(r).replace(/ \S+ \S+$/, '')).join('\n'));
  writeFileSync(files.broken, Buffer.concat([gzipSync(Buffer.from('x'.repeat(1000))).subarray(0, 20), Buffer.from('not gzip at all')]));
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  rmSync(bundleDir, { recursive: true, force: true });
});

describe('opsdeck analyze-log', () => {
  it('a plain file read by worker threads: every panel equals the independent computation', () => {
    expect(readFileSync(files.a).length).toBeGreaterThan(8 * 1024 * 1024);
    const got = json([files.a, '--threads', '2']);
    expect(got.schema).toBe('opsdeck.analyze-log/1');
    expect(got.files).toEqual([{ path: files.a, gzip: false, bytes: readFileSync(files.a).length, lines: a.length }]);
    expectPanels(got, a);
  });

  it('gives the same panels with one thread as with worker threads', () => {
    const one = json([files.a, '--threads', '1']);
    const many = json([files.a, '--threads', '2']);
    const byDefault = json([files.a]);
    expect(one).toEqual(many);
    expect(byDefault).toEqual(many);
  });

  it('workers started from the small analyze-worker.js bundle give the same panels', async () => {
    const { build } = await import('vite');
    await build({
      configFile: false,
      root,
      logLevel: 'warn',
      build: {
        ssr: join(root, 'src-main', 'core', 'logs', 'analyze', 'worker-entry.ts'),
        outDir: bundleDir,
        emptyOutDir: false,
        target: 'node20',
        minify: false,
        rollupOptions: { output: { format: 'cjs', entryFileNames: 'analyze-worker.js' } },
      },
    });
    try {
      expect(json([files.a, '--threads', '2'])).toEqual(json([files.a, '--threads', '1']));
    } finally {
      rmSync(join(bundleDir, 'analyze-worker.js'), { force: true });
    }
  }, 60_000);

  it('a .gz copy gives the same panels as the plain file', () => {
    const gz = json([files.bGz]);
    const plain = json([files.b]);
    expect(gz.files[0].gzip).toBe(true);
    expect({ ...gz, files: [] }).toEqual({ ...plain, files: [] });
    expectPanels(gz, b);
  });

  it('standard input (-)', () => {
    const got = json(['-'], readFileSync(files.b, 'utf8'));
    expect(got.files).toEqual([{ path: '-', gzip: false, bytes: readFileSync(files.b).length, lines: b.length }]);
    expectPanels(got, b);
  });

  it('several files are summed', () => {
    const got = json([files.a, files.bGz]);
    expect(got.files.map((f) => f.lines)).toEqual([a.length, b.length]);
    expectPanels(got, [...a, ...b]);
  });

  it('prints readable panels without --json', () => {
    const r = run([files.b, '--log-format', TIMED_FORMAT, '--top', '5']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Requests   ${b.length.toLocaleString('en-US')} (valid ${b.length.toLocaleString('en-US')}, failed 0)`);
    expect(r.out).toMatch(/Latency {4}p50 \d+ ms, p95 [\d.]+ m?s/);
    for (const heading of ['Status codes:', 'Top paths:', 'Top clients:', 'Slowest endpoints:', 'Visitors by day:']) expect(r.out).toContain(heading);
  });

  it('reads combined by default and says when there is no request time', () => {
    const r = run([files.combined]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Latency    not in this log format');
    expect(r.out).toContain(`valid ${b.length.toLocaleString('en-US')}`);
    // A timed log read as combined: the extra fields are ignored, the panels are the same.
    const asCombined = JSON.parse(run([files.b, '--json', '--top', '100000']).out) as AccessAnalytics;
    const timed = json([files.b]);
    expect(asCombined.topPaths).toEqual(timed.topPaths);
    expect(asCombined.totals.latency).toBeNull();
  });

  it('exit 2 on usage errors, with what to do', () => {
    const none = run([]);
    expect(none.code).toBe(2);
    expect(none.err).toContain('Give at least one log file');
    const unknown = run([files.b, '--frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Unknown option "--frobnicate"');
    const top = run([files.b, '--top', 'many']);
    expect(top.code).toBe(2);
    expect(top.err).toContain('--top needs a whole number');
    const fmt = run([files.b, '--log-format']);
    expect(fmt.code).toBe(2);
    expect(fmt.err).toContain('--log-format needs a value');
  });

  it('exit 1 naming the file that cannot be read', () => {
    const missing = run([files.b, join(dir, 'nope.log')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(`Cannot read ${join(dir, 'nope.log')}: it does not exist.`);
    const folder = run([dir]);
    expect(folder.code).toBe(1);
    expect(folder.err).toContain('it is a folder');
    const broken = run([files.broken]);
    expect(broken.code).toBe(1);
    expect(broken.err).toContain(`Cannot read ${files.broken}: it is not valid gzip`);
  });
});
