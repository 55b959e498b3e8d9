// `npm run bench -- nginx-parse [--lines N] [--threads N] [--seed N] [--runs N]`
//
// Whole-file nginx access-log analysis: Opsdeck (`opsdeck analyze-log`'s code path: byte-level
// parser, worker threads over byte ranges) against GoAccess 1.7 with the command from
// ENVIRONMENT.md, on the same seeded 1,000,000-line log (combined + $request_time
// $upstream_response_time, ~143 MB, written once into the OS temp folder and reused), in the
// same run. Both run as child processes under /usr/bin/time -v: wall time from spawn to exit
// (start-up and report writing included for both) and peak RSS, `--runs` times each (default
// 3, interleaved, the best time of each tool is its figure: the machine is shared, and a run
// that another process slowed down says nothing about either tool); the built `opsdeck analyze-log`
// is timed as well when out/ is built. The panels are compared
// (requests, status codes, paths' hits, unique visitors, bandwidth) and every mismatch printed.
// Ends with `RESULT nginx-parse metric=<opsdeck lines/s> anchor=<goaccess lines/s> ratio=<x>`.
// Never asserts timings.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundle, flag, root } from './lib/bundle.mjs';
import { compareWithGoAccess } from './lib/nginx-compare.mjs';

// The entry, and the worker bundle next to it (as the app's build emits it): worker threads
// load only the analysis code, not the entry's log generator.
const buildEntry = () =>
  bundle(
    [join('bench', 'lib', 'nginx-parse-entry.ts'), 'nginx-parse-entry.cjs'],
    [join('src-main', 'core', 'logs', 'analyze', 'worker-entry.ts'), 'analyze-worker.js'],
  );

/** Runs a command under `/usr/bin/time -v`: wall ms, peak RSS (KiB), stdout. */
function timed(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('/usr/bin/time', ['-v', cmd, ...args], { cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    let err = '';
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - t0;
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(err);
      if (code !== 0) return reject(new Error(`${cmd} exited with ${code}: ${err.slice(-2000)}`));
      resolve({ wallMs, rssKb: rss ? Number(rss[1]) : NaN, stdout: Buffer.concat(out).toString('utf8') });
    });
  });
}

const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;
const rate = (n) => Math.round(n).toLocaleString('en-US');

export async function run(args) {
  const lines = Number(flag(args, 'lines', '1000000'));
  const threads = Number(flag(args, 'threads', '2'));
  const seed = Number(flag(args, 'seed', '42'));
  const runs = Math.max(1, Number(flag(args, 'runs', '3')) || 1);
  if (!Number.isInteger(lines) || lines < 1) throw new Error('--lines must be a positive integer');
  const entry = await buildEntry();
  const mod = await import(pathToFileURL(entry).href);
  const cacheDir = join(tmpdir(), 'opsdeck-bench-cache');
  const log = await mod.ensureLog(join(cacheDir, `nginx-timed-${lines}-s${seed}.log`), lines, seed);
  console.log(`log: ${log.path} (${(log.bytes / 1e6).toFixed(1)} MB, ${lines.toLocaleString('en-US')} lines${log.cached ? ', cached' : ', generated'})`);

  const work = mkdtempSync(join(tmpdir(), 'opsdeck-nginx-bench-'));
  try {
    const gaRuns = [];
    const odRuns = [];
    const od1Runs = [];
    for (let i = 0; i < runs; i++) {
      // GoAccess, exactly as ENVIRONMENT.md runs it.
      gaRuns.push(await timed('goaccess', [log.path, ...mod.GOACCESS_ARGS, '-o', 'report.json', '--no-progress'], { cwd: work }));
      // Opsdeck, the same code as `opsdeck analyze-log`, in its own process.
      odRuns.push(await timed(process.execPath, [entry, 'analyze', log.path, String(threads)]));
      // And on one thread, to show what the threads add on this (shared) machine.
      if (threads > 1) od1Runs.push(await timed(process.execPath, [entry, 'analyze', log.path, '1']));
      console.log(
        `run ${i + 1}/${runs}: goaccess ${(gaRuns[i].wallMs / 1000).toFixed(2)} s, opsdeck ${(odRuns[i].wallMs / 1000).toFixed(2)} s${od1Runs[i] ? ` (1 thread ${(od1Runs[i].wallMs / 1000).toFixed(2)} s)` : ''}`,
      );
    }
    const best = (rs) => rs.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
    const ga = { ...best(gaRuns), rssKb: Math.max(...gaRuns.map((r) => r.rssKb)) };
    const od = { ...best(odRuns), rssKb: Math.max(...odRuns.map((r) => r.rssKb)) };
    const report = JSON.parse(readFileSync(join(work, 'report.json'), 'utf8'));
    const ours = JSON.parse(od.stdout);

    const cmp = compareWithGoAccess(ours.analytics, report);
    console.log('');
    console.log('panel comparison (opsdeck vs goaccess):');
    for (const row of cmp.rows) console.log(`  ${row.ok ? 'ok  ' : 'DIFF'} ${row.name.padEnd(34)} ${String(row.ours).padStart(14)} ${String(row.theirs).padStart(14)}`);
    if (cmp.mismatches.length) {
      console.log(`  ${cmp.mismatches.length} mismatch(es):`);
      for (const m of cmp.mismatches.slice(0, 30)) console.log(`    ${m}`);
    } else console.log('  all compared panels agree');

    // The shipped command too, when it is built (its bundle loads the whole core first, and
    // so does each worker thread): shown for honesty, not the metric.
    let cli = null;
    const cliJs = join(root, 'out', 'main', 'cli.js');
    if (existsSync(cliJs) && readFileSync(cliJs, 'utf8').includes('analyze-log')) {
      cli = await timed(process.execPath, [join(root, 'bin', 'opsdeck.js'), 'analyze-log', log.path, '--json', '--log-format', mod.TIMED_FORMAT, '--threads', String(threads)]);
    }

    const gaRate = (lines / ga.wallMs) * 1000;
    const odRate = (lines / od.wallMs) * 1000;
    console.log('');
    console.log(`best of ${runs} run(s) each:`);
    console.log(`goaccess 1.7 (1 thread):               ${(ga.wallMs / 1000).toFixed(2)} s, ${rate(gaRate)} lines/s, peak RSS ${mb(ga.rssKb)}`);
    console.log(`opsdeck (${threads} threads, process):          ${(od.wallMs / 1000).toFixed(2)} s, ${rate(odRate)} lines/s, peak RSS ${mb(od.rssKb)} (analysis alone ${(ours.ms / 1000).toFixed(2)} s)`);
    if (od1Runs.length) {
      const one = best(od1Runs);
      console.log(`opsdeck (1 thread, process):           ${(one.wallMs / 1000).toFixed(2)} s, ${rate((lines / one.wallMs) * 1000)} lines/s, peak RSS ${mb(Math.max(...od1Runs.map((r) => r.rssKb)))}`);
    }
    if (cli) console.log(`opsdeck analyze-log (built CLI, same file):  ${(cli.wallMs / 1000).toFixed(2)} s, ${rate((lines / cli.wallMs) * 1000)} lines/s, peak RSS ${mb(cli.rssKb)}`);
    else console.log('opsdeck analyze-log (built CLI): not built (npm run build), skipped');
    console.log(`ratio: ${(odRate / gaRate).toFixed(2)}x`);
    console.log(`RESULT nginx-parse metric=${odRate.toFixed(0)} anchor=${gaRate.toFixed(0)} ratio=${(odRate / gaRate).toFixed(2)}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
