import type { Readable } from 'node:stream';
import type { Client, ClientChannel } from 'ssh2';
import { AppError } from '../../../contract/errors';
import { channelError, closedError, outputTooLarge, timeoutError, type ErrorTarget } from './ssh-errors';
import type { RemoteCommand } from './remote-command';

export interface ExecOptions {
  /** Default 30 s; the channel is killed when it passes. */
  timeoutMs?: number;
  /** stdout + stderr together; default 10 MiB. Past it the channel is closed: OUTPUT_TOO_LARGE. */
  maxOutputBytes?: number;
  signal?: AbortSignal;
  stdin?: string | Buffer;
}

export interface ExecResult {
  /** null when the command died of a signal or the server sent no status. */
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  /** The raw bytes, for binary output (printf '%s\0', checksums of files…). */
  stdoutBytes: Buffer;
  durationMs: number;
}

export interface ExecStreamOptions {
  /** No timeout by default for streams (a log follow runs until closed). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface ExecStream {
  stdout: Readable;
  stderr: Readable;
  /** Resolves with the exit status; rejects with SSH_CLOSED / SSH_TIMEOUT / CANCELLED. */
  done: Promise<{ code: number | null; signal: string | null }>;
  close(): void;
}

export const DEFAULT_EXEC_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_OUTPUT_BYTES = 10 * 1024 * 1024;

/**
 * Opens the channel and calls `attach` synchronously inside ssh2's callback: open confirmation,
 * output, exit status and close can arrive in one TCP read and are emitted in the same tick, so
 * listeners attached one microtask later would miss the exit status.
 */
async function openExec(client: Client, command: RemoteCommand, t: ErrorTarget, attach: (ch: ClientChannel) => void): Promise<ClientChannel> {
  return retryChannelOpen(() => openExecOnce(client, command, t, attach));
}

/**
 * sshd frees a session a moment after both sides sent CHANNEL_CLOSE, so a slot we reuse at once
 * can still count against MaxSessions there: a refused open is retried with backoff for up to ~4 s (a busy server can take that long).
 */
export async function retryChannelOpen<T>(open: () => Promise<T>, delays = [20, 50, 100, 250, 500, 1000, 2000]): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await open();
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'SSH_CHANNEL' || i >= delays.length) throw err;
      await new Promise((r) => setTimeout(r, delays[i]));
    }
  }
}

function openExecOnce(client: Client, command: RemoteCommand, t: ErrorTarget, attach: (ch: ClientChannel) => void): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    try {
      client.exec(command.line, (err, ch) => {
        if (!err) {
          attach(ch);
          return resolve(ch);
        }
        reject(/no response from server|not connected/i.test(err.message) ? closedError(t, command.redacted) : channelError(t, err.message));
      });
    } catch (err) {
      reject(closedError(t, command.redacted));
      void err;
    }
  });
}

/** Stops a remote command: a KILL signal (OpenSSH ≥ 7.9 honours it), then the channel closes. */
function kill(ch: ClientChannel): void {
  try {
    // ssh2's ch.signal() is silently skipped once stdin was closed (we always close it), so
    // the request goes out directly while the channel is still open on the server.
    const c = ch as unknown as { type?: string; outgoing?: { id: number; state: string }; _client?: { _protocol?: { signal(id: number, name: string): void } } };
    if (c.type === 'session' && c.outgoing && (c.outgoing.state === 'open' || c.outgoing.state === 'eof')) c._client?._protocol?.signal(c.outgoing.id, 'KILL');
    else ch.signal('KILL');
  } catch {
    /* the channel may be gone already */
  }
  try {
    ch.close();
  } catch {
    /* idem */
  }
}

/** Runs one command on an open channel, enforcing timeout, output cap and cancellation. */
export async function runExec(client: Client, command: RemoteCommand, opts: ExecOptions, t: ErrorTarget): Promise<ExecResult> {
  if (opts.signal?.aborted) throw new AppError('CANCELLED', 'The remote command was cancelled.');
  const started = Date.now();
  const timeoutMs = opts.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS;
  const max = opts.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  let settle!: { resolve: (r: ExecResult) => void; reject: (e: unknown) => void };
  const result = new Promise<ExecResult>((resolve, reject) => (settle = { resolve, reject }));
  const attach = (ch: ClientChannel) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let bytes = 0;
    let code: number | null = null;
    let sig: string | null = null;
    let exited = false;
    let failure: AppError | null = null;
    // Answer at once: sshd may not deliver the KILL (forced commands, no privilege separation,
    // old servers), and then the channel only closes when the remote process ends.
    const stop = (e: AppError) => {
      if (failure) return;
      failure = e;
      kill(ch);
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      settle.reject(e);
    };
    const timer = setTimeout(() => stop(timeoutError(t, timeoutMs, false, command.redacted)), timeoutMs);
    const onAbort = () => stop(new AppError('CANCELLED', 'The remote command was cancelled.'));
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const take = (into: Buffer[]) => (d: Buffer) => {
      if (failure) return;
      bytes += d.length;
      if (bytes > max) return stop(outputTooLarge(t, max, command.redacted));
      into.push(d);
    };
    ch.on('data', take(out));
    ch.stderr.on('data', take(err));
    ch.on('exit', (c: number | null, s?: string) => {
      exited = true;
      code = typeof c === 'number' ? c : null;
      sig = s ?? null;
    });
    ch.on('close', () => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (failure) return;
      if (!exited) return settle.reject(closedError(t, command.redacted));
      const stdoutBytes = Buffer.concat(out);
      settle.resolve({ code, signal: sig, stdout: stdoutBytes.toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), stdoutBytes, durationMs: Date.now() - started });
    });
    if (opts.stdin !== undefined) ch.end(opts.stdin);
    else ch.end();
  };
  await openExec(client, command, t, attach);
  return result;
}

/** Like runExec, but hands the streams to the caller (no output cap: the caller consumes). */
export async function streamExec(client: Client, command: RemoteCommand, opts: ExecStreamOptions, t: ErrorTarget): Promise<ExecStream> {
  if (opts.signal?.aborted) throw new AppError('CANCELLED', 'The remote command was cancelled.');
  let failure: AppError | null = null;
  let stop!: (e: AppError) => void;
  let settle!: { resolve: (r: { code: number | null; signal: string | null }) => void; reject: (e: unknown) => void };
  const done = new Promise<{ code: number | null; signal: string | null }>((resolve, reject) => (settle = { resolve, reject }));
  const attach = (ch: ClientChannel) => {
    stop = (e: AppError) => {
      if (failure) return;
      failure = e;
      kill(ch);
      if (timer) clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      settle.reject(e);
    };
    let exited = false;
    let code: number | null = null;
    let sig: string | null = null;
    const timer = opts.timeoutMs ? setTimeout(() => stop(timeoutError(t, opts.timeoutMs, false, command.redacted)), opts.timeoutMs) : null;
    const onAbort = () => stop(new AppError('CANCELLED', 'The remote command was cancelled.'));
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    ch.on('exit', (c: number | null, s?: string) => {
      exited = true;
      code = typeof c === 'number' ? c : null;
      sig = s ?? null;
    });
    ch.on('close', () => {
      if (timer) clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (failure) return;
      if (!exited) return settle.reject(closedError(t, command.redacted));
      settle.resolve({ code, signal: sig });
    });
    ch.end();
  };
  const ch = await openExec(client, command, t, attach);
  return { stdout: ch, stderr: ch.stderr, done, close: () => stop(new AppError('CANCELLED', 'The remote command was closed.')) };
}
