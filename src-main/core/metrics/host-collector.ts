import { randomBytes } from 'node:crypto';
import { AppError } from '../../contract/errors';
import type { ExecOptions, ExecResult, RemoteCommand } from '../connectors/ssh';
import { splitSections } from '../discovery/discovery-script';
import { parseDf } from '../discovery/parsers/df-parser';
import { hostPollCommand } from './host-script';
import { parseCpuLine, parseDiskstats, parseInit, parseLoadavg, parseMeminfo, parseNetDev, parsePidSection, parseProcUptime, parseSelfTicks, type ProcSample } from './host-parsers';
import type { MetricPoint } from './series-store';

/** What the host collector needs from the SSH core. */
export interface Exec {
  exec(hostId: string, command: RemoteCommand, options?: ExecOptions): Promise<ExecResult>;
}

/** One host poll's result: the host's points, the PM2 samples asked for, what the shell cost. */
export interface HostSample {
  at: number;
  points: MetricPoint[];
  procs: Map<number, ProcSample>;
  gone: number[];
  /** Clock ticks per second and page size, learned at the first poll. */
  tck: number;
  pageSize: number;
  /** Docker sockets the login user may use, found at the first poll. */
  dockerSockets: string[];
  /** Remote CPU of the poll's shell and its children (ms), or null. */
  remoteCpuMs: number | null;
  wallMs: number;
}

interface Counters {
  at: number;
  cpu: { total: number; idle: number } | null;
  disk: { read: number; written: number } | null;
  net: { rx: number; tx: number } | null;
}

const POLL_TIMEOUT_MS = 20_000;
const POLL_MAX_OUTPUT = 2 * 1024 * 1024;

/**
 * Host metrics: ONE batched remote command per poll (host-script.ts); CPU %, I/O and network
 * rates from the counters' deltas against the previous poll of the same host (none at the first).
 */
export class HostCollector {
  private readonly prev = new Map<string, Counters>();
  private readonly init = new Map<string, { tck: number; pageSize: number; sockets: string[] }>();

  constructor(private readonly ssh: Exec, private readonly now: () => number = Date.now) {}

  /** Forgets a host's counters (monitoring turned off, host edited). */
  forget(hostId: string): void {
    this.prev.delete(hostId);
    this.init.delete(hostId);
  }

  async poll(hostId: string, hostName: string, pids: number[], dockerSocket: string | null): Promise<HostSample> {
    const nonce = randomBytes(8).toString('hex');
    const known = this.init.get(hostId);
    const t0 = this.now();
    const r = await this.ssh.exec(hostId, hostPollCommand(nonce, !known, dockerSocket, pids), { timeoutMs: POLL_TIMEOUT_MS, maxOutputBytes: POLL_MAX_OUTPUT });
    const at = this.now();
    const s = splitSections(r.stdout, nonce);
    if (!s.has('stat')) {
      throw new AppError('REMOTE_COMMAND_FAILED', `The metrics command printed nothing usable on ${hostName} (exit ${r.code ?? r.signal}).`, 'Check that the host is Linux with /proc and a POSIX shell (sh).');
    }
    const text = (name: string) => s.get(name)?.output ?? '';
    let info = known;
    if (!info) {
      const i = parseInit(text('init'));
      info = { tck: i.tck ?? 100, pageSize: i.pageSize ?? 4096, sockets: i.sockets };
      this.init.set(hostId, info);
    }

    const points: MetricPoint[] = [];
    const put = (key: string, v: number | null | undefined) => {
      if (typeof v === 'number' && Number.isFinite(v)) points.push({ key, v });
    };
    const cur: Counters = { at, cpu: parseCpuLine(text('stat')), disk: parseDiskstats(text('diskstats')), net: parseNetDev(text('netdev')) };
    const before = this.prev.get(hostId);
    this.prev.set(hostId, cur);
    if (before) {
      const dt = (cur.at - before.at) / 1000;
      if (cur.cpu && before.cpu) {
        const dTotal = cur.cpu.total - before.cpu.total;
        const dIdle = cur.cpu.idle - before.cpu.idle;
        if (dTotal > 0 && dIdle >= 0) put('host.cpu', Math.min(100, Math.max(0, ((dTotal - dIdle) / dTotal) * 100)));
      }
      const rate = (a: number | undefined, b: number | undefined) => (a !== undefined && b !== undefined && a >= b && dt > 0 ? (a - b) / dt : null);
      put('host.io.read', rate(cur.disk?.read, before.disk?.read));
      put('host.io.write', rate(cur.disk?.written, before.disk?.written));
      put('host.net.rx', rate(cur.net?.rx, before.net?.rx));
      put('host.net.tx', rate(cur.net?.tx, before.net?.tx));
    }
    const load = parseLoadavg(text('loadavg'));
    if (load) {
      put('host.load1', load[0]);
      put('host.load5', load[1]);
      put('host.load15', load[2]);
    }
    const mem = parseMeminfo(text('meminfo'));
    if (mem) {
      const used = mem.total - mem.available;
      put('host.mem.total', mem.total);
      put('host.mem.used', used);
      put('host.mem.pct', (used / mem.total) * 100);
      const swapUsed = mem.swapTotal - mem.swapFree;
      put('host.swap.used', swapUsed);
      put('host.swap.pct', mem.swapTotal > 0 ? (swapUsed / mem.swapTotal) * 100 : 0);
    }
    // `df -P -B1`: the df parser's "Kb" fields hold bytes here.
    for (const d of parseDf(text('df'))) {
      put(`host.disk.used:${d.mount}`, d.usedKb);
      put(`host.disk.pct:${d.mount}`, d.sizeKb > 0 ? (d.usedKb / (d.usedKb + d.availableKb)) * 100 : d.usePercent);
    }
    put('host.uptime', parseProcUptime(text('uptime')));

    const { samples, gone } = parsePidSection(text('pids'));
    const self = parseSelfTicks(text('self'));
    return {
      at,
      points,
      procs: samples,
      gone,
      tck: info.tck,
      pageSize: info.pageSize,
      dockerSockets: info.sockets,
      remoteCpuMs: self === null ? null : (self / info.tck) * 1000,
      wallMs: at - t0,
    };
  }
}
