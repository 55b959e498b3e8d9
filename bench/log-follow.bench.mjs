// `npm run bench -- log-follow [--burst N] [--rate LINES_PER_S] [--seconds S]`
//
// Follows a file on a test-fleet droplet over SSH while a writer process appends to it:
// first a burst of N lines (default 200,000) written as fast as the disk takes them (lines/s
// delivered), then a fixed rate (default 5,000 lines/s for 5 s) for the append-to-visible
// latency (the writer embeds its clock; "visible" = the line reaches the log stream's send()).
// Opsdeck's log stream (follow script, ring buffer, acknowledged batches) against
// `ssh host tail -F -n 0 FILE` (OpenSSH client, one process), in the same run. Also prints the
// main-process event-loop delay while Opsdeck follows (perf_hooks.monitorEventLoopDelay).
// Then the file follower alone (append → line in the core, without the stream's ~50 ms
// batching) at the same rate, woken by inotify and polling, each with the remote follow
// script's CPU over 10 idle seconds (the droplet is local: read from /proc).
// Ends with `RESULT log-follow metric=<ours lines/s> anchor=<tail -F lines/s> ratio=<ours/anchor>`.
// Never asserts timings.
//
// The core is TypeScript: bench/lib/follow-entry.ts is bundled with Vite's SSR build into
// out/bench/ first (as the ssh-exec bench does), then imported.
import { flag, importBundled } from './lib/bundle.mjs';

export async function run(args) {
  const burstLines = Number(flag(args, 'burst', '200000'));
  const rate = Number(flag(args, 'rate', '5000'));
  const seconds = Number(flag(args, 'seconds', '5'));
  for (const [k, v] of Object.entries({ burstLines, rate, seconds })) if (!Number.isFinite(v) || v <= 0) throw new Error(`--${k} must be a positive number`);
  const { runFollowBench } = await importBundled('follow-entry');
  const r = await runFollowBench({ burstLines, rate, seconds, log: (l) => console.log(l) });
  const f = (n) => (Number.isFinite(n) ? n.toFixed(n >= 100 ? 0 : 1) : 'n/a');
  console.log('');
  console.log(`opsdeck log stream: ${f(r.ours.burst.linesPerSec)} lines/s delivered (burst, ${r.ours.burst.skipped} skipped); latency p50 ${f(r.ours.steady.p50Ms)} ms, p95 ${f(r.ours.steady.p95Ms)} ms at ${rate} lines/s`);
  console.log(`  event-loop delay while following: p50 ${r.ours.loopLagMs.p50.toFixed(1)} ms, p99 ${r.ours.loopLagMs.p99.toFixed(1)} ms, max ${r.ours.loopLagMs.max.toFixed(1)} ms`);
  console.log(`ssh host tail -F:   ${f(r.tail.burst.linesPerSec)} lines/s delivered (burst); latency p50 ${f(r.tail.steady.p50Ms)} ms, p95 ${f(r.tail.steady.p95Ms)} ms at ${rate} lines/s`);
  for (const [k, v] of Object.entries(r.follower)) {
    console.log(`follower alone, ${k.padEnd(7)}: latency p50 ${f(v.steady.p50Ms)} ms, p95 ${f(v.steady.p95Ms)} ms at ${rate} lines/s; remote script idle ${f(v.idleCpuMsPerMin)} ms CPU/min`);
  }
  const ratio = r.ours.burst.linesPerSec / r.tail.burst.linesPerSec;
  console.log(`RESULT log-follow metric=${r.ours.burst.linesPerSec.toFixed(0)} anchor=${r.tail.burst.linesPerSec.toFixed(0)} ratio=${ratio.toFixed(2)}`);
}
