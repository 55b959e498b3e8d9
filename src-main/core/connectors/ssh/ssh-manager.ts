import type { Duplex } from 'node:stream';
import type { Client, ClientChannel, SFTPWrapper } from 'ssh2';
import type { HostKeyInfo, ScanKeyOutput, TestConnectionOutput } from '../../../contract';
import { AppError } from '../../../contract/errors';
import type { AuditRecorder, SecretStore } from '../../ports';
import { redactSecrets } from '../../secrets/redact';
import { ChannelQueue } from './channel-queue';
import { retryChannelOpen, runExec, streamExec, type ExecOptions, type ExecResult, type ExecStream, type ExecStreamOptions } from './ssh-exec';
import { resolveAuth, type SshHostRecord, type SshInventory } from './ssh-auth';
import { connectClient, scanHostKey, type Connected } from './ssh-connect';
import { channelError, closedError, type ErrorTarget } from './ssh-errors';
import { asJumpError, type HostKeyStore, type KeyTarget } from './host-key-store';
import * as trust from './host-key-trust';
import { cmd, isRemoteCommand, type RemoteCommand } from './remote-command';
import { SftpSession } from './sftp-ops';
import { READY_TIMEOUT_MS } from './ssh-algorithms';

export interface SshLogger {
  info(msg: string, data?: unknown): void;
  warn(msg: string, data?: unknown): void;
}

export interface SshManagerOptions {
  keys: HostKeyStore;
  inventory: SshInventory;
  secrets: SecretStore;
  audit: AuditRecorder;
  log?: SshLogger;
  /** Agent socket for 'agent' hosts; default SSH_AUTH_SOCK ('pageant' on Windows). */
  agent?: string;
  readyTimeoutMs?: number;
  /** Concurrent session channels per connection (OpenSSH allows 10). */
  maxChannels?: number;
  /** Reconnect attempts after a connection that worked drops (backoff 250 ms × 2ⁿ, ≤ 4 s, jittered). */
  reconnectAttempts?: number;
  /** To drop the connection of a host that was deleted (edits are noticed on next use). */
  bus?: { on(name: 'inventory.changed', l: (p: { entity: string; id: string | null }) => void): () => void };
}

interface Conn {
  hostId: string;
  /** What the connection was made with; a change (address, user, secrets) means a new one. */
  signature: string;
  client: Client | null;
  connecting: Promise<Client> | null;
  /** A connection that worked dropped: the next use retries with backoff. */
  dropped: boolean;
  queue: ChannelQueue;
  closed: boolean;
  /** The handshake of the live connection (key, server version, algorithms). */
  info: Connected | null;
}

const MAX_JUMP_DEPTH = 4;
const RETRYABLE = new Set(['SSH_UNREACHABLE', 'SSH_TIMEOUT', 'SSH_CLOSED']);
const fromJump = new WeakSet<AppError>();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One SSH connection per host, shared by exec, SFTP, terminals and forwarding; at most 8 session
 * channels at once on it; keepalive 15 s × 3; reconnect with backoff after a drop; strict
 * host-key checking (trust on first use, changed keys refused) on every path including the jump
 * host. Nothing here takes a free-form command: `exec` wants a RemoteCommand from
 * remote-command.ts.
 */
export class SshManager {
  private readonly conns = new Map<string, Conn>();
  private closed = false;

  private readonly unsubscribe: (() => void) | undefined;

  constructor(private readonly opts: SshManagerOptions) {
    this.unsubscribe = opts.bus?.on('inventory.changed', () => {
      for (const id of [...this.conns.keys()]) if (!opts.inventory.host(id)) this.drop(id);
    });
  }

  // ---------- host keys ----------

  knownKey(hostId: string): HostKeyInfo | null {
    this.host(hostId);
    return this.opts.keys.info(hostId);
  }

  /** Connects far enough to see the key; never authenticates. */
  scanKey(hostId: string): Promise<ScanKeyOutput> {
    return trust.scanKey(this.trustDeps, hostId);
  }

  /** Trusts the key the server presents now, if it is the one the user saw; audited. */
  trustKey(hostId: string, fingerprint: string): Promise<HostKeyInfo> {
    return trust.trustKey(this.trustDeps, hostId, fingerprint);
  }

  /** Trusts a key from the user's known_hosts without connecting; audited. */
  importKnownKey(hostId: string, publicKeyLine: string): HostKeyInfo {
    return trust.importKnownKey(this.trustDeps, hostId, publicKeyLine);
  }

  forgetKey(hostId: string): void {
    trust.forgetKey(this.trustDeps, hostId);
  }

  private get trustDeps(): trust.KeyTrustDeps {
    return {
      keys: this.opts.keys,
      audit: this.opts.audit,
      host: (id) => this.host(id),
      drop: (id) => this.drop(id),
      scan: async (host) => {
        const sock = host.jumpHostId ? await this.jumpStream(host, [host.id]) : undefined;
        return scanHostKey({ target: this.keyTarget(host), via: 'direct', keys: this.opts.keys, sock, readyTimeoutMs: this.readyTimeout });
      },
    };
  }

  // ---------- connections ----------

  /** Connects (or reuses the connection) and times one round trip. */
  async testConnection(hostId: string): Promise<TestConnectionOutput> {
    await this.client(hostId);
    const started = Date.now();
    await this.exec(hostId, cmd('true'), { timeoutMs: 15_000, maxOutputBytes: 1024 });
    const latencyMs = Date.now() - started;
    const info = this.conns.get(hostId)?.info;
    if (!info) throw closedError(this.errTarget(hostId));
    return { fingerprint: info.key.fingerprint, algorithm: info.key.algorithm, serverVersion: info.serverVersion, latencyMs };
  }

  /** The shared ssh2 Client of a host, connected and authenticated. */
  async client(hostId: string): Promise<Client> {
    return this.clientFor(hostId, []);
  }

  /** Runs one built command with a timeout and an output cap (see ssh-exec.ts). */
  async exec(hostId: string, command: RemoteCommand, options: ExecOptions = {}): Promise<ExecResult> {
    if (!isRemoteCommand(command)) throw new AppError('INTERNAL', 'exec takes a command built by remote-command.ts.');
    const conn = await this.ensure(hostId);
    const release = await conn.queue.acquire(options.signal);
    try {
      const client = await this.clientFor(hostId, []);
      return await runExec(client, command, options, this.errTarget(hostId));
    } finally {
      release();
    }
  }

  /** Long output (log follow): data as it comes, same timeout/abort rules, slot held until done. */
  async execStream(hostId: string, command: RemoteCommand, options: ExecStreamOptions = {}): Promise<ExecStream> {
    if (!isRemoteCommand(command)) throw new AppError('INTERNAL', 'execStream takes a command built by remote-command.ts.');
    const conn = await this.ensure(hostId);
    const release = await conn.queue.acquire(options.signal);
    try {
      const client = await this.clientFor(hostId, []);
      const s = await streamExec(client, command, options, this.errTarget(hostId));
      s.done.finally(release).catch(() => undefined);
      return s;
    } catch (err) {
      release();
      throw err;
    }
  }

  /**
   * Records a remote change in the audit log with the redacted command: callers that change a
   * remote system (restart, deploy, restore) run through this.
   */
  async execAudited(hostId: string, action: string, command: RemoteCommand, options: ExecOptions = {}): Promise<ExecResult> {
    const host = this.host(hostId);
    try {
      const r = await this.exec(hostId, command, options);
      this.opts.audit.record({ action, targetKind: 'host', targetId: hostId, targetName: host.name, command: command.redacted, result: r.code === 0 ? 'ok' : 'error', details: `exit ${r.code ?? r.signal}` });
      return r;
    } catch (err) {
      const e = err as AppError;
      this.opts.audit.record({ action, targetKind: 'host', targetId: hostId, targetName: host.name, command: command.redacted, result: e.code === 'CANCELLED' ? 'cancelled' : 'error', details: e.code ?? 'error' });
      throw err;
    }
  }

  /** An SFTP session (one channel slot) for `use`; closed afterwards. */
  async sftp<T>(hostId: string, use: (s: SftpSession) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const conn = await this.ensure(hostId);
    const release = await conn.queue.acquire(signal);
    let wrapper: SFTPWrapper | null = null;
    try {
      const client = await this.clientFor(hostId, []);
      const t = this.errTarget(hostId);
      wrapper = await retryChannelOpen(() => new Promise<SFTPWrapper>((resolve, reject) => client.sftp((err, s) => (err ? reject(this.channelFailure(hostId, err)) : resolve(s)))));
      return await use(new SftpSession(wrapper, t, (c, o) => runExec(client, c, o ?? {}, t)));
    } finally {
      wrapper?.end();
      release();
    }
  }

  /** An interactive shell for the terminal; its slot is freed when the channel closes. */
  async openShell(hostId: string, size: { cols: number; rows: number; term?: string }): Promise<ClientChannel> {
    const conn = await this.ensure(hostId);
    const release = await conn.queue.acquire();
    try {
      const client = await this.clientFor(hostId, []);
      const ch = await retryChannelOpen(() => new Promise<ClientChannel>((resolve, reject) =>
        client.shell({ cols: size.cols, rows: size.rows, term: size.term ?? 'xterm-256color' }, (err, c) => (err ? reject(this.channelFailure(hostId, err)) : resolve(c))),
      ));
      ch.once('close', release);
      return ch;
    } catch (err) {
      release();
      throw err;
    }
  }

  /** A stream to a Unix socket on the host (Docker over SSH). Not a session: no slot. */
  async forwardStreamLocal(hostId: string, socketPath: string): Promise<ClientChannel> {
    const client = await this.clientFor(hostId, []);
    return new Promise((resolve, reject) =>
      client.openssh_forwardOutStreamLocal(socketPath, (err, ch) => (err ? reject(this.channelFailure(hostId, err)) : resolve(ch))),
    );
  }

  /** A TCP stream to host:port as seen from the host (tunnels, jump hops). Not a session: no slot. */
  async forwardTcp(hostId: string, host: string, port: number): Promise<ClientChannel> {
    const client = await this.clientFor(hostId, []);
    return new Promise((resolve, reject) =>
      client.forwardOut('127.0.0.1', 0, host, port, (err, ch) => (err ? reject(this.channelFailure(hostId, err)) : resolve(ch))),
    );
  }

  /** The algorithms the live connection negotiated, or null (diagnostics, tests). */
  negotiated(hostId: string): unknown {
    const conn = this.conns.get(hostId);
    return conn?.client ? (conn.info?.negotiated ?? null) : null;
  }

  /** Whether a live connection exists (for the UI's status dot and tests). */
  isConnected(hostId: string): boolean {
    return !!this.conns.get(hostId)?.client;
  }

  /** Closes one host's connection (after an edit, a re-trust, or on request). */
  drop(hostId: string): void {
    const conn = this.conns.get(hostId);
    if (!conn) return;
    this.conns.delete(hostId);
    conn.closed = true;
    conn.queue.rejectAll(closedError(this.errTarget(hostId)));
    conn.client?.end();
    conn.client = null;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe?.();
    for (const id of [...this.conns.keys()]) this.drop(id);
  }

  // ---------- internals ----------

  private get readyTimeout(): number {
    return this.opts.readyTimeoutMs ?? READY_TIMEOUT_MS;
  }

  private host(hostId: string): SshHostRecord {
    const h = this.opts.inventory.host(hostId);
    if (!h) throw new AppError('NOT_FOUND', 'This host no longer exists.', 'Reload the inventory.', { hostId });
    return h;
  }

  private keyTarget(h: SshHostRecord): KeyTarget & { username: string } {
    return { hostId: h.id, name: h.name, address: h.address, port: h.port, username: h.username };
  }

  private errTarget(hostId: string): ErrorTarget {
    const h = this.opts.inventory.host(hostId);
    return h ? { name: h.name, address: h.address, port: h.port, username: h.username } : { name: hostId, address: '?', port: 0 };
  }

  private channelFailure(hostId: string, err: Error): AppError {
    const conn = this.conns.get(hostId);
    if (!conn?.client) return closedError(this.errTarget(hostId));
    return /no response|not connected/i.test(err.message) ? closedError(this.errTarget(hostId)) : channelError(this.errTarget(hostId), err.message);
  }

  private signature(h: SshHostRecord): string {
    const s = (ownerType: 'host' | 'credential', ownerId: string | null, field: string) =>
      ownerId ? (this.opts.secrets.state({ ownerType, ownerId, field }).updatedAt ?? '-') : '-';
    return JSON.stringify([
      h.address, h.port, h.username, h.authMethod, h.credentialId, h.jumpHostId,
      s('host', h.id, 'password'), s('host', h.id, 'privateKey'), s('host', h.id, 'passphrase'),
      s('credential', h.credentialId, 'value'), s('credential', h.credentialId, 'passphrase'),
    ]);
  }

  private async ensure(hostId: string): Promise<Conn> {
    await this.clientFor(hostId, []);
    const conn = this.conns.get(hostId);
    if (!conn) throw closedError(this.errTarget(hostId));
    return conn;
  }

  private async clientFor(hostId: string, chain: string[]): Promise<Client> {
    if (this.closed) throw new AppError('SSH_CLOSED', 'Opsdeck is shutting down.');
    const host = this.host(hostId);
    const signature = this.signature(host);
    let conn = this.conns.get(hostId);
    if (conn && conn.signature !== signature) {
      this.drop(hostId);
      conn = undefined;
    }
    if (!conn) {
      conn = { hostId, signature, client: null, connecting: null, dropped: false, queue: new ChannelQueue(this.opts.maxChannels ?? 8), closed: false, info: null };
      this.conns.set(hostId, conn);
    }
    if (conn.client) return conn.client;
    if (conn.connecting) return conn.connecting;
    const c = conn;
    const p = this.connectWithRetry(c, host, chain).finally(() => {
      if (c.connecting === p) c.connecting = null;
    });
    c.connecting = p;
    return p;
  }

  private async connectWithRetry(conn: Conn, host: SshHostRecord, chain: string[]): Promise<Client> {
    const attempts = conn.dropped ? (this.opts.reconnectAttempts ?? 6) : 1;
    let lastErr: unknown;
    for (let i = 0; i < attempts; i++) {
      if (i > 0) {
        const base = Math.min(4000, 250 * 2 ** (i - 1));
        await sleep(base / 2 + Math.random() * (base / 2));
      }
      if (conn.closed) throw closedError(this.errTarget(conn.hostId));
      try {
        return await this.connectOnce(conn, host, chain);
      } catch (err) {
        lastErr = err;
        // The jump host's connection retried on its own already; retrying here would multiply it.
        if (!(err instanceof AppError) || !RETRYABLE.has(err.code) || fromJump.has(err)) throw err;
        this.opts.log?.warn(`SSH reconnect to ${host.name} failed (attempt ${i + 1}/${attempts}): ${err.code}`);
      }
    }
    throw lastErr;
  }

  private async connectOnce(conn: Conn, host: SshHostRecord, chain: string[]): Promise<Client> {
    const auth = resolveAuth(host, { inventory: this.opts.inventory, secrets: this.opts.secrets, agent: this.opts.agent }, this.errTarget(host.id));
    let sock: Duplex | undefined;
    if (host.jumpHostId) {
      try {
        sock = await this.jumpStream(host, [...chain, host.id]);
      } catch (err) {
        if (err instanceof AppError) fromJump.add(err);
        throw err;
      }
    }
    const connected = await connectClient({ target: this.keyTarget(host), via: chain.length ? 'jump' : 'direct', keys: this.opts.keys, auth, sock, readyTimeoutMs: this.readyTimeout });
    const { client } = connected;
    if (conn.closed) {
      client.end();
      throw closedError(this.errTarget(host.id));
    }
    conn.info = connected;
    conn.client = client;
    conn.dropped = false;
    client.on('error', (err) => this.opts.log?.warn(`SSH connection to ${host.name} failed: ${redactSecrets(err.message)}`));
    client.on('close', () => {
      if (conn.client !== client) return;
      conn.client = null;
      conn.dropped = true;
      this.opts.log?.info(`SSH connection to ${host.name} closed`);
      // Dropped while in use (commands, SFTP, a terminal): reconnect now, with backoff, so the
      // next action finds it ready. The cut channels themselves fail with SSH_CLOSED.
      if (conn.queue.inUse > 0 && !conn.closed && !this.closed) {
        this.clientFor(host.id, chain).catch((err: unknown) =>
          this.opts.log?.warn(`SSH reconnect to ${host.name} gave up: ${redactSecrets(String((err as Error)?.message ?? err))}`),
        );
      }
    });
    this.opts.log?.info(`SSH connected to ${host.name}`, { handshakeMs: connected.handshakeMs, fingerprint: connected.key.fingerprint });
    return client;
  }

  /** A TCP stream to the host through its jump host, whose own key is checked first. */
  private async jumpStream(host: SshHostRecord, chain: string[]): Promise<Duplex> {
    const jumpId = host.jumpHostId!;
    if (chain.includes(jumpId) || chain.length > MAX_JUMP_DEPTH) {
      throw new AppError('VALIDATION', `The jump hosts of ${host.name} form a loop or are nested too deep.`, `Check the jump host in Hosts → ${host.name}.`);
    }
    let jump: Client;
    try {
      jump = await this.clientFor(jumpId, chain);
    } catch (err) {
      throw asJumpError(err, this.keyTarget(this.host(jumpId)));
    }
    return new Promise((resolve, reject) =>
      jump.forwardOut('127.0.0.1', 0, host.address, host.port, (err, ch) =>
        err ? reject(channelError({ ...this.errTarget(jumpId), via: 'jump' }, `forwarding to ${host.address}:${host.port} failed: ${err.message}`)) : resolve(ch),
      ),
    );
  }
}
