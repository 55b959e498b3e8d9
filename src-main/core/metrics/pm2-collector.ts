import { parsePm2Jlist, type Pm2Process } from '../discovery/parsers/pm2-jlist-parser';
import type { Exec, HostSample } from './host-collector';
import { pm2JlistCommand } from './host-script';
import type { MetricPoint } from './series-store';

/** `pm2 jlist` is refreshed this often (and at once when a known PID is gone). */
export const JLIST_REFRESH_MS = 60_000;

interface HostPm2 {
  procs: Pm2Process[];
  fetchedAt: number;
  /** false: no pm2 or no daemon on this host (asked again at the next refresh). */
  present: boolean;
  prevTicks: Map<number, { ticks: number; at: number }>;
}

/** Per-process values of one PM2 process, keyed for the host (`pm2.cpu:api`) and the app. */
export interface Pm2Values {
  name: string;
  instance: string;
  cpu: number | null;
  mem: number | null;
  restarts: number | null;
  uptime: number | null;
  online: number;
}

/**
 * PM2 without running `pm2 jlist` every poll (it starts Node on the host, most of a second of
 * CPU): the process list (names, PIDs, restarts, start times, status; env NAMES only, through
 * discovery's parser) comes from jlist every 60 s or when a known PID disappeared; CPU and
 * memory come every poll from /proc/<pid>/stat and statm, read by the host poll's own command.
 */
export class Pm2Collector {
  private readonly hosts = new Map<string, HostPm2>();
  /** How many times jlist ran (diagnostics and the benchmark). */
  jlistRuns = 0;

  constructor(private readonly ssh: Exec, private readonly now: () => number = Date.now) {}

  forget(hostId: string): void {
    this.hosts.delete(hostId);
  }

  /** PIDs for this poll's host command; refreshes the list first when it is stale. */
  async pidsFor(hostId: string): Promise<number[]> {
    let h = this.hosts.get(hostId);
    if (!h || this.now() - h.fetchedAt >= JLIST_REFRESH_MS) h = await this.refresh(hostId);
    return h.procs.filter((p) => p.pid && p.status === 'online').map((p) => p.pid as number);
  }

  /** Runs `pm2 jlist` now. */
  async refresh(hostId: string): Promise<HostPm2> {
    this.jlistRuns++;
    const r = await this.ssh.exec(hostId, pm2JlistCommand(), { timeoutMs: 20_000, maxOutputBytes: 8 * 1024 * 1024 });
    const parsed = r.code === 0 ? parsePm2Jlist(r.stdout) : null;
    const old = this.hosts.get(hostId);
    const h: HostPm2 = {
      procs: parsed?.ok ? parsed.processes : [],
      fetchedAt: this.now(),
      present: !!parsed?.ok,
      prevTicks: old?.prevTicks ?? new Map(),
    };
    this.hosts.set(hostId, h);
    return h;
  }

  /**
   * Values per process from this poll's /proc samples. A PID that is gone (restart, crash)
   * refreshes the list at once, so restarts and the new PID are current in the same poll.
   */
  async values(hostId: string, sample: HostSample): Promise<Pm2Values[]> {
    let h = this.hosts.get(hostId);
    if (!h) return [];
    if (sample.gone.length > 0) h = await this.refresh(hostId);
    if (!h.present) return [];
    const counts = new Map<string, number>();
    for (const p of h.procs) counts.set(p.name, (counts.get(p.name) ?? 0) + 1);
    const seen = new Map<number, { ticks: number; at: number }>();
    const out = h.procs.map((p): Pm2Values => {
      const online = p.status === 'online' ? 1 : 0;
      const s = p.pid ? sample.procs.get(p.pid) : undefined;
      let cpu: number | null = null;
      if (s && p.pid) {
        const prev = h!.prevTicks.get(p.pid);
        const dt = prev ? (sample.at - prev.at) / 1000 : 0;
        if (prev && dt > 0 && s.ticks >= prev.ticks) cpu = ((s.ticks - prev.ticks) / sample.tck / dt) * 100;
        seen.set(p.pid, { ticks: s.ticks, at: sample.at });
      }
      return {
        name: p.name,
        instance: (counts.get(p.name) ?? 0) > 1 ? `${p.name}#${p.pmId ?? p.pid ?? '?'}` : p.name,
        cpu: online ? cpu : 0,
        mem: online ? (s ? s.rssPages * sample.pageSize : null) : 0,
        restarts: p.restarts,
        uptime: online && p.startedAt ? Math.max(0, (this.now() - p.startedAt) / 1000) : 0,
        online,
      };
    });
    h.prevTicks = seen;
    return out;
  }
}

/** Host-target points for every process (`pm2.cpu:NAME`). */
export function pm2HostPoints(values: Pm2Values[]): MetricPoint[] {
  const out: MetricPoint[] = [];
  for (const v of values) {
    for (const [fam, val] of [['pm2.cpu', v.cpu], ['pm2.mem', v.mem], ['pm2.restarts', v.restarts], ['pm2.uptime', v.uptime], ['pm2.online', v.online]] as const) {
      if (val !== null) out.push({ key: `${fam}:${v.instance}`, v: val });
    }
  }
  return out;
}

/** Service-target points of one app (all its instances): CPU and memory summed, restarts summed, shortest uptime, instances online. */
export function pm2AppPoints(values: Pm2Values[], app: string): MetricPoint[] | null {
  const mine = values.filter((v) => v.name === app);
  if (mine.length === 0) return null;
  const sum = (xs: (number | null)[]) => (xs.some((x) => x === null) ? null : xs.reduce<number>((a, b) => a + (b as number), 0));
  const out: MetricPoint[] = [];
  const add = (key: string, v: number | null) => v !== null && out.push({ key, v });
  add('pm2.cpu', sum(mine.map((v) => v.cpu)));
  add('pm2.mem', sum(mine.map((v) => v.mem)));
  add('pm2.restarts', sum(mine.map((v) => v.restarts)));
  add('pm2.uptime', Math.min(...mine.map((v) => v.uptime ?? 0)));
  add('pm2.online', mine.reduce((a, v) => a + v.online, 0));
  return out;
}
