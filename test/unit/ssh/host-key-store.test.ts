import { createHash, generateKeyPairSync } from 'node:crypto';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { HostKeyStore, fingerprintOf, hostKeyChangedError, parsePublicKeyLine, presentedKey } from '../../../src-main/core/connectors/ssh/host-key-store';
import { migrations } from '../../../src-main/core/store/migrations';

function sshEd25519Blob(): Buffer {
  const { publicKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const name = Buffer.from('ssh-ed25519');
  const len = (b: Buffer) => {
    const l = Buffer.alloc(4);
    l.writeUInt32BE(b.length);
    return l;
  };
  return Buffer.concat([len(name), name, len(raw), raw]);
}

let db: Database.Database;
let store: HostKeyStore;
const hostA = { hostId: 'hst_a', name: 'web-1', address: '203.0.113.5', port: 22 };
const hostB = { hostId: 'hst_b', name: 'web-1 (again)', address: '203.0.113.5', port: 22 };

beforeEach(() => {
  db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  for (const m of migrations) m.up(db);
  db.exec(`INSERT INTO projects VALUES ('prj_a','p','', 't','t'); INSERT INTO environments VALUES ('env_a','prj_a','e','production','t','t');`);
  for (const h of [hostA, hostB]) {
    db.prepare(`INSERT INTO hosts (id, environment_id, name, address, port, username, auth_method, provider, created_at, updated_at) VALUES (?, 'env_a', ?, ?, ?, 'root', 'key', 'vps', 't', 't')`).run(h.hostId, h.name, h.address, h.port);
  }
  store = new HostKeyStore(db);
});

describe('fingerprints', () => {
  it('are SHA256 base64 without padding, like ssh-keygen -lf', () => {
    const blob = sshEd25519Blob();
    expect(fingerprintOf(blob)).toBe('SHA256:' + createHash('sha256').update(blob).digest('base64').replace(/=+$/, ''));
    expect(fingerprintOf(blob)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(presentedKey(blob).algorithm).toBe('ssh-ed25519');
  });
  it('parses a known_hosts key part and refuses a mismatched algorithm', () => {
    const blob = sshEd25519Blob();
    expect(parsePublicKeyLine(`ssh-ed25519 ${blob.toString('base64')}`).fingerprint).toBe(fingerprintOf(blob));
    expect(() => parsePublicKeyLine(`ssh-rsa ${blob.toString('base64')}`)).toThrow(/not a valid SSH public key/);
  });
});

describe('HostKeyStore: trust on first use', () => {
  it('unknown → trusted → a different key is "changed"', () => {
    const k1 = presentedKey(sshEd25519Blob());
    const k2 = presentedKey(sshEd25519Blob());
    expect(store.check(hostA, k1)).toEqual({ state: 'unknown' });
    store.trust(hostA, k1);
    expect(store.check(hostA, k1)).toEqual({ state: 'trusted', relocated: false });
    const c = store.check(hostA, k2);
    if (c.state !== 'changed') throw new Error(`expected changed, got ${c.state}`);
    const err = hostKeyChangedError(hostA, k2, c.expected, 'direct');
    expect(err.code).toBe('HOST_KEY_CHANGED');
    expect(err.message).toBe(`Host key changed for web-1 (203.0.113.5:22): expected ${k1.fingerprint}, got ${k2.fingerprint}. Nothing was sent to it.`);
    expect(err.hint).toBe("Verify the server's key (e.g. on the provider's console with ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub), then re-trust it in Hosts → web-1.");
  });

  it('another inventory entry for the same address:port shares the decision, both ways', () => {
    const k1 = presentedKey(sshEd25519Blob());
    store.trust(hostA, k1);
    expect(store.check(hostB, k1).state).toBe('trusted');
    expect(store.check(hostB, presentedKey(sshEd25519Blob())).state).toBe('changed');
  });

  it('a host whose address changed: same key accepted (and the row moves), a different key is unknown, never trusted', () => {
    const k1 = presentedKey(sshEd25519Blob());
    store.trust(hostA, k1);
    const moved = { ...hostA, address: '198.51.100.7', port: 2222 };
    expect(store.check(moved, k1)).toEqual({ state: 'trusted', relocated: true });
    const other = store.check(moved, presentedKey(sshEd25519Blob()));
    expect(other).toEqual({ state: 'unknown', previousAddress: '203.0.113.5:22' });
    store.relocate(moved);
    expect(store.get('hst_a')).toMatchObject({ host: '198.51.100.7', port: 2222 });
  });

  it('forget, and deleting the host forgets its key', () => {
    const k1 = presentedKey(sshEd25519Blob());
    store.trust(hostA, k1);
    expect(store.forget('hst_a')).toBe(true);
    expect(store.info('hst_a')).toBeNull();
    store.trust(hostB, k1, 'known_hosts');
    expect(store.info('hst_b')?.source).toBe('known_hosts');
    db.prepare("DELETE FROM hosts WHERE id = 'hst_b'").run();
    expect(store.info('hst_b')).toBeNull();
  });
});
