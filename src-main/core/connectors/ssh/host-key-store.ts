import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { HostKeyInfo, HostKeyProblem } from '../../../contract';
import { AppError } from '../../../contract/errors';
import { nowIso } from '../../store/ids';

/** A host key as the server presented it (the SSH wire blob) or as known_hosts holds it. */
export interface PresentedKey {
  algorithm: string;
  /** 'SHA256:' + base64 without padding, exactly as `ssh-keygen -lf` prints it. */
  fingerprint: string;
  publicKey: Buffer;
}

/** The host we are checking the key of, as the inventory names it. */
export interface KeyTarget {
  hostId: string;
  name: string;
  address: string;
  port: number;
}

export type KeyCheck =
  | { state: 'trusted'; relocated: boolean }
  | { state: 'unknown'; previousAddress?: string }
  | { state: 'changed'; expected: StoredKey };

interface Row {
  host_id: string;
  host: string;
  port: number;
  algorithm: string;
  fingerprint: string;
  public_key: Buffer;
  source: 'confirmed' | 'known_hosts';
  trusted_at: string;
}
export type StoredKey = Row;

export function fingerprintOf(publicKey: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(publicKey).digest('base64').replace(/=+$/, '');
}

/** Reads the algorithm name at the start of an SSH public key blob (string length + name). */
export function presentedKey(publicKey: Buffer): PresentedKey {
  let algorithm = 'unknown';
  if (publicKey.length >= 4) {
    const len = publicKey.readUInt32BE(0);
    if (len > 0 && len < 64 && 4 + len <= publicKey.length) algorithm = publicKey.subarray(4, 4 + len).toString('latin1');
  }
  return { algorithm, fingerprint: fingerprintOf(publicKey), publicKey: Buffer.from(publicKey) };
}

/** "ssh-ed25519 AAAA…" (a known_hosts or .pub line's key part) → PresentedKey. */
export function parsePublicKeyLine(text: string): PresentedKey {
  const [algorithm, b64] = text.trim().split(/\s+/);
  const blob = Buffer.from(b64 ?? '', 'base64');
  const key = presentedKey(blob);
  if (!algorithm || blob.length < 8 || key.algorithm !== algorithm) {
    throw new AppError('VALIDATION', 'This is not a valid SSH public key.', 'Paste the key part of a known_hosts line: "<algorithm> <base64>".');
  }
  return key;
}

const sameAddress = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const addr = (host: string, port: number) => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);

/**
 * Trust on first use, and refusal of changed keys. The SSH connection asks `check` inside
 * ssh2's hostVerifier, i.e. before any authentication: only a 'trusted' answer lets the
 * connection continue. Trusting is always an explicit call of the user (or an import of their
 * own known_hosts), audited by the caller.
 */
export class HostKeyStore {
  private readonly q;

  constructor(private readonly db: Database.Database) {
    this.q = {
      get: db.prepare<[string], Row>('SELECT * FROM host_keys WHERE host_id = ?'),
      atAddress: db.prepare<[string, number], Row>('SELECT * FROM host_keys WHERE host = ? COLLATE NOCASE AND port = ?'),
      upsert: db.prepare(
        `INSERT INTO host_keys (host_id, host, port, algorithm, fingerprint, public_key, source, trusted_at)
         VALUES (@host_id, @host, @port, @algorithm, @fingerprint, @public_key, @source, @trusted_at)
         ON CONFLICT (host_id) DO UPDATE SET host = excluded.host, port = excluded.port, algorithm = excluded.algorithm,
           fingerprint = excluded.fingerprint, public_key = excluded.public_key, source = excluded.source, trusted_at = excluded.trusted_at`,
      ),
      relocate: db.prepare<[string, number, string]>('UPDATE host_keys SET host = ?, port = ? WHERE host_id = ?'),
      remove: db.prepare<[string]>('DELETE FROM host_keys WHERE host_id = ?'),
    };
  }

  get(hostId: string): StoredKey | null {
    return this.q.get.get(hostId) ?? null;
  }

  info(hostId: string): HostKeyInfo | null {
    const r = this.get(hostId);
    return r && toInfo(r);
  }

  /**
   * The host's own trusted key decides when it has one at this address; a key trusted for this
   * host at an older address is accepted only if it is the very same key; otherwise keys other
   * hosts trusted at this address:port decide (one server, two inventory entries).
   */
  check(target: KeyTarget, key: PresentedKey): KeyCheck {
    const own = this.get(target.hostId);
    if (own && sameAddress(own.host, target.address) && own.port === target.port) {
      return own.public_key.equals(key.publicKey) ? { state: 'trusted', relocated: false } : { state: 'changed', expected: own };
    }
    if (own && own.public_key.equals(key.publicKey)) return { state: 'trusted', relocated: true };
    const others = this.q.atAddress.all(target.address, target.port).filter((r) => r.host_id !== target.hostId);
    if (others.some((r) => r.public_key.equals(key.publicKey))) return { state: 'trusted', relocated: false };
    if (others.length > 0) return { state: 'changed', expected: others[0]! };
    return own ? { state: 'unknown', previousAddress: addr(own.host, own.port) } : { state: 'unknown' };
  }

  /** Remembers that the host moved; its key stayed the same. */
  relocate(target: KeyTarget): void {
    this.q.relocate.run(target.address, target.port, target.hostId);
  }

  trust(target: KeyTarget, key: PresentedKey, source: 'confirmed' | 'known_hosts' = 'confirmed'): HostKeyInfo {
    const row: Row = {
      host_id: target.hostId,
      host: target.address,
      port: target.port,
      algorithm: key.algorithm,
      fingerprint: key.fingerprint,
      public_key: key.publicKey,
      source,
      trusted_at: nowIso(),
    };
    this.q.upsert.run(row);
    return toInfo(row);
  }

  forget(hostId: string): boolean {
    return this.q.remove.run(hostId).changes > 0;
  }
}

function toInfo(r: Row): HostKeyInfo {
  return { hostId: r.host_id, address: r.host, port: r.port, algorithm: r.algorithm, fingerprint: r.fingerprint, trustedAt: r.trusted_at, source: r.source };
}

export function hostKeyUnknownError(target: KeyTarget, key: PresentedKey, via: 'direct' | 'jump', previousAddress?: string): AppError {
  const details: HostKeyProblem = {
    hostId: target.hostId,
    hostName: target.name,
    host: target.address,
    port: target.port,
    algorithm: key.algorithm,
    fingerprint: key.fingerprint,
    via,
    ...(previousAddress ? { previousAddress } : {}),
  };
  const moved = previousAddress ? ` Its address changed from ${previousAddress}, and the key there is not the one you trusted before.` : '';
  return new AppError(
    'HOST_KEY_UNKNOWN',
    `${via === 'jump' ? 'Jump host ' : ''}${target.name} (${addr(target.address, target.port)}) presents a ${key.algorithm} key Opsdeck has not seen: ${key.fingerprint}.${moved}`,
    `Compare it with the server's own fingerprint (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub on the provider's console), then trust it in Hosts → ${target.name}.`,
    details,
  );
}

export function hostKeyChangedError(target: KeyTarget, key: PresentedKey, expected: StoredKey, via: 'direct' | 'jump'): AppError {
  const details: HostKeyProblem = {
    hostId: target.hostId,
    hostName: target.name,
    host: target.address,
    port: target.port,
    algorithm: key.algorithm,
    fingerprint: key.fingerprint,
    expectedAlgorithm: expected.algorithm,
    expectedFingerprint: expected.fingerprint,
    via,
  };
  const algo = expected.algorithm !== key.algorithm ? ` (${expected.algorithm} → ${key.algorithm})` : '';
  return new AppError(
    'HOST_KEY_CHANGED',
    `Host key changed for ${via === 'jump' ? 'jump host ' : ''}${target.name} (${addr(target.address, target.port)}): expected ${expected.fingerprint}, got ${key.fingerprint}${algo}. Nothing was sent to it.`,
    `Verify the server's key (e.g. on the provider's console with ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub), then re-trust it in Hosts → ${target.name}.`,
    details,
  );
}

/** Host-key errors of the jump host say so (the user asked for another host). */
export function asJumpError(err: unknown, jump: KeyTarget): unknown {
  if (!(err instanceof AppError)) return err;
  const d = err.details as Partial<HostKeyProblem> | undefined;
  if (!d || d.via === 'jump' || !d.fingerprint) return err;
  const key = { algorithm: d.algorithm ?? 'unknown', fingerprint: d.fingerprint, publicKey: Buffer.alloc(0) };
  if (err.code === 'HOST_KEY_UNKNOWN') return hostKeyUnknownError(jump, key, 'jump', d.previousAddress);
  if (err.code === 'HOST_KEY_CHANGED' && d.expectedFingerprint) {
    const expected = { algorithm: d.expectedAlgorithm ?? 'unknown', fingerprint: d.expectedFingerprint } as StoredKey;
    return hostKeyChangedError(jump, key, expected, 'jump');
  }
  return err;
}
