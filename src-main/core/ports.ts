import type { SecretState } from '../contract';

/**
 * The seams between core modules, so each can be built and tested on its own.
 * Implementations: secrets/vault.ts (SecretStore), audit/audit-log.ts (AuditRecorder).
 */

/** Where a secret belongs: e.g. ('host', 'hst_x', 'password'). Used as AES-GCM associated data. */
export interface SecretRef {
  ownerType: 'host' | 'credential' | 'service' | 'alert-sink';
  ownerId: string;
  field: string;
}

export interface SecretStore {
  /** Throws AppError VAULT_LOCKED when locked. Encrypts with AES-256-GCM under the data key. */
  set(ref: SecretRef, value: string): void;
  delete(ref: SecretRef): void;
  /** Deletes every secret of one owner (used when a host or credential is deleted). */
  deleteOwner(ownerType: SecretRef['ownerType'], ownerId: string): void;
  /** What the UI may know. */
  state(ref: SecretRef): SecretState;
  /** Plaintext, for connectors inside the core only. Never returned by a call. */
  reveal(ref: SecretRef): string | null;
}

export interface AuditRecord {
  action: string; // e.g. 'host.create'
  targetKind: string; // 'host'
  targetId: string | null;
  targetName: string;
  /** The exact remote command, secrets already redacted; null for local inventory changes. */
  command?: string | null;
  result?: 'ok' | 'error' | 'cancelled';
  /** A short human summary; never secret values ("password: set", "fields: name, port"). */
  details?: string;
}

export interface AuditRecorder {
  record(entry: AuditRecord): void;
}
