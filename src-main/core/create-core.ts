import fs from 'node:fs';
import type Database from 'better-sqlite3';
import type { AppInfo } from '../contract';
import { AuditLog } from './audit/audit-log';
import { HostKeyStore, SshManager } from './connectors/ssh';
import { DockerConnector } from './connectors/docker';
import { DiscoveryService } from './discovery';
import { createLogs, type Logs } from './logs';
import { MetricsService } from './metrics';
import { createServiceRepository } from './inventory/service-repository';
import { createCredentialRepository } from './inventory/credential-repository';
import { createHostRepository } from './inventory/host-repository';
import { EventBus } from './event-bus';
import { createHealth, type Health } from './health';
import { createInventory, type Inventory } from './inventory';
import { createInventoryMerge, type InventoryMerge } from './inventory-merge';
import { JobRunner, type JobContext } from './jobs/job-runner';
import { createLogger, type Logger } from './log';
import type { SafeStorageLike } from './secrets/key-provider';
import { secretsSelfCheck } from './secrets/self-check';
import { Vault } from './secrets/vault';
import { SettingsStore } from './settings/settings-store';
import { openStore, type StoreNotice } from './store/open-store';

export interface CreateCoreOptions {
  dataDir: string;
  host: 'electron' | 'serve';
  version: string;
  /** OPSDECK_VAULT_KEY (64 hex characters), for tests and automation. */
  envKey?: string;
  /** Electron's safeStorage, passed in by the shell; absent under `serve`. */
  safeStorage?: SafeStorageLike;
  /** Where better_sqlite3.node is when the host bundles it elsewhere. */
  nativeBinding?: string;
  /** The OS locale as the host sees it (Electron: app.getLocale()). */
  osLocale?: string;
  /** Echo the log to stderr (serve in a terminal). */
  logToStderr?: boolean;
}

export type { Inventory };

export interface Core {
  bus: EventBus;
  db: Database.Database;
  /** Set when the store had to move a damaged database aside; kept until the user dismisses it. */
  storeNotice(): StoreNotice | null;
  dismissStoreNotice(): void;
  vault: Vault;
  audit: AuditLog;
  jobs: JobRunner;
  settings: SettingsStore;
  log: Logger;
  inventory: Inventory;
  merge: InventoryMerge;
  /** One SSH connection per host: exec, SFTP, shells, forwarding; host keys (TOFU). */
  ssh: SshManager;
  /** Docker engines: a local socket, or a host's socket over its SSH connection. */
  docker: DockerConnector;
  /** "Scan host": a job that proposes an InventoryDraft and returns HostFacts. */
  discovery: DiscoveryService;
  /** Log followers (files, PM2, containers) for log streams, and the logs a service offers. */
  logs: Logs;
  /** Monitors, collectors, the time-series store and thresholds (`metrics.*`; `latest()` for checks). */
  metrics: MetricsService;
  /** Health checks, incidents, maintenance windows and alert destinations (`checks.*`, `alerts.*`). */
  health: Health;
  info(): AppInfo;
  /** Stops jobs, forgets the data key, closes the database. Safe to call twice. */
  close(): void;
}

export const SELFCHECK_KIND = 'inventory.selfcheck';

/**
 * The composition root of the core, shared by both hosts: one store, one bus, the vault
 * unlocked when no human is needed, then the modules on top.
 */
export async function createCore(opts: CreateCoreOptions): Promise<Core> {
  fs.mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const log = createLogger({ dataDir: opts.dataDir, echo: opts.logToStderr });
  log.info('Opsdeck core starting', { version: opts.version, host: opts.host, platform: process.platform });

  let store;
  try {
    store = openStore({ dataDir: opts.dataDir, nativeBinding: opts.nativeBinding });
  } catch (err) {
    log.error('The database could not be opened', err);
    log.close();
    throw err;
  }
  if (store.notice) log.warn(store.notice.message, { backupPath: store.notice.backupPath });
  if (store.backupPath) log.info('Database migrated; the previous version was copied first', { backupPath: store.backupPath });

  const { db } = store;
  const bus = new EventBus();
  const settings = new SettingsStore({ db, bus });
  const vault = new Vault({ db, bus, envKey: opts.envKey, safeStorage: opts.safeStorage });
  const audit = new AuditLog({ db, bus });
  const jobs = new JobRunner({ db, bus, onInternalError: (m, err) => log.error(m, err) });

  const unlocked = vault.autoUnlock();
  if (!unlocked.ok) log.warn(`The vault stays locked: ${unlocked.error.message}`);

  const inventoryDeps = {
    db,
    vault,
    audit,
    bus,
    // Exactly these two: the inventory keeps its flags (e.g. demo.dismissed) and nothing else.
    settings: {
      getFlag: (key: string) => settings.getFlag(key),
      setFlag: (key: string, value: string) => settings.setFlag(key, value),
    },
  };
  const inventory = createInventory(inventoryDeps);
  /** Drafts (imports, scans, ssh config) planned and applied against the same inventory rules. */
  const merge = createInventoryMerge(inventoryDeps);

  const hostRecords = createHostRepository(db);
  const credentialRecords = createCredentialRepository(db);
  const ssh = new SshManager({
    keys: new HostKeyStore(db),
    inventory: { host: (id) => hostRecords.get(id), credential: (id) => credentialRecords.get(id) },
    secrets: vault,
    audit,
    bus,
    log: { info: (m, d) => log.info(m, d as never), warn: (m, d) => log.warn(m, d as never) },
  });
  const docker = new DockerConnector({
    ssh,
    describeHost: (id) => hostRecords.get(id) ?? undefined,
    audit,
  });
  const discovery = new DiscoveryService({ ssh, docker, jobs, audit, host: (id) => hostRecords.get(id) ?? undefined });
  const logs = createLogs({ db, ssh, docker, hostName: (id) => hostRecords.get(id)?.name });
  const serviceRecords = createServiceRepository(db);
  const metrics = new MetricsService({
    db,
    bus,
    ssh,
    docker,
    host: (id) => hostRecords.get(id) ?? undefined,
    hosts: () => hostRecords.list(),
    service: (id) => serviceRecords.get(id),
    servicesOnHost: (hostId) => serviceRecords.onHost(hostId),
    credentials: {
      credential: (id) => credentialRecords.get(id),
      secret: (id) => vault.reveal({ ownerType: 'credential', ownerId: id, field: 'value' }),
    },
    log: { warn: (m, d) => log.warn(m, d as never), error: (m, e) => log.error(m, e) },
  });
  metrics.start();
  // Runs from the start: checks that need a secret say "vault locked" (without counting) until it opens.
  const health = createHealth({ db, bus, vault, log, ssh, metrics: () => metrics });
  health.start();

  jobs.register(SELFCHECK_KIND, () => ({
    title: 'Inventory self-check',
    target: 'inventory',
    // The inventory's references first, then every stored secret must still decrypt.
    run: async (ctx: JobContext) => {
      const part = (from: number, to: number): JobContext => ({
        ...ctx,
        progress: (pct, step) => ctx.progress(from + ((to - from) * pct) / 100, step),
      });
      const inventoryResult = await inventory.selfCheck(part(0, 70));
      const secrets = await secretsSelfCheck(vault, part(70, 100));
      return { ...inventoryResult, secrets };
    },
  }));

  // The notice outlives this start: the user learns where their old data went even after a restart.
  const NOTICE_FLAG = 'store.notice';
  if (store.notice) settings.setFlag(NOTICE_FLAG, JSON.stringify(store.notice));
  const storeNotice = (): StoreNotice | null => {
    const raw = settings.getFlag(NOTICE_FLAG);
    if (!raw) return null;
    try {
      return JSON.parse(raw) as StoreNotice;
    } catch {
      return null;
    }
  };

  const osLocale = opts.osLocale || Intl.DateTimeFormat().resolvedOptions().locale || 'en';
  let closed = false;

  return {
    bus,
    db,
    storeNotice,
    dismissStoreNotice: () => settings.deleteFlag(NOTICE_FLAG),
    vault,
    audit,
    jobs,
    settings,
    log,
    inventory,
    merge,
    ssh,
    docker,
    discovery,
    metrics,
    logs,
    health,
    info: () => ({
      version: opts.version,
      host: opts.host,
      platform: process.platform,
      dataDir: opts.dataDir,
      osLocale,
      osUser: audit.osUser,
      storeNotice: storeNotice(),
    }),
    close: () => {
      if (closed) return;
      closed = true;
      metrics.stop();
      health.close();
      ssh.close();
      try {
        jobs.shutdown();
      } catch (err) {
        log.error('Stopping jobs failed', err);
      }
      vault.lock();
      store.close();
      log.info('Opsdeck core stopped');
      log.close();
    },
  };
}
