import type { Service } from '../../contract/inventory';
import { AppError, isAppError, type ErrorShape } from '../../contract/errors';
import type { MetricTarget } from '../../contract/metrics';
import type { ContainerCollector } from './container-collector';
import type { HostCollector, HostSample } from './host-collector';
import { pm2AppPoints, pm2HostPoints, type Pm2Collector } from './pm2-collector';
import { ServiceCollectors } from './service-collectors';
import type { MetricPoint, SeriesStore } from './series-store';

/** What one poll of a host needs. */
export interface PollDeps {
  store: SeriesStore;
  now(): number;
  hosts: HostCollector;
  pm2: Pm2Collector;
  services: ServiceCollectors;
  containers: ContainerCollector;
  servicesOnHost(hostId: string): Service[];
  /** True once the service stopped: a late poll must not write. */
  closed?: () => boolean;
  /** Drops a host's counters, process list, connections and tunnels. */
  forget(hostId: string): void;
}

/** What a poll stored and how it went. */
export interface PollReport {
  at: number;
  targets: MetricTarget[];
  points: number;
  /** The first failure (AppError shape, no secrets); `details.parts` lists every failed part. */
  error: ErrorShape | null;
  /** Remote CPU of the host command (ms), when the host reported it. */
  remoteCpuMs: number | null;
  cpuMs: number;
  wallMs: number;
}

function shape(err: unknown): ErrorShape {
  if (isAppError(err)) return err.toShape();
  return new AppError('INTERNAL', err instanceof Error ? err.message : String(err), 'Try again; if it keeps failing, see the log.').toShape();
}

/**
 * One poll of a host and its services: the host command (with its PM2 PIDs), then — at the
 * same time — PM2 values, each PostgreSQL/Redis service on the host and the containers. Each
 * part fails on its own; what worked is stored, one write per target.
 */
export async function pollHost(d: PollDeps, host: { id: string; name: string }, dockerSocket: string | null): Promise<PollReport> {
  const failures: { part: string; error: ErrorShape }[] = [];
  const writes: { target: MetricTarget; points: MetricPoint[] }[] = [];
  const services = d.servicesOnHost(host.id);
  const hostTarget: MetricTarget = { kind: 'host', id: host.id };

  let sample: HostSample | null = null;
  try {
    // The PM2 list comes over the same connection: if it fails, the host command would too.
    const pids = await d.pm2.pidsFor(host.id);
    sample = await d.hosts.poll(host.id, host.name, pids, dockerSocket);
  } catch (err) {
    failures.push({ part: 'host', error: shape(err) });
  }

  const hostPoints: MetricPoint[] = sample ? [...sample.points] : [];
  const jobs: Promise<void>[] = [];
  if (sample) {
    const s = sample;
    jobs.push(
      d.pm2.values(host.id, s).then(
        (values) => {
          hostPoints.push(...pm2HostPoints(values));
          for (const svc of services.filter((x) => x.kind === 'pm2-app')) {
            const pts = pm2AppPoints(values, svc.config.pm2Name ?? svc.name);
            if (pts) writes.push({ target: { kind: 'service', id: svc.id }, points: pts });
          }
        },
        (err) => void failures.push({ part: 'pm2', error: shape(err) }),
      ),
    );
    const socket = dockerSocket ?? s.dockerSockets[0] ?? null;
    if (socket) {
      jobs.push(
        d.containers.collect(host.id, socket).then(
          (pts) => void hostPoints.push(...pts),
          (err) => void failures.push({ part: 'containers', error: shape(err) }),
        ),
      );
    }
  }
  for (const svc of services.filter(ServiceCollectors.handles)) {
    jobs.push(
      d.services.collect(svc).then(
        (pts) => void writes.push({ target: { kind: 'service', id: svc.id }, points: pts }),
        (err) => void failures.push({ part: svc.name, error: shape(err) }),
      ),
    );
  }
  await Promise.all(jobs);

  const at = d.now();
  if (hostPoints.length) writes.unshift({ target: hostTarget, points: hostPoints });
  let points = 0;
  // A poll that ends after the core closed stores nothing (the database is gone).
  if (!d.closed?.()) {
    for (const w of writes) {
      d.store.write(w.target, w.points, at);
      points += w.points.length;
    }
  }
  let error: ErrorShape | null = null;
  if (failures.length) {
    const first = failures[0].error;
    const prefix = failures.length > 1 ? `${failures.length} parts of the poll failed; first (${failures[0].part}): ` : '';
    error = { ...first, message: prefix + first.message, details: { parts: failures.map((f) => ({ part: f.part, code: f.error.code, message: f.error.message })) } };
  }
  return { at, targets: points > 0 ? writes.map((w) => w.target) : [], points, error, remoteCpuMs: sample?.remoteCpuMs ?? null, cpuMs: 0, wallMs: 0 };
}
