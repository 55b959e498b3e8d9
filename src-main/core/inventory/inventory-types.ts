import type { z } from 'zod';
import type Database from 'better-sqlite3';
import type {
  ByIdInput,
  Credential,
  CredentialCreate,
  CredentialUpdate,
  DemoState,
  Environment,
  EnvironmentCreate,
  EnvironmentUpdate,
  Host,
  HostCreate,
  HostUpdate,
  InventoryTree,
  Link,
  LinkCreate,
  Project,
  ProjectCreate,
  ProjectUpdate,
  Service,
  ServiceCreate,
  ServiceUpdate,
} from '../../contract';
import type { AuditRecorder, SecretStore } from '../ports';
import type { EventBus } from '../event-bus';

/** What the handlers pass in: the contract's inputs after zod applied defaults. */
export type ProjectCreateInput = z.output<typeof ProjectCreate>;
export type ProjectUpdateInput = z.output<typeof ProjectUpdate>;
export type EnvironmentCreateInput = z.output<typeof EnvironmentCreate>;
export type EnvironmentUpdateInput = z.output<typeof EnvironmentUpdate>;
export type HostCreateInput = z.output<typeof HostCreate>;
export type HostUpdateInput = z.output<typeof HostUpdate>;
export type ServiceCreateInput = z.output<typeof ServiceCreate>;
export type ServiceUpdateInput = z.output<typeof ServiceUpdate>;
export type LinkCreateInput = z.output<typeof LinkCreate>;
export type CredentialCreateInput = z.output<typeof CredentialCreate>;
export type CredentialUpdateInput = z.output<typeof CredentialUpdate>;
export type ByIdInputParsed = z.output<typeof ByIdInput>;
export type DemoStateOutput = z.output<typeof DemoState>;
export type Ok = { ok: true };

/** Rows as stored: the contract's shapes without the secret states the vault supplies. */
export type HostRecord = Omit<Host, 'secrets'>;
export type CredentialRecord = Omit<Credential, 'secrets'>;

/** The two settings flags the demo needs; the settings module implements this. */
export interface InventoryFlags {
  getFlag(key: string): string | null;
  setFlag(key: string, value: string): void;
}

export interface InventoryDeps {
  /** Migrated (002) and shared with the vault, so secret writes join our transactions. */
  db: Database.Database;
  vault: SecretStore;
  audit: AuditRecorder;
  bus: EventBus;
  settings: InventoryFlags;
}

/** What a job gives the self-check: progress, a log and a cancellation point. */
export interface SelfCheckContext {
  progress(pct: number, step: string): void;
  log(level: 'info' | 'warn' | 'error', text: string): void;
  throwIfCancelled(): void;
}

export interface SelfCheckResult {
  problems: number;
  checked: number;
}

export interface Inventory {
  tree(): InventoryTree;
  demoState(): DemoStateOutput;
  loadDemo(): InventoryTree;
  dismissDemo(): Ok;

  createProject(input: ProjectCreateInput): Project;
  updateProject(input: ProjectUpdateInput): Project;
  deleteProject(input: ByIdInputParsed): Ok;

  createEnvironment(input: EnvironmentCreateInput): Environment;
  updateEnvironment(input: EnvironmentUpdateInput): Environment;
  deleteEnvironment(input: ByIdInputParsed): Ok;

  createHost(input: HostCreateInput): Host;
  updateHost(input: HostUpdateInput): Host;
  deleteHost(input: ByIdInputParsed): Ok;

  createService(input: ServiceCreateInput): Service;
  updateService(input: ServiceUpdateInput): Service;
  deleteService(input: ByIdInputParsed): Ok;

  createLink(input: LinkCreateInput): Link;
  deleteLink(input: ByIdInputParsed): Ok;

  createCredential(input: CredentialCreateInput): Credential;
  updateCredential(input: CredentialUpdateInput): Credential;
  deleteCredential(input: ByIdInputParsed): Ok;

  /** Walks the inventory for problems; run by the jobs module as 'inventory.selfcheck'. */
  selfCheck(ctx: SelfCheckContext): Promise<SelfCheckResult>;
}
