import http from 'node:http';
import { cmd, type RemoteCommand } from '../../src-main/core/connectors/ssh';
import { parsePm2Jlist } from '../../src-main/core/discovery/parsers/pm2-jlist-parser';
import { HOST_SCRIPT, PM2_JLIST_SCRIPT } from '../../src-main/core/metrics/host-script';
import { startIaComercial } from '../../test/fleet';
import { benchCore } from './bench-core';

export interface PollCostOptions {
  /** Host polls measured on the console side. */
  polls: number;
  /** Seconds of the 1 s HTTP check loop. */
  httpSeconds: number;
  log(line: string): void;
}

export interface PollCostResult {
  consoleMsMedian: number;
  consoleMsMean: number;
  wallMsMedian: number;
  remotePollMs: number;
  remotePollNoPm2Ms: number;
  jlistClientMs: number;
  jlistDaemonMs: number;
  jlistConsoleMs: number;
  consolePctAt100Hosts5s: number;
  httpChecks: number;
  httpMsPerCheck: number;
  httpPctOfCore: number;
}

/**
 * Runs a command N times in a remote loop and reads the loop shell's own /proc/$$/stat at the
 * end: utime+stime+cutime+cstime is the CPU of every run (each waited child is added to cutime/
 * cstime), so a few ms per run are measured despite the 10 ms clock tick. It also reads the PM2
 * daemon's CPU before and after (jlist makes the daemon work too). $1 = N, the rest = the command.
 */
const METER_SCRIPT = String.raw`n=$1; shift
W=; read -r W < "${'$'}{PM2_HOME:-$HOME/.pm2}/pm2.pid" 2>/dev/null
wb=; if [ -n "$W" ] && [ -r "/proc/$W/stat" ]; then read -r wb < "/proc/$W/stat"; fi
i=0
while [ "$i" -lt "$n" ]; do "$@" >/dev/null 2>&1; i=$((i+1)); done
wa=; if [ -n "$W" ] && [ -r "/proc/$W/stat" ]; then read -r wa < "/proc/$W/stat"; fi
read -r s < /proc/$$/stat
printf 'self %s\nwb %s\nwa %s\ntck %s\n' "$s" "$wb" "$wa" "$(getconf CLK_TCK)"
`;

function ticksOf(statLine: string, withChildren: boolean): number {
  const f = statLine.slice(statLine.lastIndexOf(')') + 1).trim().split(/\s+/).map(Number);
  return f[11] + f[12] + (withChildren ? f[13] + f[14] : 0);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** One HTTP GET on a fresh connection (as an uptime checker does); resolves with the status. */
function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.setTimeout(5000, () => req.destroy(new Error('timeout')));
  });
}

/**
 * What polling costs: console CPU per host poll (process.cpuUsage around each poll, polls one
 * after the other so nothing else runs), remote CPU per poll and per `pm2 jlist` measured on the
 * host, and a 1 s HTTP check loop's CPU for scale.
 */
export async function runPollCostBench(o: PollCostOptions): Promise<PollCostResult> {
  const ia = await startIaComercial({ name: 'bench-poll' });
  const { core, envId, host, dispose } = await benchCore('poll', ia, 'ia-comercial');
  try {
    core.inventory.createService({ environmentId: envId, hostId: host.id, name: 'ia-comercial', kind: 'pm2-app', config: { pm2Name: ia.pm2AppName }, credentialId: null, notes: '' });
    o.log(`droplet ${ia.user}@${ia.host}:${ia.port} (IA Comercial: PM2 app ${ia.pm2AppName}, nginx :${ia.nginxPort})`);

    // ── console side: N host polls (host + PM2), after a warm-up (connect, first-poll facts, jlist) ──
    core.metrics.setMonitor({ hostId: host.id, enabled: true, intervalSec: 3600 });
    await core.metrics.pollNow(host.id);
    await new Promise((r) => setTimeout(r, 200));
    const cpu: number[] = [];
    const wall: number[] = [];
    for (let i = 0; i < o.polls; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const r = await core.metrics.pollNow(host.id);
      wall.push(performance.now() - t0);
      const d = process.cpuUsage(c0);
      cpu.push((d.user + d.system) / 1000);
      if (r?.error) throw new Error(`poll failed: ${r.error.message}`);
      await new Promise((res) => setTimeout(res, 20));
    }
    const consoleMsMedian = median(cpu);
    const consoleMsMean = cpu.reduce((a, b) => a + b, 0) / cpu.length;
    o.log(`console  ${o.polls} host polls: CPU median ${consoleMsMedian.toFixed(2)} ms, mean ${consoleMsMean.toFixed(2)} ms per poll; wall median ${median(wall).toFixed(1)} ms`);

    // ── jlist on the console side: exec + parse (the refresh every 60 s) ──
    const jl: number[] = [];
    let pids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const c0 = process.cpuUsage();
      const r = await core.ssh.exec(host.id, cmd('sh', '-c', PM2_JLIST_SCRIPT, 'opsdeck-pm2'), { timeoutMs: 30_000 });
      const parsed = parsePm2Jlist(r.stdout);
      const d = process.cpuUsage(c0);
      jl.push((d.user + d.system) / 1000);
      if (parsed.ok) pids = parsed.processes.filter((p) => p.pid).map((p) => p.pid as number);
    }
    const jlistConsoleMs = median(jl);

    // ── remote side, measured on the host ──
    const meter = async (n: number, inner: string[]) => {
      const c: RemoteCommand = cmd('sh', '-c', METER_SCRIPT, 'opsdeck-meter', String(n), ...inner);
      const r = await core.ssh.exec(host.id, c, { timeoutMs: 300_000 });
      const line = (k: string) => new RegExp(`^${k} (.*)$`, 'm').exec(r.stdout)?.[1] ?? '';
      const tck = Number(line('tck')) || 100;
      const self = ticksOf(line('self'), true);
      const wb = line('wb');
      const wa = line('wa');
      const daemon = wb && wa ? ticksOf(wa, false) - ticksOf(wb, false) : 0;
      return { selfMs: ((self / tck) * 1000) / n, daemonMs: ((daemon / tck) * 1000) / n };
    };
    const pollArgs = (withPids: boolean) => ['sh', '-c', HOST_SCRIPT, 'opsdeck-metrics', 'nonce0000', '-', '', ...(withPids ? pids.map(String) : [])];
    const remotePoll = await meter(100, pollArgs(true));
    const remotePollNoPm2 = await meter(100, pollArgs(false));
    const jlist = await meter(5, ['sh', '-c', PM2_JLIST_SCRIPT, 'opsdeck-pm2']);
    o.log(`remote   one host poll (sh builtins + df; /proc of ${pids.length} PM2 process(es)): ${remotePoll.selfMs.toFixed(2)} ms CPU; without the PM2 part: ${remotePollNoPm2.selfMs.toFixed(2)} ms (mean of 100 runs on the host)`);
    o.log(`remote   pm2 jlist: ${jlist.selfMs.toFixed(1)} ms CPU in the pm2 client (Node) + ${jlist.daemonMs.toFixed(1)} ms in the PM2 daemon (mean of 5 runs)`);
    o.log(`console  pm2 jlist exec + parse: ${jlistConsoleMs.toFixed(2)} ms CPU (median of 3)`);
    const cheapPm2Ms = Math.max(0, remotePoll.selfMs - remotePollNoPm2.selfMs);
    o.log(`pm2 path every poll: /proc reads ${cheapPm2Ms.toFixed(2)} ms remote vs pm2 jlist ${(jlist.selfMs + jlist.daemonMs).toFixed(1)} ms; jlist runs every 60 s (${((jlist.selfMs + jlist.daemonMs) / 12).toFixed(1)} ms per poll amortized at 5 s)`);

    // ── extrapolation ──
    const perPollWithJlist = consoleMsMedian + jlistConsoleMs / 12;
    const consolePctAt100Hosts5s = ((perPollWithJlist * 100) / 5000) * 100;
    o.log(`100 hosts every 5 s: ${(perPollWithJlist * 20).toFixed(0)} ms CPU per second on the console = ${consolePctAt100Hosts5s.toFixed(1)} % of one core (median poll + jlist every 60 s)`);

    // ── 1 s HTTP check loop, with the core closed so nothing else runs in this process ──
    core.close();
    const url = `http://${ia.host}:${ia.nginxPort}/`;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    let checks = 0;
    while (performance.now() - t0 < o.httpSeconds * 1000) {
      const tick = performance.now();
      const status = await get(url);
      if (status >= 500) throw new Error(`nginx answered ${status}`);
      checks++;
      await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (performance.now() - tick))));
    }
    const d = process.cpuUsage(c0);
    const httpMs = (d.user + d.system) / 1000;
    const secs = (performance.now() - t0) / 1000;
    const httpMsPerCheck = httpMs / checks;
    const httpPctOfCore = (httpMs / (secs * 1000)) * 100;
    o.log(`http     ${checks} GETs of ${url}, one per second, fresh connection each: ${httpMsPerCheck.toFixed(2)} ms CPU per check, ${httpPctOfCore.toFixed(3)} % of one core`);
    o.log(`         (Uptime Kuma's shortest check interval is 20 s; a 1 s check costs the console ${httpMsPerCheck.toFixed(2)} ms per second)`);

    return {
      consoleMsMedian,
      consoleMsMean,
      wallMsMedian: median(wall),
      remotePollMs: remotePoll.selfMs,
      remotePollNoPm2Ms: remotePollNoPm2.selfMs,
      jlistClientMs: jlist.selfMs,
      jlistDaemonMs: jlist.daemonMs,
      jlistConsoleMs,
      consolePctAt100Hosts5s,
      httpChecks: checks,
      httpMsPerCheck,
      httpPctOfCore,
    };
  } finally {
    await dispose();
  }
}
