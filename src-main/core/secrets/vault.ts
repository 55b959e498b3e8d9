import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { KeyProviderId, SecretState, VaultStatus } from '../../contract';
import { AppError } from '../../contract/errors';
import type { EventBus } from '../event-bus';
import type { SecretRef, SecretStore } from '../ports';
import { nowIso } from '../store/ids';
import { KEY_BYTES, open, seal } from './aes-gcm';
import { envKeyProvider } from './env-key-provider';
import type { KeyParams, KeyProvider, SafeStorageLike } from './key-provider';
import { passphraseProvider, SCRYPT_DEFAULTS } from './passphrase-provider';
import { safeStorageAvailable, safeStorageProvider, weakBackend } from './safe-storage-provider';

export interface VaultOptions {
  db: Database.Database;
  bus: EventBus;
  /** OPSDECK_VAULT_KEY, 64 hex characters. */
  envKey?: string;
  safeStorage?: SafeStorageLike;
  /** process.platform, injectable so the Linux keyring rules can be tested anywhere. */
  platform?: string;
  /** scrypt cost for new passphrase vaults (tests may lower it; unlock uses what was stored). */
  scryptCost?: { N: number; r: number; p: number };
}

export interface VaultSetup {
  provider: KeyProviderId;
  passphrase?: string;
  allowWeakBackend?: boolean;
}

interface MetaRow {
  provider: KeyProviderId;
  wrapped_key: Buffer;
  salt: Buffer | null;
  kdf_params: string | null;
}

interface SecretRow {
  nonce: Buffer;
  ciphertext: Buffer;
}

const aadOf = (ref: SecretRef) => Buffer.from(`${ref.ownerType}:${ref.ownerId}:${ref.field}`);

/**
 * Envelope encryption for every secret field: one random data key, kept only in memory while
 * unlocked, wrapped at rest by one KeyProvider; each field sealed with AES-256-GCM under it.
 */
export class Vault implements SecretStore {
  private dataKey: Buffer | null = null;
  private readonly db: Database.Database;
  private readonly bus: EventBus;
  private readonly platform: string;

  constructor(private readonly opts: VaultOptions) {
    this.db = opts.db;
    this.bus = opts.bus;
    this.platform = opts.platform ?? process.platform;
  }

  // ---------- lifecycle ----------

  status(): VaultStatus {
    const meta = this.meta();
    return {
      state: !meta ? 'uninitialized' : this.dataKey ? 'unlocked' : 'locked',
      provider: meta?.provider ?? null,
      availableProviders: this.availableProviders(),
      weakBackend: weakBackend(this.opts.safeStorage, this.platform),
    };
  }

  isUnlocked(): boolean {
    return this.dataKey !== null;
  }

  /** Creates the data key and wraps it with the chosen provider; the vault is unlocked after. */
  setup(input: VaultSetup): VaultStatus {
    if (this.meta()) {
      throw new AppError('CONFLICT', 'The vault is already set up.', 'Unlock it instead; to start over, move opsdeck.db out of the data folder.');
    }
    const provider = this.providerForSetup(input);
    const dataKey = randomBytes(KEY_BYTES);
    const { blob, params } = provider.wrap(dataKey);
    // Prove the wrap round-trips before committing to it: a keychain that encrypts but cannot
    // decrypt would otherwise lock the user out of everything they store next.
    const check = provider.unwrap(blob, params);
    const same = check.equals(dataKey);
    check.fill(0);
    if (!same) {
      dataKey.fill(0);
      throw new AppError('VAULT_PROVIDER', `The ${provider.id} key provider did not give back the key it wrapped.`, 'Choose another way to protect the vault.');
    }
    const { salt, rest } = splitParams(params);
    this.db
      .prepare('INSERT INTO vault_meta (id, provider, wrapped_key, salt, kdf_params, created_at) VALUES (1, ?, ?, ?, ?, ?)')
      .run(provider.id, blob, salt, rest, nowIso());
    this.dataKey = dataKey;
    return this.changed();
  }

  /**
   * Passphrase vaults need the passphrase; an env-key vault takes its 64-hex key here; a
   * safe-storage vault ignores the argument and asks the keychain again.
   */
  unlock(passphrase?: string): VaultStatus {
    const meta = this.meta();
    if (!meta) throw uninitialized();
    if (this.dataKey) return this.status();
    const provider = this.providerForUnlock(meta.provider, passphrase);
    const key = provider.unwrap(meta.wrapped_key, joinParams(meta));
    if (key.length !== KEY_BYTES) {
      key.fill(0);
      throw new AppError('VAULT_PROVIDER', 'The unwrapped vault key has the wrong size.', 'Restore a backup of opsdeck.db.');
    }
    this.dataKey = key;
    return this.changed();
  }

  /** Zeroes the data key; secrets cannot be read or written until the next unlock. */
  lock(): VaultStatus {
    if (!this.dataKey) return this.status();
    this.dataKey.fill(0);
    this.dataKey = null;
    return this.changed();
  }

  /**
   * What a host does at start: unlock with whatever needs no human (env key, keychain), and
   * create an env-key vault when a key is given and none exists (automation, tests).
   * Never throws: a vault that cannot open stays locked and the UI asks.
   */
  autoUnlock(): { ok: true } | { ok: false; error: AppError } {
    try {
      const meta = this.meta();
      if (!meta) {
        if (this.opts.envKey) this.setup({ provider: 'env-key' });
      } else if (meta.provider === 'env-key' && this.opts.envKey) {
        this.unlock(this.opts.envKey);
      } else if (meta.provider === 'safe-storage' && safeStorageAvailable(this.opts.safeStorage)) {
        this.unlock();
      }
      return { ok: true };
    } catch (err) {
      if (err instanceof AppError) return { ok: false, error: err };
      return { ok: false, error: new AppError('VAULT_PROVIDER', String((err as Error)?.message ?? err)) };
    }
  }

  // ---------- SecretStore ----------

  set(ref: SecretRef, value: string): void {
    const key = this.requireKey();
    const plain = Buffer.from(value, 'utf8');
    const sealed = seal(key, plain, aadOf(ref));
    plain.fill(0);
    this.db
      .prepare(
        `INSERT INTO secrets (owner_type, owner_id, field, nonce, ciphertext, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (owner_type, owner_id, field) DO UPDATE SET nonce = excluded.nonce, ciphertext = excluded.ciphertext, updated_at = excluded.updated_at`,
      )
      .run(ref.ownerType, ref.ownerId, ref.field, sealed.nonce, sealed.ciphertext, nowIso());
  }

  // Deleting needs no key: removing ciphertext reveals nothing.
  delete(ref: SecretRef): void {
    this.db.prepare('DELETE FROM secrets WHERE owner_type = ? AND owner_id = ? AND field = ?').run(ref.ownerType, ref.ownerId, ref.field);
  }

  deleteOwner(ownerType: SecretRef['ownerType'], ownerId: string): void {
    this.db.prepare('DELETE FROM secrets WHERE owner_type = ? AND owner_id = ?').run(ownerType, ownerId);
  }

  state(ref: SecretRef): SecretState {
    const row = this.db
      .prepare('SELECT updated_at FROM secrets WHERE owner_type = ? AND owner_id = ? AND field = ?')
      .get(ref.ownerType, ref.ownerId, ref.field) as { updated_at: string } | undefined;
    return { isSet: !!row, updatedAt: row?.updated_at ?? null };
  }

  reveal(ref: SecretRef): string | null {
    const key = this.requireKey();
    const row = this.db
      .prepare('SELECT nonce, ciphertext FROM secrets WHERE owner_type = ? AND owner_id = ? AND field = ?')
      .get(ref.ownerType, ref.ownerId, ref.field) as SecretRow | undefined;
    if (!row) return null;
    try {
      return open(key, row, aadOf(ref)).toString('utf8');
    } catch {
      throw new AppError(
        'INTERNAL',
        `The stored ${ref.field} of ${ref.ownerType} ${ref.ownerId} could not be decrypted; it was altered or damaged.`,
        'Set this secret again.',
        { ownerType: ref.ownerType, ownerId: ref.ownerId, field: ref.field },
      );
    }
  }

  /** Every stored secret's place (no values), for checks such as the self-check job. */
  listRefs(): SecretRef[] {
    const rows = this.db
      .prepare('SELECT owner_type, owner_id, field FROM secrets ORDER BY owner_type, owner_id, field')
      .all() as { owner_type: SecretRef['ownerType']; owner_id: string; field: string }[];
    return rows.map((r) => ({ ownerType: r.owner_type, ownerId: r.owner_id, field: r.field }));
  }

  // ---------- internals ----------

  private meta(): MetaRow | undefined {
    return this.db.prepare('SELECT provider, wrapped_key, salt, kdf_params FROM vault_meta WHERE id = 1').get() as MetaRow | undefined;
  }

  private requireKey(): Buffer {
    if (this.dataKey) return this.dataKey;
    if (!this.meta()) throw uninitialized();
    throw new AppError('VAULT_LOCKED', 'The vault is locked.', 'Unlock Opsdeck with your passphrase first.');
  }

  private changed(): VaultStatus {
    const status = this.status();
    this.bus.emit('vault.changed', status);
    return status;
  }

  private availableProviders(): KeyProviderId[] {
    const out: KeyProviderId[] = [];
    const safe = safeStorageAvailable(this.opts.safeStorage);
    const weak = weakBackend(this.opts.safeStorage, this.platform) !== null;
    if (safe && !weak) out.push('safe-storage');
    out.push('passphrase');
    // A plain-text keyring is offered last and only with the explicit opt-in.
    if (safe && weak) out.push('safe-storage');
    if (this.opts.envKey) out.push('env-key');
    return out;
  }

  private providerForSetup(input: VaultSetup): KeyProvider {
    switch (input.provider) {
      case 'passphrase':
        if (!input.passphrase || input.passphrase.length < 10) {
          throw new AppError('VALIDATION', 'Choose a passphrase of at least 10 characters.', 'A few unrelated words are easy to remember and hard to guess.');
        }
        return passphraseProvider(input.passphrase, this.opts.scryptCost ?? SCRYPT_DEFAULTS);
      case 'env-key':
        if (!this.opts.envKey) {
          throw new AppError('VAULT_PROVIDER', 'No OPSDECK_VAULT_KEY was given to this Opsdeck.', 'Set OPSDECK_VAULT_KEY (64 hex characters) and restart, or choose a passphrase.');
        }
        return envKeyProvider(this.opts.envKey);
      case 'safe-storage': {
        const safe = this.opts.safeStorage;
        if (!safeStorageAvailable(safe)) {
          throw new AppError('VAULT_PROVIDER', 'The system keychain is not available here.', 'Choose a passphrase instead.');
        }
        const weak = weakBackend(safe, this.platform);
        if (weak && !input.allowWeakBackend) {
          throw new AppError(
            'VAULT_PROVIDER',
            `No system keyring was found (backend "${weak}"), so the vault key would be stored in effectively plain text.`,
            'Install and unlock a keyring (GNOME Keyring or KWallet) and restart, choose a passphrase, or allow the weak backend explicitly.',
          );
        }
        return safeStorageProvider(safe);
      }
    }
  }

  private providerForUnlock(id: KeyProviderId, secret: string | undefined): KeyProvider {
    switch (id) {
      case 'passphrase':
        if (!secret) throw new AppError('VAULT_BAD_PASSPHRASE', 'Enter the vault passphrase.', 'Check Caps Lock and try again.');
        return passphraseProvider(secret);
      case 'env-key': {
        const hex = secret ?? this.opts.envKey;
        if (!hex) throw new AppError('VAULT_PROVIDER', 'This vault opens with OPSDECK_VAULT_KEY, which was not given.', 'Restart Opsdeck with OPSDECK_VAULT_KEY set, or enter the 64-hex key.');
        return envKeyProvider(hex);
      }
      case 'safe-storage':
        if (!safeStorageAvailable(this.opts.safeStorage)) {
          throw new AppError('VAULT_PROVIDER', 'This vault is protected by the system keychain, which is not available here.', 'Open it in the desktop app on the computer and user account that created it.');
        }
        return safeStorageProvider(this.opts.safeStorage);
    }
  }
}

function uninitialized(): AppError {
  return new AppError('VAULT_UNINITIALIZED', 'The vault is not set up yet.', 'Choose how to protect your secrets first.');
}

/** vault_meta keeps the salt in its own column and the rest of the parameters as JSON. */
function splitParams(params: KeyParams | undefined): { salt: Buffer | null; rest: string | null } {
  if (!params) return { salt: null, rest: null };
  const { salt, ...rest } = params;
  return { salt: typeof salt === 'string' ? Buffer.from(salt, 'hex') : null, rest: JSON.stringify(rest) };
}

function joinParams(meta: MetaRow): KeyParams | undefined {
  if (!meta.kdf_params && !meta.salt) return undefined;
  const rest = meta.kdf_params ? (JSON.parse(meta.kdf_params) as KeyParams) : {};
  return meta.salt ? { ...rest, salt: meta.salt.toString('hex') } : rest;
}
