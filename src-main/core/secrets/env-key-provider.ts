import { AppError } from '../../contract/errors';
import { openBlob, sealToBlob } from './aes-gcm';
import { wrapAad, type KeyProvider } from './key-provider';

/** Parses OPSDECK_VAULT_KEY: exactly 64 hex characters (32 bytes). */
export function parseEnvKey(hex: string): Buffer {
  const trimmed = hex.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(trimmed)) {
    throw new AppError(
      'VAULT_PROVIDER',
      'OPSDECK_VAULT_KEY must be 64 hexadecimal characters (a 32-byte key).',
      'Generate one with `openssl rand -hex 32` and set it again.',
    );
  }
  return Buffer.from(trimmed, 'hex');
}

/**
 * Wraps the data key with an explicit key from the environment: for tests and automation, where
 * nobody can type a passphrase and there is no OS keychain.
 */
export function envKeyProvider(hex: string): KeyProvider {
  const kek = parseEnvKey(hex);
  return {
    id: 'env-key',
    wrap(dataKey) {
      return { blob: sealToBlob(kek, dataKey, wrapAad('env-key')) };
    },
    unwrap(blob) {
      try {
        return openBlob(kek, blob, wrapAad('env-key'));
      } catch {
        throw new AppError(
          'VAULT_PROVIDER',
          'The key in OPSDECK_VAULT_KEY does not open this vault.',
          'Start Opsdeck with the key the vault was created with.',
        );
      }
    },
  };
}
