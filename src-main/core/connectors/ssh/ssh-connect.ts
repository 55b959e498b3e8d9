import type { Duplex } from 'node:stream';
import { Client, type ConnectConfig } from 'ssh2';
import { AppError } from '../../../contract/errors';
import { authHandler, type ResolvedAuth } from './ssh-auth';
import { KEEPALIVE_COUNT_MAX, KEEPALIVE_INTERVAL_MS, READY_TIMEOUT_MS, SSH_ALGORITHMS } from './ssh-algorithms';
import { mapSshError, type ErrorTarget } from './ssh-errors';
import { hostKeyChangedError, hostKeyUnknownError, presentedKey, type HostKeyStore, type KeyCheck, type KeyTarget, type PresentedKey } from './host-key-store';

export interface ConnectParams {
  target: KeyTarget & { username: string };
  via: 'direct' | 'jump';
  keys: HostKeyStore;
  /** Resolved just before connecting; null = scan only (verify the key, never authenticate). */
  auth: ResolvedAuth | null;
  /** A stream through the jump host, when there is one. */
  sock?: Duplex;
  readyTimeoutMs?: number;
}

export interface Connected {
  client: Client;
  key: PresentedKey;
  serverVersion: string;
  handshakeMs: number;
  /** What the handshake settled on (kex, host key, ciphers, MACs), for tests and diagnostics. */
  negotiated: unknown;
}

export interface Scanned {
  key: PresentedKey;
  check: KeyCheck;
}

/**
 * One SSH connection, or a refusal. The host key is checked inside hostVerifier, which ssh2
 * calls during key exchange — before the userauth service is even requested — so an unknown or
 * changed key ends the connection with nothing sent: no user name, no password, no key
 * signature, no command.
 */
export function connectClient(p: ConnectParams): Promise<Connected> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const client = new Client();
    const tried: string[] = [];
    let key: PresentedKey | null = null;
    let verdict: KeyCheck | null = null;
    let settled = false;
    let negotiated: unknown = null;
    client.once('handshake', (n) => (negotiated = n));
    const errTarget: ErrorTarget = { name: p.target.name, address: p.target.address, port: p.target.port, username: p.target.username, via: p.via };

    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      client.removeListener('ready', onReady);
      client.end();
      if (p.sock) p.sock.destroy();
      if (key && verdict && verdict.state === 'unknown') return reject(hostKeyUnknownError(p.target, key, p.via, verdict.previousAddress));
      if (key && verdict && verdict.state === 'changed') return reject(hostKeyChangedError(p.target, key, verdict.expected, p.via));
      reject(mapSshError(err, errTarget, { phase: 'connect', authTried: tried, timeoutMs: p.readyTimeoutMs ?? READY_TIMEOUT_MS }));
    };
    const onReady = () => {
      if (settled) return;
      settled = true;
      if (verdict?.state === 'trusted' && verdict.relocated) p.keys.relocate(p.target);
      const version = (client as unknown as { _remoteVer?: string })._remoteVer ?? '';
      resolve({ client, key: key!, serverVersion: version, handshakeMs: Date.now() - started, negotiated });
    };
    client.on('ready', onReady);
    client.on('error', fail);
    client.on('close', () => fail(new Error('Connection lost before the login completed (socket closed)')));

    const config: ConnectConfig = {
      host: p.target.address,
      port: p.target.port,
      username: p.target.username,
      readyTimeout: p.readyTimeoutMs ?? READY_TIMEOUT_MS,
      keepaliveInterval: KEEPALIVE_INTERVAL_MS,
      keepaliveCountMax: KEEPALIVE_COUNT_MAX,
      algorithms: SSH_ALGORITHMS,
      hostVerifier: (raw: Buffer) => {
        key = presentedKey(raw);
        verdict = p.keys.check(p.target, key);
        return verdict.state === 'trusted';
      },
      authHandler: p.auth ? authHandler(p.auth, tried) : () => false,
      ...(p.sock ? { sock: p.sock } : {}),
    };
    try {
      client.connect(config);
    } catch (err) {
      fail(err);
    }
  });
}

/**
 * What the server presents, and whether we trust it: a handshake up to the host key, then the
 * connection is dropped. Used to show the fingerprint before trusting and to trust exactly the
 * key the user confirmed.
 */
export function scanHostKey(p: Omit<ConnectParams, 'auth'>): Promise<Scanned> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    let done = false;
    const errTarget: ErrorTarget = { name: p.target.name, address: p.target.address, port: p.target.port, via: p.via };
    const finish = (v: Scanned | AppError) => {
      if (done) return;
      done = true;
      client.end();
      if (p.sock) p.sock.destroy();
      if (v instanceof AppError) reject(v);
      else resolve(v);
    };
    let scanned: Scanned | null = null;
    client.on('error', (err) => finish(scanned ?? mapSshError(err, errTarget, { phase: 'connect', timeoutMs: p.readyTimeoutMs ?? READY_TIMEOUT_MS })));
    client.on('close', () => finish(scanned ?? mapSshError(new Error('socket closed'), errTarget)));
    client.on('ready', () => finish(scanned ?? new AppError('INTERNAL', 'The key scan logged in, which it must never do.')));
    try {
      client.connect({
        host: p.target.address,
        port: p.target.port,
        username: 'opsdeck-key-scan',
        readyTimeout: p.readyTimeoutMs ?? READY_TIMEOUT_MS,
        algorithms: SSH_ALGORITHMS,
        hostVerifier: (raw: Buffer) => {
          const key = presentedKey(raw);
          scanned = { key, check: p.keys.check(p.target, key) };
          // Always refuse: a scan never authenticates.
          setImmediate(() => finish(scanned!));
          return false;
        },
        authHandler: () => false,
        ...(p.sock ? { sock: p.sock } : {}),
      });
    } catch (err) {
      finish(mapSshError(err, errTarget));
    }
  });
}
