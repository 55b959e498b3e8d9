import { randomBytes, scryptSync } from 'node:crypto';
import { AppError } from '../../contract/errors';
import { openBlob, sealToBlob } from './aes-gcm';
import { wrapAad, type KeyParams, type KeyProvider } from './key-provider';

/** Interactive-login cost: about 0.1 s and 32 MiB on a laptop, expensive to guess at scale. */
export const SCRYPT_DEFAULTS = { N: 2 ** 15, r: 8, p: 1 } as const;
const SALT_BYTES = 16;

function deriveKek(passphrase: string, salt: Buffer, N: number, r: number, p: number): Buffer {
  // scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is exactly that, so raise it.
  const maxmem = 128 * N * r * 2 + 16 * 1024 * 1024;
  return scryptSync(passphrase.normalize('NFC'), salt, 32, { N, r, p, maxmem });
}

export function badPassphrase(): AppError {
  return new AppError('VAULT_BAD_PASSPHRASE', 'The passphrase is not correct.', 'Check Caps Lock and try again.');
}

/** Wraps the data key with a key derived from the user's passphrase (scrypt → AES-256-GCM). */
export function passphraseProvider(passphrase: string, cost: { N: number; r: number; p: number } = SCRYPT_DEFAULTS): KeyProvider {
  return {
    id: 'passphrase',
    wrap(dataKey) {
      const salt = randomBytes(SALT_BYTES);
      const kek = deriveKek(passphrase, salt, cost.N, cost.r, cost.p);
      try {
        const blob = sealToBlob(kek, dataKey, wrapAad('passphrase'));
        return { blob, params: { salt: salt.toString('hex'), N: cost.N, r: cost.r, p: cost.p } };
      } finally {
        kek.fill(0);
      }
    },
    unwrap(blob, params?: KeyParams) {
      const salt = typeof params?.salt === 'string' ? Buffer.from(params.salt, 'hex') : null;
      const { N, r, p } = params ?? {};
      if (!salt || salt.length === 0 || typeof N !== 'number' || typeof r !== 'number' || typeof p !== 'number') {
        throw new AppError('VAULT_PROVIDER', 'The vault record is incomplete (no key-derivation parameters).', 'The database may be damaged; restore a backup of opsdeck.db.');
      }
      const kek = deriveKek(passphrase, salt, N, r, p);
      try {
        return openBlob(kek, blob, wrapAad('passphrase'));
      } catch {
        // GCM cannot tell a wrong key from a damaged blob; a wrong passphrase is by far the likelier.
        throw badPassphrase();
      } finally {
        kek.fill(0);
      }
    },
  };
}
