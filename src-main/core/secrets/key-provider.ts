import type { KeyProviderId } from '../../contract/app';

export type { KeyProviderId };

/** Non-secret values a provider needs again to unwrap (salt, KDF cost). Stored in vault_meta. */
export type KeyParams = Record<string, string | number>;

/**
 * Wraps the vault's data key. The vault never stores the data key itself, only `blob`, and
 * records `id` so the next start knows which provider can unwrap it.
 */
export interface KeyProvider {
  id: KeyProviderId;
  wrap(dataKey: Buffer): { blob: Buffer; params?: KeyParams };
  /** Returns the data key, or throws an AppError that tells the user what to do. */
  unwrap(blob: Buffer, params: KeyParams | undefined): Buffer;
}

/**
 * The part of Electron's `safeStorage` the vault uses. The shell passes the real one; the core
 * never imports electron, and tests pass a fake.
 */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' means no keyring and the "encryption" is a fixed key. */
  getSelectedStorageBackend?(): string;
}

/** Binds the wrapped key to its purpose and provider, so a blob cannot be replayed elsewhere. */
export function wrapAad(id: KeyProviderId): Buffer {
  return Buffer.from(`opsdeck-vault-key:v1:${id}`);
}
