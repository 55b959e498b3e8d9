import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { EventName, EventPayload, LogLine } from '../../src-main/contract';
import { LogStreamOpen } from '../../src-main/contract';
import { followFile } from '../../src-main/core/logs/follow/file-follower';
import type { FollowSsh } from '../../src-main/core/logs/follow/types';
import { createLogSessions } from '../../src-main/ipc/log-sessions';
import type { CallContext } from '../../src-main/ipc/types';
import { capabilities, startDroplet } from '../../test/fleet';
import { benchCore } from './bench-core';

export interface FollowBenchOptions {
  /** Lines of the throughput burst (written as fast as the disk takes them). */
  burstLines: number;
  /** Fixed rate of the latency phase, lines/s, and its length. */
  rate: number;
  seconds: number;
  log(line: string): void;
}

export interface PhaseResult {
  lines: number;
  linesPerSec: number;
  p50Ms: number;
  p95Ms: number;
  skipped: number;
}

/** The file follower alone (no stream batching) in one wake-up mode. */
export interface FollowerResult {
  steady: PhaseResult;
  /** CPU of the remote follow script and everything it forks while the file is idle, ms per minute. */
  idleCpuMsPerMin: number;
}

export interface FollowBenchResult {
  ours: { burst: PhaseResult; steady: PhaseResult; loopLagMs: { p50: number; p99: number; max: number } };
  tail: { burst: PhaseResult; steady: PhaseResult };
  follower: { inotify: FollowerResult; polling: FollowerResult };
}

/**
 * A writer process: `seq=N t=<epoch ms with µs> <padding>` lines, either N lines as fast as it
 * can (rate 0) or a fixed rate for a number of seconds. Its own process, so the bench's event
 * loop only carries the follower.
 */
const WRITER = String.raw`
const fs = require('node:fs');
const { performance } = require('node:perf_hooks');
const [path, total, rate, seconds] = process.argv.slice(1).map((v, i) => (i === 0 ? v : Number(v)));
const fd = fs.openSync(path, 'a');
const pad = 'GET /api/v1/items?page=2 200 0.012 '.repeat(2);
const now = () => (performance.timeOrigin + performance.now()).toFixed(3);
let seq = 0;
const batch = (n) => { let s = ''; for (let i = 0; i < n; i++) s += 'seq=' + (seq++) + ' t=' + now() + ' ' + pad + '\n'; fs.writeSync(fd, s); };
if (rate === 0) {
  while (seq < total) batch(Math.min(500, total - seq));
  process.stdout.write(seq + '\n'); process.exit(0);
} else {
  const per = Math.max(1, Math.round(rate / 200));
  const end = Date.now() + seconds * 1000;
  const t = setInterval(() => { batch(per); if (Date.now() >= end) { clearInterval(t); process.stdout.write(seq + '\n'); process.exit(0); } }, 5);
}
`;

function runWriter(path: string, total: number, rate: number, seconds: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const p: ChildProcess = spawn(process.execPath, ['-e', WRITER, path, String(total), String(rate), String(seconds)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    p.once('error', reject);
    p.once('exit', (code) => (code === 0 ? resolve(Number(out.trim())) : reject(new Error(`writer exited ${code}`))));
  });
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]! : NaN);

/** Receives lines (seq=, t=) and measures how many arrived when, and how late. */
function meter() {
  const latencies: number[] = [];
  let count = 0;
  let last = 0;
  return {
    take(text: string, at: number) {
      const m = /^seq=\d+ t=(\d+\.\d+) /.exec(text);
      if (!m) return;
      count++;
      last = at;
      latencies.push(at - Number(m[1]));
    },
    get count() {
      return count;
    },
    result(startedAt: number, skipped: number): PhaseResult {
      const sorted = [...latencies].sort((a, b) => a - b);
      return { lines: count, linesPerSec: (count * 1000) / Math.max(1, last - startedAt), p50Ms: pct(sorted, 50), p95Ms: pct(sorted, 95), skipped };
    },
    reset() {
      latencies.length = 0;
      count = 0;
      last = 0;
    },
  };
}

const wallNow = () => performance.timeOrigin + performance.now();
const waitFor = async (cond: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
};

async function phase(m: ReturnType<typeof meter>, path: string, kind: 'burst' | 'steady', o: FollowBenchOptions, skipped: () => number): Promise<PhaseResult> {
  m.reset();
  const s0 = skipped();
  const startedAt = wallNow();
  const written = kind === 'burst' ? await runWriter(path, o.burstLines, 0, 0) : await runWriter(path, 0, o.rate, o.seconds);
  await waitFor(() => m.count + (skipped() - s0) >= written, 60_000);
  const r = m.result(startedAt, skipped() - s0);
  if (r.lines + r.skipped < written) o.log(`  (only ${r.lines} of ${written} lines arrived within 60 s)`);
  return r;
}

/** CPU ticks (user + system, own and reaped children) of the live processes whose command line mentions `text`. */
function cpuTicksOf(text: string): number {
  let ticks = 0;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (!readFileSync(`/proc/${name}/cmdline`).toString('utf8').includes(text)) continue;
      const stat = readFileSync(`/proc/${name}/stat`, 'latin1');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // Fields 14–17 of /proc/PID/stat (utime stime cutime cstime); f[0] is field 3.
      ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    } catch {
      /* gone meanwhile */
    }
  }
  return ticks;
}

/**
 * The follower alone (append → line in the core, no stream batching) in one wake-up mode: a
 * fixed rate for the latency, then the remote script's CPU over an idle spell. The droplet runs
 * on this machine, so its processes are read from /proc (clock ticks of 10 ms).
 */
async function followerAlone(ssh: FollowSsh, hostId: string, path: string, wake: 'auto' | 'poll', o: FollowBenchOptions, idleSeconds: number): Promise<FollowerResult> {
  writeFileSync(path, '');
  const m = meter();
  let ready = false;
  const f = followFile(ssh, { hostId, hostName: 'bench', path, tail: 0, wake }, {
    initial: () => (ready = true),
    lines: (lines) => {
      const at = wallNow();
      for (const l of lines) m.take(l.text, at);
    },
    status: () => undefined,
  });
  try {
    await waitFor(() => ready, 10_000);
    await new Promise((r) => setTimeout(r, 1500));
    const steady = await phase(m, path, 'steady', o, () => 0);
    await new Promise((r) => setTimeout(r, 1000));
    const t0 = cpuTicksOf(path);
    const w0 = wallNow();
    await new Promise((r) => setTimeout(r, idleSeconds * 1000));
    const ticks = cpuTicksOf(path) - t0;
    return { steady, idleCpuMsPerMin: (ticks * 10 * 60_000) / (wallNow() - w0) };
  } finally {
    f.stop();
  }
}

/**
 * Follows a file on a fleet droplet over SSH through Opsdeck's log stream (follower, ring
 * buffer, batches acknowledged at once) and through `ssh host tail -F` in the same run: a burst
 * written as fast as possible (lines/s delivered) and a fixed rate (append-to-visible latency).
 */
export async function runFollowBench(o: FollowBenchOptions): Promise<FollowBenchResult> {
  const droplet = await startDroplet({ name: 'bench-follow' });
  const { core, dataDir, host, dispose } = await benchCore('follow', droplet, 'bench');
  // The login user's home when it has its own (root); else the droplet dir (home is the real one).
  const logDir = join(capabilities.separateLoginUser ? droplet.home : droplet.dir, 'bench-logs');
  mkdirSync(logDir, { recursive: true });
  chmodSync(logDir, 0o755);
  try {
    o.log(`droplet ${droplet.user}@${droplet.host}:${droplet.port}; burst ${o.burstLines} lines, then ${o.rate} lines/s for ${o.seconds} s, per side`);

    // ---- Opsdeck: the log stream session, "visible" = the batch reaches send() ----
    const oursPath = join(logDir, 'ours.log');
    writeFileSync(oursPath, '');
    const m = meter();
    let skipped = 0;
    let ack: (seq: number) => void = () => undefined;
    const ctx: CallContext = {
      connectionId: 'bench',
      send<K extends EventName>(name: K, payload: EventPayload<K>) {
        if (name !== 'logs.data') return;
        const p = payload as EventPayload<'logs.data'>;
        const at = wallNow();
        skipped += p.skipped;
        for (const l of p.lines as LogLine[]) m.take(l.text, at);
        const seq = p.seq;
        queueMicrotask(() => ack(seq));
      },
    };
    const sessions = createLogSessions(core.logs);
    const { streamId } = sessions.open(LogStreamOpen.parse({ kind: 'logs', sources: [{ type: 'file', hostId: host.id, path: oursPath, format: { kind: 'plain' } }], tail: 0, bufferLines: 1_000_000 }), ctx);
    ack = (seq) => sessions.ack(streamId, seq, ctx);
    await new Promise((r) => setTimeout(r, 1500));
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const oursBurst = await phase(m, oursPath, 'burst', o, () => skipped);
    o.log(`opsdeck  burst:  ${oursBurst.lines} lines, ${oursBurst.linesPerSec.toFixed(0)} lines/s, skipped ${oursBurst.skipped}`);
    const oursSteady = await phase(m, oursPath, 'steady', o, () => skipped);
    lag.disable();
    o.log(`opsdeck  steady: ${oursSteady.lines} lines, latency p50 ${oursSteady.p50Ms.toFixed(1)} ms, p95 ${oursSteady.p95Ms.toFixed(1)} ms`);
    sessions.close(streamId, ctx);
    const loopLagMs = { p50: lag.percentile(50) / 1e6, p99: lag.percentile(99) / 1e6, max: lag.max / 1e6 };

    // ---- OpenSSH: `ssh host tail -F -n 0 FILE`, lines read from its stdout ----
    const tailPath = join(logDir, 'tail.log');
    writeFileSync(tailPath, '');
    const knownHosts = join(dataDir, 'known_hosts');
    writeFileSync(knownHosts, droplet.knownHostsLine + '\n');
    const t = meter();
    const ssh = spawn('ssh', [
      '-i', droplet.clientKeyPath, '-o', 'IdentitiesOnly=yes', '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes',
      '-o', `UserKnownHostsFile=${knownHosts}`, '-o', 'GlobalKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR', '-F', '/dev/null',
      '-p', String(droplet.port), `${droplet.user}@${droplet.host}`, 'tail', '-F', '-n', '0', tailPath,
    ], { stdio: ['ignore', 'pipe', 'ignore'] });
    let carry = '';
    ssh.stdout.on('data', (b: Buffer) => {
      const at = wallNow();
      const parts = (carry + b.toString('utf8')).split('\n');
      carry = parts.pop() ?? '';
      for (const l of parts) t.take(l, at);
    });
    await new Promise((r) => setTimeout(r, 1500));
    const tailBurst = await phase(t, tailPath, 'burst', o, () => 0);
    o.log(`tail -F  burst:  ${tailBurst.lines} lines, ${tailBurst.linesPerSec.toFixed(0)} lines/s`);
    const tailSteady = await phase(t, tailPath, 'steady', o, () => 0);
    o.log(`tail -F  steady: ${tailSteady.lines} lines, latency p50 ${tailSteady.p50Ms.toFixed(1)} ms, p95 ${tailSteady.p95Ms.toFixed(1)} ms`);
    ssh.kill('SIGTERM');

    // ---- The follower alone, woken by inotify and polling, same host, same rate ----
    const follower = {
      inotify: await followerAlone(core.ssh, host.id, join(logDir, 'inotify.log'), 'auto', o, 10),
      polling: await followerAlone(core.ssh, host.id, join(logDir, 'polling.log'), 'poll', o, 10),
    };
    for (const [k, r] of Object.entries(follower)) {
      o.log(`follower ${k.padEnd(7)}: ${r.steady.lines} lines, latency p50 ${r.steady.p50Ms.toFixed(1)} ms, p95 ${r.steady.p95Ms.toFixed(1)} ms; idle remote CPU ${r.idleCpuMsPerMin.toFixed(0)} ms/min`);
    }
    return { ours: { burst: oursBurst, steady: oursSteady, loopLagMs }, tail: { burst: tailBurst, steady: tailSteady }, follower };
  } finally {
    await dispose();
  }
}
