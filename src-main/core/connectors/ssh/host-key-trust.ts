import type { HostKeyInfo, ScanKeyOutput } from '../../../contract';
import { AppError } from '../../../contract/errors';
import type { AuditRecorder } from '../../ports';
import type { SshHostRecord } from './ssh-auth';
import type { Scanned } from './ssh-connect';
import { parsePublicKeyLine, type HostKeyStore } from './host-key-store';

/**
 * The user's decisions about host keys: trust what the server presents (only if it is the key
 * they saw), import a key from their known_hosts, forget one. Each is explicit and audited, and
 * drops the host's connection so the next use checks the key again.
 */
export interface KeyTrustDeps {
  keys: HostKeyStore;
  audit: AuditRecorder;
  host(id: string): SshHostRecord;
  /** Handshake up to the host key (through the jump host when there is one); never logs in. */
  scan(host: SshHostRecord): Promise<Scanned>;
  drop(id: string): void;
}

const target = (h: SshHostRecord) => ({ hostId: h.id, name: h.name, address: h.address, port: h.port });

export async function scanKey(d: KeyTrustDeps, hostId: string): Promise<ScanKeyOutput> {
  const { key, check } = await d.scan(d.host(hostId));
  return {
    algorithm: key.algorithm,
    fingerprint: key.fingerprint,
    state: check.state,
    expectedFingerprint: check.state === 'changed' ? check.expected.fingerprint : null,
  };
}

export async function trustKey(d: KeyTrustDeps, hostId: string, fingerprint: string): Promise<HostKeyInfo> {
  const host = d.host(hostId);
  const { key, check } = await d.scan(host);
  if (key.fingerprint !== fingerprint) {
    throw new AppError(
      'HOST_KEY_CHANGED',
      `${host.name} now presents ${key.fingerprint}, not the ${fingerprint} you confirmed; nothing was trusted.`,
      'The key changed between showing it and trusting it. Check the server again before trusting.',
      { hostId, fingerprint: key.fingerprint, expectedFingerprint: fingerprint },
    );
  }
  const before = d.keys.get(hostId);
  const info = d.keys.trust(target(host), key, 'confirmed');
  d.audit.record({
    action: before ? 'host.key.retrust' : 'host.key.trust',
    targetKind: 'host',
    targetId: hostId,
    targetName: host.name,
    details:
      before && before.fingerprint !== key.fingerprint
        ? `${key.algorithm} ${key.fingerprint} replaces ${before.algorithm} ${before.fingerprint} (${check.state})`
        : `${key.algorithm} ${key.fingerprint}`,
  });
  d.drop(hostId);
  return info;
}

export function importKnownKey(d: KeyTrustDeps, hostId: string, publicKeyLine: string): HostKeyInfo {
  const host = d.host(hostId);
  const key = parsePublicKeyLine(publicKeyLine);
  const before = d.keys.get(hostId);
  const info = d.keys.trust(target(host), key, 'known_hosts');
  d.audit.record({
    action: 'host.key.import',
    targetKind: 'host',
    targetId: hostId,
    targetName: host.name,
    details: `${key.algorithm} ${key.fingerprint} from known_hosts${before ? `, replaces ${before.fingerprint}` : ''}`,
  });
  d.drop(hostId);
  return info;
}

export function forgetKey(d: KeyTrustDeps, hostId: string): void {
  const host = d.host(hostId);
  const before = d.keys.get(hostId);
  if (!before || !d.keys.forget(hostId)) return;
  d.audit.record({ action: 'host.key.forget', targetKind: 'host', targetId: hostId, targetName: host.name, details: `${before.algorithm} ${before.fingerprint}` });
  d.drop(hostId);
}
