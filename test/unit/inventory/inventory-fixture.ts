import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect } from 'vitest';
import type { z } from 'zod';
import {
  AppError,
  CredentialCreate,
  CredentialUpdate,
  EnvironmentCreate,
  EnvironmentUpdate,
  HostCreate,
  HostUpdate,
  LinkCreate,
  ProjectCreate,
  ProjectUpdate,
  ServiceCreate,
  ServiceUpdate,
  type AuditEntry,
  type ErrorCode,
} from '../../../src-main/contract';
import { AuditLog } from '../../../src-main/core/audit/audit-log';
import { EventBus } from '../../../src-main/core/event-bus';
import { createInventory } from '../../../src-main/core/inventory';
import { Vault } from '../../../src-main/core/secrets/vault';
import { SettingsStore } from '../../../src-main/core/settings/settings-store';
import { openStore } from '../../../src-main/core/store/open-store';

const open: (() => void)[] = [];
afterEach(() => {
  for (const close of open.splice(0)) close();
});

/**
 * A real store (all migrations) in a temp folder, the real vault (env key), audit log and
 * settings: the inventory as the app composes it, minus the hosts.
 */
export function makeInventory() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-inventory-'));
  const store = openStore({ dataDir: dir });
  const db: Database.Database = store.db;
  const bus = new EventBus();
  const vault = new Vault({ db, bus, envKey: randomBytes(32).toString('hex') });
  const unlocked = vault.autoUnlock();
  if (!unlocked.ok) throw unlocked.error;
  const audit = new AuditLog({ db, bus, osUser: 'tester' });
  const settings = new SettingsStore({ db, bus });
  const events: { entity: string; id: string | null }[] = [];
  bus.on('inventory.changed', (e) => events.push(e));
  const inv = createInventory({ db, vault, audit, bus, settings });
  open.push(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // Inputs go through the contract's schemas, as the router does, so defaults apply.
  const make = {
    project: (i: z.input<typeof ProjectCreate>) => inv.createProject(ProjectCreate.parse(i)),
    environment: (i: z.input<typeof EnvironmentCreate>) => inv.createEnvironment(EnvironmentCreate.parse(i)),
    host: (i: z.input<typeof HostCreate>) => inv.createHost(HostCreate.parse(i)),
    service: (i: z.input<typeof ServiceCreate>) => inv.createService(ServiceCreate.parse(i)),
    link: (i: z.input<typeof LinkCreate>) => inv.createLink(LinkCreate.parse(i)),
    credential: (i: z.input<typeof CredentialCreate>) => inv.createCredential(CredentialCreate.parse(i)),
  };
  const update = {
    project: (i: z.input<typeof ProjectUpdate>) => inv.updateProject(ProjectUpdate.parse(i)),
    environment: (i: z.input<typeof EnvironmentUpdate>) => inv.updateEnvironment(EnvironmentUpdate.parse(i)),
    host: (i: z.input<typeof HostUpdate>) => inv.updateHost(HostUpdate.parse(i)),
    service: (i: z.input<typeof ServiceUpdate>) => inv.updateService(ServiceUpdate.parse(i)),
    credential: (i: z.input<typeof CredentialUpdate>) => inv.updateCredential(CredentialUpdate.parse(i)),
  };
  const auditEntries = (): AuditEntry[] => audit.list({ limit: 5000 }).reverse();
  // Raw SQL for planting states the API refuses; plain functions so the fixture's type does
  // not expose better-sqlite3's (unnameable in declaration emit) Database type.
  const sqlRun = (sql: string, ...params: unknown[]): void => void db.prepare(sql).run(...params);
  const sqlRows = (sql: string): unknown[] => db.prepare(sql).all();
  const count = (table: string): number =>
    (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

  /** A project with one production environment, the usual starting point. */
  function projectWithEnv(name = 'Acme') {
    const project = make.project({ name });
    const env = make.environment({ projectId: project.id, name: 'production' });
    return { project, env };
  }

  return { inv, sqlRun, sqlRows, vault, audit, settings, bus, events, make, update, auditEntries, count, projectWithEnv };
}

/** Asserts `fn` throws an AppError with this code, and returns it for more checks. */
export function expectAppError(fn: () => unknown, code: ErrorCode): AppError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    expect(e.code, e.message).toBe(code);
    expect(e.message.length).toBeGreaterThan(10);
    expect(e.hint, 'every inventory error says what to do').toBeTruthy();
    return e;
  }
  throw new Error(`expected AppError ${code}, nothing was thrown`);
}

export const ID_PATTERN = /^[a-z]+_[A-Za-z0-9]{16}$/;
