import type Docker from 'dockerode';
import type { ContainerSummary } from '../../contract/discovery';
import { AppError } from '../../contract/errors';
import { toStats } from '../connectors/docker';
import type { MetricPoint } from './series-store';

type Target = { hostId: string | null; socketPath?: string };

/** What the container collector needs from the Docker connector. */
export interface DockerStatsSource {
  listContainers(target: Target, all?: boolean): Promise<ContainerSummary[]>;
  engine(target: Target): Docker;
}

/** Containers whose stats are read at once (each is one Engine API request over SSH). */
const PARALLEL = 4;
const STATS_TIMEOUT_MS = 15_000;

function withTimeout<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppError('SSH_TIMEOUT', `${what} did not answer within ${STATS_TIMEOUT_MS / 1000} s.`, 'Check the Docker engine on the host.')), STATS_TIMEOUT_MS);
    timer.unref?.();
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/**
 * CPU % and memory of the running containers of a host through the Docker connector (the
 * Engine API over the host's SSH connection): keys `container.cpu:NAME`, `container.mem:NAME`,
 * `container.mem.pct:NAME` on the host. CPU % is Docker's own figure when the engine sends a
 * previous sample (`precpu_stats`); podman's one-shot stats do not, so it is then the delta of
 * the container's CPU time since the previous poll over the wall time (% of one core, as docker stats).
 */
export class ContainerCollector {
  private readonly prev = new Map<string, { ns: number; at: number }>();

  constructor(private readonly docker: DockerStatsSource, private readonly now: () => number = Date.now) {}

  forget(hostId: string): void {
    for (const k of [...this.prev.keys()]) if (k.startsWith(`${hostId}|`)) this.prev.delete(k);
  }

  async collect(hostId: string, socketPath: string): Promise<MetricPoint[]> {
    const target = { hostId, socketPath };
    const running = (await this.docker.listContainers(target, false)).filter((c) => c.state === 'running');
    const engine = this.docker.engine(target);
    const out: MetricPoint[] = [];
    let failed: unknown = null;
    const seen = new Set<string>();
    for (let i = 0; i < running.length; i += PARALLEL) {
      const batch = await Promise.allSettled(
        running.slice(i, i + PARALLEL).map(async (c) => ({ c, raw: await withTimeout(engine.getContainer(c.id).stats({ stream: false }), `Stats of container ${c.name}`), at: this.now() })),
      );
      for (const r of batch) {
        if (r.status !== 'fulfilled') {
          failed ??= r.reason;
          continue;
        }
        const { c, raw, at } = r.value;
        const s = toStats(c.id, c.name, raw);
        const key = `${hostId}|${c.id}`;
        seen.add(key);
        const ns = raw.cpu_stats?.cpu_usage?.total_usage;
        let cpu = s.cpuPercent;
        const before = this.prev.get(key);
        if (typeof ns === 'number') {
          if (cpu === null && before && at > before.at && ns >= before.ns) cpu = ((ns - before.ns) / ((at - before.at) * 1e6)) * 100;
          this.prev.set(key, { ns, at });
        }
        if (cpu !== null) out.push({ key: `container.cpu:${c.name}`, v: cpu });
        if (s.memoryBytes !== null) out.push({ key: `container.mem:${c.name}`, v: s.memoryBytes });
        if (s.memoryPercent !== null) out.push({ key: `container.mem.pct:${c.name}`, v: s.memoryPercent });
      }
    }
    for (const k of [...this.prev.keys()]) if (k.startsWith(`${hostId}|`) && !seen.has(k)) this.prev.delete(k);
    // Every container failed: say why (one failing among many is left for the next poll).
    if (failed && out.length === 0) throw failed;
    return out;
  }
}
