import { AppError } from '../../contract/errors';
import type { KeyProvider, SafeStorageLike } from './key-provider';

/** Linux backends that do not really protect anything: no keyring was found. */
const WEAK_BACKENDS = new Set(['basic_text', 'unknown']);

/** The backend name when safeStorage would keep the key in effectively plain text, else null. */
export function weakBackend(safe: SafeStorageLike | undefined, platform: string): string | null {
  if (!safe || platform !== 'linux' || typeof safe.getSelectedStorageBackend !== 'function') return null;
  const backend = safe.getSelectedStorageBackend();
  return WEAK_BACKENDS.has(backend) ? backend : null;
}

export function safeStorageAvailable(safe: SafeStorageLike | undefined): safe is SafeStorageLike {
  try {
    return !!safe && safe.isEncryptionAvailable();
  } catch {
    return false;
  }
}

/** Wraps the data key with the OS keychain through Electron's safeStorage. */
export function safeStorageProvider(safe: SafeStorageLike): KeyProvider {
  return {
    id: 'safe-storage',
    wrap(dataKey) {
      return { blob: safe.encryptString(dataKey.toString('base64')) };
    },
    unwrap(blob) {
      let text: string;
      try {
        text = safe.decryptString(blob);
      } catch {
        throw new AppError(
          'VAULT_PROVIDER',
          'The system keychain could not decrypt the vault key.',
          'Unlock your login keychain (or keyring) and restart Opsdeck; the vault was created under another OS user or keyring otherwise.',
        );
      }
      const key = Buffer.from(text, 'base64');
      if (key.length !== 32) {
        throw new AppError('VAULT_PROVIDER', 'The system keychain returned a key of the wrong size.', 'Restore a backup of opsdeck.db or set up the vault again.');
      }
      return key;
    },
  };
}
