import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type {
  AlertNotification,
  Check,
  CheckConfig,
  CheckCreate,
  CheckResult,
  CheckUpdate,
  HealthSummary,
  Incident,
  MaintenanceCreate,
  MaintenanceWindow,
} from '../../contract';
import { AppError } from '../../contract/errors';
import type { EventBus } from '../event-bus';
import { createCredentialRepository } from '../inventory/credential-repository';
import { createHostRepository } from '../inventory/host-repository';
import { createServiceRepository } from '../inventory/service-repository';
import type { Logger } from '../log';
import type { SecretStore } from '../ports';
import { newId } from '../store/ids';
import { createCheckRepository, toCheck, type CheckRecord } from './check-repository';
import type { MetricsReader } from './checks/metric-check';
import type { Pm2Exec } from './checks/pm2-check';
import { createCheckRunner, type CheckOutcome, type CheckRunner } from './checks/run-check';
import { extraCaFromEnv } from '../metrics/service-endpoint';
import { SshTunnels, type TcpForwarder } from './checks/service-endpoint';
import { suggestChecks } from './checks/suggest';
import { systemClock, type Clock } from './clock';
import { createHistoryRepository, type Beat } from './history-repository';
import { Monitor } from './monitor';
import { defaultJitter, Scheduler } from './scheduler';
import { createSinkService, type SinkService } from './sinks/sink-service';

export type { MetricsReader } from './checks/metric-check';
export type { Clock } from './clock';

export interface HealthDeps {
  db: Database.Database;
  bus: EventBus;
  vault: SecretStore;
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** The PM2 check's command, and tunnels to databases on a host's loopback, over its SSH connection. */
  ssh: Pm2Exec & TcpForwarder;
  /** The metrics module, once it exists (read at each metric check). */
  metrics?: () => MetricsReader | null;
  clock?: Clock;
  /** Replaces the real checks (timeline tests). */
  runner?: CheckRunner;
  jitter?: (intervalMs: number) => number;
  /** PEM CA certificates trusted besides the system's (default: the file OPSDECK_EXTRA_CA_CERTS names). */
  extraCa?: string[];
}

type CreateInput = z.output<typeof CheckCreate>;
type UpdateInput = z.output<typeof CheckUpdate>;
type MaintenanceInput = z.output<typeof MaintenanceCreate>;

/**
 * Health checks: the checks themselves, the scheduler running them, the monitor deciding
 * states, incidents and notifications, maintenance windows and the alert sinks.
 */
export function createHealth(deps: HealthDeps) {
  const clock = deps.clock ?? systemClock;
  const checks = createCheckRepository(deps.db);
  const history = createHistoryRepository(deps.db);
  const services = createServiceRepository(deps.db);
  const hosts = createHostRepository(deps.db);
  const credentials = createCredentialRepository(deps.db);
  const extraCa =
    deps.extraCa ??
    extraCaFromEnv((file, err) => deps.log.warn('OPSDECK_EXTRA_CA_CERTS names a file that cannot be read; only the system CAs are trusted', { file, reason: (err as Error).message }));
  const sinks: SinkService = createSinkService({ db: deps.db, vault: deps.vault, log: deps.log, now: () => clock.now() });
  const tunnels = new SshTunnels(deps.ssh);
  const runner =
    deps.runner ??
    createCheckRunner({
      service: (id) => services.get(id),
      host: (id) => hosts.get(id),
      credential: (id) => credentials.get(id),
      vault: deps.vault,
      ssh: deps.ssh,
      metrics: () => deps.metrics?.() ?? null,
      now: () => clock.now(),
    }, tunnels);
  let closed = false;

  /** Runs a config within its timeout; a hung check is cut off one second after it. */
  const runConfig = async (config: CheckConfig, timeoutMs: number): Promise<CheckOutcome> => {
    const controller = new AbortController();
    const soft = setTimeout(() => controller.abort(), timeoutMs);
    let hard: NodeJS.Timeout | undefined;
    const cutoff = new Promise<CheckOutcome>((resolve) => {
      hard = setTimeout(() => resolve({ ok: false, latencyMs: null, message: `The check did not finish within ${timeoutMs} ms.`, value: null }), timeoutMs + 1000);
    });
    try {
      return await Promise.race([runner(config, { timeoutMs, signal: controller.signal, extraCa }), cutoff]);
    } finally {
      clearTimeout(soft);
      clearTimeout(hard);
    }
  };

  const monitor = new Monitor({
    db: deps.db,
    bus: deps.bus,
    checks,
    history,
    deliver: (n) => {
      void sinks.dispatch(n).catch((err) => deps.log.error('Delivering an alert failed', err));
    },
  });

  const scheduler = new Scheduler({
    clock,
    get: (id) => checks.get(id),
    list: () => checks.list(),
    run: (c) => runConfig(c.config, c.timeoutMs),
    record: (c, outcome, at) => {
      if (!closed) monitor.record(c, outcome, at);
    },
    jitter: deps.jitter ?? defaultJitter,
    onError: (m, err) => deps.log.error(m, err),
  });

  const record = (id: string): CheckRecord => {
    const c = checks.get(id);
    if (!c) throw new AppError('NOT_FOUND', 'That check no longer exists.', 'Reload the health page.');
    return c;
  };
  const view = (c: CheckRecord): Check => toCheck(c, checks.state(c.id));

  const validateRefs = (serviceId: string | null, config: CheckConfig): void => {
    if (serviceId && !services.get(serviceId)) throw new AppError('NOT_FOUND', 'The service of this check does not exist.', 'Reload the inventory.');
    if (config.type === 'pm2' && !hosts.get(config.hostId)) throw new AppError('NOT_FOUND', 'The host of this PM2 check does not exist.', 'Reload the inventory.');
    if ((config.type === 'postgres' || config.type === 'redis') && !services.get(config.serviceId)) {
      throw new AppError('NOT_FOUND', `The ${config.type === 'postgres' ? 'PostgreSQL' : 'Redis'} service of this check does not exist.`, 'Reload the inventory.');
    }
    if (config.type === 'metric' && config.target.kind === 'host' && !hosts.get(config.target.id)) throw new AppError('NOT_FOUND', 'The host of this metric check does not exist.', 'Reload the inventory.');
    if (config.type === 'metric' && config.target.kind === 'service' && !services.get(config.target.id)) throw new AppError('NOT_FOUND', 'The service of this metric check does not exist.', 'Reload the inventory.');
  };

  /** A window was added or removed: show MAINTENANCE (or not) now rather than at the next result. */
  const refreshMaintenance = () => {
    const now = clock.now();
    for (const c of checks.list()) {
      if (!c.enabled) continue;
      const st = checks.state(c.id);
      if (st.lastCheckAt === null) continue;
      const inMaintenance = history.inMaintenance(now, c.id, c.serviceId);
      if (inMaintenance === st.inMaintenance) continue;
      const previous = view(c).state;
      checks.saveState(c.id, { ...st, inMaintenance });
      changed(c, previous);
    }
  };

  /** Says "this check changed" (every window refetches), with the shown state before and after. */
  const changed = (c: CheckRecord, previous: Check['state']) => {
    deps.bus.emit('health.changed', { checkId: c.id, serviceId: c.serviceId, state: view(c).state, previous });
  };

  return {
    scheduler,
    monitor,
    sinks,
    /** Starts the scheduler (idempotent). */
    start: () => scheduler.start(),
    /** Stops the scheduler; results still under way are dropped. */
    close(): void {
      closed = true;
      scheduler.stop();
      tunnels.close();
    },

    list: (f: { serviceId?: string } = {}): Check[] => (f.serviceId ? checks.byService(f.serviceId) : checks.list()).map(view),
    get: (id: string): Check => view(record(id)),

    create(input: CreateInput): Check {
      validateRefs(input.serviceId, input.config);
      const c: CheckRecord = { id: newId('chk'), ...input };
      checks.insert(c);
      scheduler.sync(c.id);
      changed(c, 'unknown');
      return view(c);
    },

    update(input: UpdateInput): Check {
      const before = record(input.id);
      const shown = view(before).state;
      const c: CheckRecord = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as CheckRecord;
      validateRefs(c.serviceId, c.config);
      checks.update(c);
      scheduler.sync(c.id);
      changed(c, shown);
      return view(c);
    },

    remove(id: string): void {
      const c = record(id);
      const shown = view(c).state;
      deps.db.transaction(() => {
        checks.remove(id);
        history.forgetCheck(id);
      })();
      scheduler.sync(id);
      deps.bus.emit('health.changed', { checkId: c.id, serviceId: c.serviceId, state: 'unknown', previous: shown });
    },

    /** Runs a stored check now; the result counts like a scheduled one. */
    async runNow(id: string): Promise<CheckResult> {
      record(id);
      const r = await scheduler.runNow(id);
      if (!r) throw new AppError('NOT_FOUND', 'That check no longer exists.', 'Reload the health page.');
      return strip(r);
    },

    /** Runs a config without storing anything (the "Test" button of the check form). */
    async try(config: CheckConfig, timeoutMs = 10_000): Promise<CheckResult> {
      return strip(await runConfig(config, timeoutMs));
    },

    beats: (id: string, limit: number): Beat[] => {
      record(id);
      return history.beats(id, limit);
    },

    suggest(serviceId: string) {
      const s = services.get(serviceId);
      if (!s) throw new AppError('NOT_FOUND', 'That service does not exist.', 'Reload the inventory.');
      const host = s.hostId ? hosts.get(s.hostId) : undefined;
      return suggestChecks(s, host?.address ?? null);
    },

    incidents: (f: { checkId?: string; serviceId?: string; limit: number }): Incident[] => history.incidents(f, clock.now()),

    maintenance: (): MaintenanceWindow[] => history.windows(),
    createMaintenance(input: MaintenanceInput): MaintenanceWindow {
      if (input.checkId && !checks.get(input.checkId)) throw new AppError('NOT_FOUND', 'That check does not exist.', 'Reload the health page.');
      if (input.serviceId && !services.get(input.serviceId)) throw new AppError('NOT_FOUND', 'That service does not exist.', 'Reload the inventory.');
      const w: MaintenanceWindow = { id: newId('mnt'), ...input };
      history.addWindow(w);
      refreshMaintenance();
      return w;
    },
    deleteMaintenance(id: string): void {
      if (!history.removeWindow(id)) throw new AppError('NOT_FOUND', 'That maintenance window no longer exists.', 'Reload the health page.');
      refreshMaintenance();
    },

    summary(): HealthSummary {
      const all = checks.list().filter((c) => c.enabled).map(view);
      const count = (s: Check['state']) => all.filter((c) => c.state === s).length;
      const rank = (s: Check['state']) => (s === 'down' ? 0 : 1);
      return {
        up: count('up'),
        down: count('down'),
        pending: count('pending'),
        maintenance: count('maintenance'),
        failing: all
          .filter((c) => c.state === 'down' || c.state === 'pending')
          .sort((a, b) => rank(a.state) - rank(b.state) || (a.since ?? 0) - (b.since ?? 0))
          .map((c) => ({ checkId: c.id, serviceId: c.serviceId, name: c.name, state: c.state, since: c.since, message: c.lastMessage })),
      };
    },

    /** Notifications decided so far, oldest first (one check, or all). */
    notifications: (checkId: string | null = null, limit = 1000): AlertNotification[] => history.notifications(checkId, limit),
  };
}

function strip(r: CheckOutcome): CheckResult {
  return { ok: r.ok, latencyMs: r.latencyMs, message: r.message, value: r.value };
}

export type Health = ReturnType<typeof createHealth>;
