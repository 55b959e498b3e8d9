import type Database from 'better-sqlite3';
import type { Service } from '../../contract/inventory';
import { AppError, type ErrorShape } from '../../contract/errors';
import type { MetricCatalog, MetricInfo, MetricRange, MetricSeries, MetricTarget, MonitorStatus, PgStatements } from '../../contract/metrics';
import type { EventBus } from '../event-bus';
import { ContainerCollector, type DockerStatsSource } from './container-collector';
import { HostCollector, type Exec } from './host-collector';
import { familyInfo, instanceOf } from './metric-families';
import { Pm2Collector } from './pm2-collector';
import { ServiceCollectors } from './service-collectors';
import { extraCaFromEnv, type CredentialSource } from './service-endpoint';
import type { TcpForwarder } from './ssh-tunnel';
import { createMonitorRepository, type MonitorRecord } from './monitor-repository';
import { PollScheduler, realTimers, type SchedulerTimers } from './poll-scheduler';
import { pollHost, type PollDeps, type PollReport } from './poll-host';
import { SeriesStore, type Resolution } from './series-store';
import { Thresholds, type ThresholdOverride } from './thresholds';

/** What `metrics.series` reads per range, and how far back. */
const RANGES: Record<MetricRange, { ms: number; resolution: Resolution }> = {
  '15m': { ms: 15 * 60_000, resolution: 'raw' },
  '1h': { ms: 3_600_000, resolution: 'raw' },
  '6h': { ms: 6 * 3_600_000, resolution: 'raw' },
  '24h': { ms: 24 * 3_600_000, resolution: 'raw' },
  '7d': { ms: 7 * 86_400_000, resolution: '1m' },
  '30d': { ms: 30 * 86_400_000, resolution: '1m' },
  '1y': { ms: 365 * 86_400_000, resolution: '1h' },
};
/** Most points per series a chart gets (buckets are averaged on read past it). */
export const MAX_POINTS = 720;
const DEFAULT_INTERVAL_SEC = 10;
const MAINTAIN_EVERY_MS = 60_000;

export interface MetricsDeps {
  db: Database.Database;
  bus: EventBus;
  /** The SSH core: the host command, and TCP streams for database tunnels. */
  ssh: Exec & TcpForwarder;
  docker: DockerStatsSource;
  host(id: string): { id: string; name: string } | undefined;
  /** Every host, for `monitors()` (hosts never configured are listed as off). */
  hosts?: () => { id: string }[];
  service(id: string): Service | undefined;
  servicesOnHost(hostId: string): Service[];
  /** Service credentials and their secret values (the vault). */
  credentials: CredentialSource;
  /** PEM CA certificates trusted for database TLS besides the system's (default: the file OPSDECK_EXTRA_CA_CERTS names). */
  extraCa?: string[];
  timers?: SchedulerTimers;
  log?: { warn(m: string, d?: unknown): void; error(m: string, e?: unknown): void };
}

/**
 * Metrics: monitors per host (off until the user turns them on), the poll scheduler, the
 * time-series store with its rollups, thresholds, and the reads behind the `metrics.*` calls.
 */
export class MetricsService {
  readonly store: SeriesStore;
  readonly thresholds: Thresholds;
  private readonly monitors;
  private readonly scheduler: PollScheduler;
  private readonly timers: SchedulerTimers;
  private readonly pollDeps: PollDeps;
  private maintainTimer: unknown = null;
  private started = false;

  constructor(private readonly deps: MetricsDeps) {
    this.timers = deps.timers ?? realTimers;
    this.store = new SeriesStore(deps.db);
    this.thresholds = new Thresholds(deps.db);
    this.monitors = createMonitorRepository(deps.db);
    const now = () => this.timers.now();
    const hosts = new HostCollector(deps.ssh, now);
    const pm2 = new Pm2Collector(deps.ssh, now);
    const containers = new ContainerCollector(deps.docker, now);
    const services = new ServiceCollectors(deps.ssh, deps.credentials, now, deps.extraCa ?? extraCaFromEnv());
    this.pollDeps = {
      store: this.store,
      now,
      hosts,
      pm2,
      services,
      containers,
      servicesOnHost: deps.servicesOnHost,
      closed: () => this.closed,
      forget: (hostId) => {
        hosts.forget(hostId);
        pm2.forget(hostId);
        containers.forget(hostId);
        services.forgetHost(hostId, deps.servicesOnHost(hostId));
      },
    };
    this.scheduler = new PollScheduler((hostId) => this.pollOnce(hostId).then(() => undefined), this.timers, (hostId, err) =>
      this.deps.log?.error(`Metrics poll of ${hostId} failed`, err),
    );
  }

  /** Starts polling every enabled monitor and the rollup timer. */
  start(): void {
    if (this.started) return;
    this.started = true;
    for (const m of this.monitors.list()) if (m.enabled && this.deps.host(m.hostId)) this.scheduler.set(m.hostId, true, m.intervalSec);
    const tick = () => {
      void this.maintain();
      this.maintainTimer = this.timers.setTimeout(tick, MAINTAIN_EVERY_MS);
    };
    this.maintainTimer = this.timers.setTimeout(tick, MAINTAIN_EVERY_MS);
    this.offInventory = this.deps.bus.on('inventory.changed', (e) => {
      if (e.entity === 'host' && e.id && this.deps.host(e.id)) this.pollDeps.forget(e.id);
      else setImmediate(() => this.sweep());
    });
  }

  private offInventory: (() => void) | null = null;

  /** Drops the series, thresholds and schedule of hosts and services that no longer exist. */
  sweep(): void {
    if (!this.started) return;
    try {
      const targets = this.deps.db.prepare<[], { kind: 'host' | 'service'; id: string }>('SELECT DISTINCT target_kind AS kind, target_id AS id FROM metric_series').all();
      for (const t of targets) {
        const exists = t.kind === 'host' ? this.deps.host(t.id) : this.deps.service(t.id);
        if (exists) continue;
        this.store.dropTarget(t);
        this.thresholds.dropTarget(t);
        if (t.kind === 'host') {
          this.scheduler.set(t.id, false, 0);
          this.pollDeps.forget(t.id);
        }
      }
    } catch (err) {
      this.deps.log?.error('Dropping the metrics of deleted hosts and services failed', err);
    }
  }

  /** Stops every timer and closes database/cache connections. Safe to call twice. */
  stop(): void {
    this.offInventory?.();
    this.offInventory = null;
    this.scheduler.stop();
    if (this.maintainTimer) this.timers.clearTimeout(this.maintainTimer);
    this.maintainTimer = null;
    this.started = false;
    this.closed = true;
    this.pollDeps.services.closeAll();
  }

  private closed = false;

  /**
   * Rollup and retention in small steps (≤ 10 minutes of raw points each, one short
   * transaction), yielding to the event loop between steps, until caught up or 144 steps (a day
   * of catching up after the computer slept; the rest follows at the next tick).
   */
  async maintain(): Promise<void> {
    if (this.maintaining) return;
    this.maintaining = true;
    try {
      for (let i = 0; i < 144; i++) {
        if (this.closed || !this.store.maintain(this.timers.now(), { maxSpanSec: 600 }).more) break;
        await new Promise((r) => setImmediate(r));
      }
      // Once an hour: series whose every point aged out leave the catalog.
      if (!this.closed && ++this.maintainRuns % 60 === 0) this.store.pruneEmpty();
    } catch (err) {
      this.deps.log?.error('Metrics rollup failed', err);
    } finally {
      this.maintaining = false;
    }
  }

  private maintaining = false;
  private maintainRuns = 0;

  /** Polls one host now (joins a running poll); returns what was stored. */
  async pollNow(hostId: string): Promise<PollReport | null> {
    if (this.scheduler.has(hostId)) {
      await this.scheduler.pollNow(hostId);
      return this.lastReport.get(hostId) ?? null;
    }
    return this.pollOnce(hostId);
  }

  private readonly lastReport = new Map<string, PollReport>();

  private async pollOnce(hostId: string): Promise<PollReport | null> {
    const host = this.deps.host(hostId);
    if (!host) {
      this.scheduler.set(hostId, false, 0);
      return null;
    }
    const monitor = this.monitors.get(hostId);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const report = await pollHost(this.pollDeps, host, monitor?.dockerSocket ?? null);
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const wallMs = performance.now() - t0;
    report.cpuMs = cpuMs;
    report.wallMs = wallMs;
    this.lastReport.set(hostId, report);
    if (this.closed) return report;
    if (monitor) this.monitors.recordPoll(hostId, this.timers.now(), Math.round(wallMs * 10) / 10, Math.round(cpuMs * 100) / 100, report.error);
    for (const target of report.targets) this.deps.bus.emit('metrics.updated', { target, at: report.at });
    return report;
  }

  /** The newest value of a key for a target, e.g. latest({kind:'host', id}, 'host.cpu'). */
  latest(target: MetricTarget, key: string): { t: number; v: number } | null {
    return this.store.latest(target, key);
  }

  /** The threshold that applies to a key (user's or default), for metric checks. */
  threshold(target: MetricTarget, key: string) {
    return this.thresholds.forKey(target, key);
  }

  catalog(target: MetricTarget): MetricCatalog {
    const keys = this.store.keys(target);
    const overrides = this.thresholds.overrides(target);
    const metrics: MetricInfo[] = keys.map((key) => {
      const f = familyInfo(key);
      const inst = instanceOf(key);
      return {
        key,
        family: f?.family ?? key,
        label: f ? (inst ? `${f.label} ${inst}` : f.label) : key,
        unit: f?.unit ?? 'count',
        group: f?.group ?? 'System',
        threshold: this.thresholds.forKey(target, key, overrides),
      };
    });
    return { target, available: metrics.length > 0, reason: metrics.length > 0 ? null : this.whyNothing(target), metrics };
  }

  private whyNothing(target: MetricTarget): string {
    const hostId = target.kind === 'host' ? target.id : this.deps.service(target.id)?.hostId;
    if (target.kind === 'service') {
      const s = this.deps.service(target.id);
      if (!s) return 'This service no longer exists.';
      if (!['pm2-app', 'postgres', 'redis'].includes(s.kind)) {
        return 'Opsdeck collects metrics for hosts, PM2 apps, PostgreSQL and Redis; container figures are on the host’s page.';
      }
      if (!hostId) return 'This service has no host: give it one and turn on monitoring for that host.';
    }
    if (!hostId || !this.deps.host(hostId)) return 'This host no longer exists.';
    const m = this.monitors.get(hostId);
    if (!m?.enabled) return 'Monitoring is off for this host: turn it on to collect metrics.';
    if (m.lastError) return `The last poll failed: ${m.lastError.message}`;
    return 'No poll has finished yet: figures appear after the first one.';
  }

  series(input: { target: MetricTarget; keys?: string[]; range: MetricRange; until?: number }): MetricSeries {
    const r = RANGES[input.range];
    const to = input.until ?? this.timers.now();
    const from = to - r.ms;
    const series = this.store.read(input.target, input.keys, r.resolution, from, to, MAX_POINTS);
    return { resolution: r.resolution, from, to, series };
  }

  setThreshold(target: MetricTarget, family: string, threshold: ThresholdOverride): MetricCatalog {
    if (!familyInfo(family)) throw new AppError('VALIDATION', `"${family}" is not a metric Opsdeck collects.`, 'Pick a metric from the list.');
    this.assertTarget(target);
    this.thresholds.set(target, family, threshold);
    return this.catalog(target);
  }

  /** Every host's monitor: the configured ones, then every other host as off. */
  monitorsList(): MonitorStatus[] {
    const configured = this.monitors
      .list()
      .filter((m) => this.deps.host(m.hostId))
      .map(toStatus);
    const seen = new Set(configured.map((m) => m.hostId));
    const rest = (this.deps.hosts?.() ?? []).filter((h) => !seen.has(h.id)).map((h) => this.monitor(h.id));
    return [...configured, ...rest];
  }

  monitor(hostId: string): MonitorStatus {
    const m = this.monitors.get(hostId);
    return m ? toStatus(m) : { hostId, enabled: false, intervalSec: DEFAULT_INTERVAL_SEC, lastPollAt: null, lastPollMs: null, lastPollCpuMs: null, lastError: null };
  }

  /**
   * Turns monitoring of a host on or off and sets its interval. `dockerSocket` (core only):
   * where container stats come from; by default the usual sockets are tried.
   */
  setMonitor(input: { hostId: string; enabled: boolean; intervalSec?: number }, opts: { dockerSocket?: string | null } = {}): MonitorStatus {
    if (!this.deps.host(input.hostId)) throw new AppError('NOT_FOUND', 'That host no longer exists.', 'Reload the inventory.');
    const old = this.monitors.get(input.hostId);
    const intervalSec = input.intervalSec ?? old?.intervalSec ?? DEFAULT_INTERVAL_SEC;
    const dockerSocket = opts.dockerSocket !== undefined ? opts.dockerSocket : (old?.dockerSocket ?? null);
    this.monitors.save({ hostId: input.hostId, enabled: input.enabled, intervalSec, dockerSocket });
    if (!input.enabled) this.pollDeps.forget(input.hostId);
    if (this.started || !input.enabled) this.scheduler.set(input.hostId, input.enabled, intervalSec);
    return this.monitor(input.hostId);
  }

  pgStatements(serviceId: string): Promise<PgStatements> {
    const s = this.deps.service(serviceId);
    if (!s) throw new AppError('NOT_FOUND', 'That service no longer exists.', 'Reload the inventory.');
    if (s.kind !== 'postgres') throw new AppError('VALIDATION', `${s.name} is not a PostgreSQL service.`, 'Pick a PostgreSQL service.');
    return this.pollDeps.services.pgStatements(s);
  }

  private assertTarget(target: MetricTarget): void {
    const ok = target.kind === 'host' ? this.deps.host(target.id) : this.deps.service(target.id);
    if (!ok) throw new AppError('NOT_FOUND', `That ${target.kind} no longer exists.`, 'Reload the inventory.');
  }
}

function toStatus(m: MonitorRecord): MonitorStatus {
  return {
    hostId: m.hostId,
    enabled: m.enabled,
    intervalSec: m.intervalSec,
    lastPollAt: m.lastPollAt,
    lastPollMs: m.lastPollMs,
    lastPollCpuMs: m.lastCpuMs,
    lastError: m.lastError as ErrorShape | null,
  };
}
