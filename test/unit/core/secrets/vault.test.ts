import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { VaultStatus } from '../../../../src-main/contract';
import { AppError } from '../../../../src-main/contract/errors';
import { EventBus } from '../../../../src-main/core/event-bus';
import type { SafeStorageLike } from '../../../../src-main/core/secrets/key-provider';
import { Vault, type VaultOptions } from '../../../../src-main/core/secrets/vault';
import { openStore } from '../../../../src-main/core/store/open-store';
import { tempDir } from '../helpers';

const PASS = 'correct horse battery staple';
const HOST = { ownerType: 'host', ownerId: 'hst_1', field: 'password' } as const;

function setup(extra: Partial<VaultOptions> = {}) {
  const dataDir = tempDir();
  const store = openStore({ dataDir });
  const bus = new EventBus();
  const events: VaultStatus[] = [];
  bus.on('vault.changed', (s) => events.push(s));
  const make = (more: Partial<VaultOptions> = {}) => new Vault({ db: store.db, bus, ...extra, ...more });
  return { store, bus, events, vault: make(), make, dataDir };
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? err.code : `not an AppError: ${String(err)}`;
  }
  return undefined;
}

/** A stand-in for Electron's safeStorage: reversible, with a chosen Linux backend. */
function fakeSafeStorage(backend = 'gnome_libsecret'): SafeStorageLike {
  const mask = randomBytes(1)[0]! | 1;
  return {
    isEncryptionAvailable: () => true,
    encryptString: (s) => Buffer.from([...Buffer.from(s)].map((b) => b ^ mask)),
    decryptString: (b) => Buffer.from([...b].map((x) => x ^ mask)).toString(),
    getSelectedStorageBackend: () => backend,
  };
}

describe('Vault with a passphrase', () => {
  it('sets up, stores, locks, refuses while locked, unlocks and reads back', () => {
    const { vault, events, store } = setup();
    expect(vault.status()).toMatchObject({ state: 'uninitialized', provider: null, availableProviders: ['passphrase'], weakBackend: null });
    expect(codeOf(() => vault.set(HOST, 'x'))).toBe('VAULT_UNINITIALIZED');

    expect(vault.setup({ provider: 'passphrase', passphrase: PASS }).state).toBe('unlocked');
    const meta = store.db.prepare('SELECT provider, salt, kdf_params FROM vault_meta').get() as { provider: string; salt: Buffer; kdf_params: string };
    expect(meta.provider).toBe('passphrase');
    expect(meta.salt.length).toBe(16);
    expect(JSON.parse(meta.kdf_params)).toEqual({ N: 32768, r: 8, p: 1 });

    vault.set(HOST, 's3cret-value');
    expect(vault.state(HOST)).toMatchObject({ isSet: true });
    expect(vault.reveal(HOST)).toBe('s3cret-value');

    const key = (vault as unknown as { dataKey: Buffer }).dataKey;
    expect(vault.lock().state).toBe('locked');
    expect(key.equals(Buffer.alloc(32))).toBe(true); // zeroed, not just dropped
    expect(vault.isUnlocked()).toBe(false);
    expect(codeOf(() => vault.reveal(HOST))).toBe('VAULT_LOCKED');
    expect(codeOf(() => vault.set(HOST, 'y'))).toBe('VAULT_LOCKED');
    expect(vault.state(HOST).isSet).toBe(true); // knowing *whether* needs no key

    expect(vault.unlock(PASS).state).toBe('unlocked');
    expect(vault.reveal(HOST)).toBe('s3cret-value');
    expect(events.map((e) => e.state)).toEqual(['unlocked', 'locked', 'unlocked']);
  });

  it('rejects a wrong passphrase with a helpful error', () => {
    const { vault } = setup();
    vault.setup({ provider: 'passphrase', passphrase: PASS });
    vault.lock();
    let err: AppError | undefined;
    try {
      vault.unlock('Correct horse battery staple');
    } catch (e) {
      err = e as AppError;
    }
    expect(err?.code).toBe('VAULT_BAD_PASSPHRASE');
    expect(err?.message).toBe('The passphrase is not correct.');
    expect(err?.hint).toBe('Check Caps Lock and try again.');
    expect(vault.isUnlocked()).toBe(false);
  });

  it('refuses a second setup and a short passphrase', () => {
    const { vault } = setup();
    expect(codeOf(() => vault.setup({ provider: 'passphrase', passphrase: 'short' }))).toBe('VALIDATION');
    vault.setup({ provider: 'passphrase', passphrase: PASS });
    expect(codeOf(() => vault.setup({ provider: 'passphrase', passphrase: PASS }))).toBe('CONFLICT');
  });

  it('detects a tampered ciphertext, nonce, or a row moved to another field (AAD)', () => {
    const { vault, store } = setup();
    vault.setup({ provider: 'passphrase', passphrase: PASS });
    vault.set(HOST, 'alpha');
    vault.set({ ...HOST, field: 'passphrase' }, 'beta');

    const row = store.db.prepare("SELECT nonce, ciphertext FROM secrets WHERE field = 'password'").get() as { nonce: Buffer; ciphertext: Buffer };
    const flipped = Buffer.from(row.ciphertext);
    flipped[0]! ^= 0x01;
    store.db.prepare("UPDATE secrets SET ciphertext = ? WHERE field = 'password'").run(flipped);
    expect(codeOf(() => vault.reveal(HOST))).toBe('INTERNAL');

    const tag = Buffer.from(row.ciphertext);
    tag[tag.length - 1]! ^= 0x80;
    store.db.prepare("UPDATE secrets SET ciphertext = ? WHERE field = 'password'").run(tag);
    expect(codeOf(() => vault.reveal(HOST))).toBe('INTERNAL');

    // Copy the intact 'passphrase' row's bytes into the 'password' row: the AAD no longer matches.
    store.db.exec(
      "UPDATE secrets SET nonce = (SELECT nonce FROM secrets WHERE field = 'passphrase'), ciphertext = (SELECT ciphertext FROM secrets WHERE field = 'passphrase') WHERE field = 'password'",
    );
    expect(codeOf(() => vault.reveal(HOST))).toBe('INTERNAL');
    expect(vault.reveal({ ...HOST, field: 'passphrase' })).toBe('beta');
  });

  it('uses a fresh nonce on every write', () => {
    const { vault, store } = setup();
    vault.setup({ provider: 'passphrase', passphrase: PASS });
    vault.set(HOST, 'same');
    const a = store.db.prepare('SELECT nonce, ciphertext FROM secrets').get() as { nonce: Buffer; ciphertext: Buffer };
    vault.set(HOST, 'same');
    const b = store.db.prepare('SELECT nonce, ciphertext FROM secrets').get() as { nonce: Buffer; ciphertext: Buffer };
    expect(a.nonce.length).toBe(12);
    expect(a.nonce.equals(b.nonce)).toBe(false);
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
  });

  it('never writes plaintext, the passphrase or the data key to the database files', () => {
    const { vault, store } = setup();
    vault.setup({ provider: 'passphrase', passphrase: PASS });
    const dataKey = Buffer.from((vault as unknown as { dataKey: Buffer }).dataKey);
    const secret = 'PLAINTEXT-MARKER-7f3a9c-do-not-store';
    for (let i = 0; i < 20; i++) vault.set({ ...HOST, ownerId: `hst_${i}` }, secret);
    const files = [store.path, `${store.path}-wal`].filter((f) => fs.existsSync(f));
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    files.push(store.path);
    for (const f of files) {
      const bytes = fs.readFileSync(f);
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
      expect(bytes.includes(Buffer.from(secret, 'utf16le'))).toBe(false);
      expect(bytes.includes(Buffer.from(PASS))).toBe(false);
      expect(bytes.includes(dataKey)).toBe(false);
    }
  });

  it('deletes one field or all of an owner without needing the key', () => {
    const { vault } = setup();
    vault.setup({ provider: 'passphrase', passphrase: PASS });
    vault.set(HOST, 'a');
    vault.set({ ...HOST, field: 'privateKey' }, 'b');
    vault.set({ ...HOST, ownerId: 'hst_2' }, 'c');
    vault.lock();
    vault.delete(HOST);
    expect(vault.state(HOST)).toEqual({ isSet: false, updatedAt: null });
    vault.deleteOwner('host', 'hst_1');
    expect(vault.listRefs()).toEqual([{ ownerType: 'host', ownerId: 'hst_2', field: 'password' }]);
  });
});

describe('Vault with an explicit env key', () => {
  const hex = randomBytes(32).toString('hex');

  it('sets itself up when the key is given and unlocks on the next start', () => {
    const { vault, make, events } = setup({ envKey: hex });
    expect(vault.autoUnlock()).toEqual({ ok: true });
    expect(vault.status()).toMatchObject({ state: 'unlocked', provider: 'env-key' });
    vault.set(HOST, 'v');
    expect(events).toHaveLength(1);

    const restarted = make();
    expect(restarted.isUnlocked()).toBe(false);
    restarted.autoUnlock();
    expect(restarted.reveal(HOST)).toBe('v');
  });

  it('stays locked with a wrong key, and without one', () => {
    const { vault, make } = setup({ envKey: hex });
    vault.autoUnlock();
    const wrong = make({ envKey: randomBytes(32).toString('hex') });
    const res = wrong.autoUnlock();
    expect(res.ok).toBe(false);
    expect(!res.ok && res.error.code).toBe('VAULT_PROVIDER');
    expect(wrong.status().state).toBe('locked');
    const none = make({ envKey: undefined });
    none.autoUnlock();
    expect(none.status().state).toBe('locked');
    // The key can also be typed into unlock.
    expect(none.unlock(hex).state).toBe('unlocked');
  });

  it('rejects a key that is not 64 hex characters', () => {
    const { vault } = setup({ envKey: 'abc' });
    const res = vault.autoUnlock();
    expect(!res.ok && res.error.code).toBe('VAULT_PROVIDER');
    expect(!res.ok && res.error.message).toMatch(/64 hexadecimal/);
    expect(vault.status().state).toBe('uninitialized');
  });
});

describe('Vault with safeStorage', () => {
  it('sets up with the keychain and unlocks automatically on the next start', () => {
    const safe = fakeSafeStorage();
    const { vault, make, store } = setup({ safeStorage: safe, platform: 'linux' });
    expect(vault.status().availableProviders).toEqual(['safe-storage', 'passphrase']);
    vault.setup({ provider: 'safe-storage' });
    vault.set(HOST, 'kc');
    expect((store.db.prepare('SELECT provider FROM vault_meta').get() as { provider: string }).provider).toBe('safe-storage');
    const next = make();
    next.autoUnlock();
    expect(next.reveal(HOST)).toBe('kc');
  });

  it('refuses the Linux basic_text backend unless allowed, and says which backend', () => {
    const { vault } = setup({ safeStorage: fakeSafeStorage('basic_text'), platform: 'linux' });
    const status = vault.status();
    expect(status.weakBackend).toBe('basic_text');
    expect(status.availableProviders).toEqual(['passphrase', 'safe-storage']);
    let err: AppError | undefined;
    try {
      vault.setup({ provider: 'safe-storage' });
    } catch (e) {
      err = e as AppError;
    }
    expect(err?.code).toBe('VAULT_PROVIDER');
    expect(err?.message).toContain('basic_text');
    expect(vault.status().state).toBe('uninitialized');
    expect(vault.setup({ provider: 'safe-storage', allowWeakBackend: true }).state).toBe('unlocked');
  });

  it('does not call basic_text weak on other platforms, and is absent when unavailable', () => {
    expect(setup({ safeStorage: fakeSafeStorage('basic_text'), platform: 'darwin' }).vault.status().weakBackend).toBeNull();
    const off = { ...fakeSafeStorage(), isEncryptionAvailable: () => false };
    const { vault } = setup({ safeStorage: off, platform: 'linux' });
    expect(vault.status().availableProviders).toEqual(['passphrase']);
    expect(codeOf(() => vault.setup({ provider: 'safe-storage' }))).toBe('VAULT_PROVIDER');
  });

  it('stays locked when the keychain is gone (serve host on a safe-storage vault)', () => {
    const { vault, make } = setup({ safeStorage: fakeSafeStorage(), platform: 'linux' });
    vault.setup({ provider: 'safe-storage' });
    const serve = make({ safeStorage: undefined });
    serve.autoUnlock();
    expect(serve.status().state).toBe('locked');
    expect(codeOf(() => serve.unlock('anything'))).toBe('VAULT_PROVIDER');
  });
});
