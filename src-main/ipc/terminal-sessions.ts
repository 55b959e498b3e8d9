import { randomBytes } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import { AppError, isAppError, type ErrorShape, type TerminalStreamOpen } from '../contract';
import type { CallContext } from './types';

/** The part of an ssh2 ClientChannel a terminal session uses. */
export interface ShellChannel {
  write(data: string): boolean;
  setWindow(rows: number, cols: number, height: number, width: number): void;
  pause(): unknown;
  resume(): unknown;
  close(): unknown;
  on(event: 'data', l: (chunk: Buffer) => void): unknown;
  on(event: 'exit', l: (code: number | null, signal?: string) => void): unknown;
  on(event: 'close', l: () => void): unknown;
  on(event: 'error', l: (err: Error) => void): unknown;
  stderr?: { on(event: 'data', l: (chunk: Buffer) => void): unknown };
}

/** What terminal sessions need from the SSH core: a shell with a PTY on one host. */
export interface ShellOpener {
  openShell(hostId: string, size: { cols: number; rows: number }): Promise<ShellChannel>;
}

export interface TerminalSessionOptions {
  /** Batch window for output (VS Code buffers terminal data for ~5–16 ms). */
  batchMs?: number;
  /** Unacknowledged bytes after which the SSH channel is paused (Tabby: 500 KB). */
  highWaterBytes?: number;
  /** Unacknowledged bytes under which a paused channel resumes. */
  lowWaterBytes?: number;
  /** Largest single batch; more output is sent in the next batch right away. */
  maxBatchBytes?: number;
}

interface Session {
  id: string;
  ctx: CallContext;
  channel: ShellChannel;
  decoder: StringDecoder;
  pending: string;
  pendingBytes: number;
  timer: NodeJS.Timeout | null;
  seq: number;
  /** Batches sent and not yet acknowledged, oldest first. */
  inFlight: { seq: number; bytes: number }[];
  inFlightBytes: number;
  paused: boolean;
  exitCode: number | null;
  exited: boolean;
  closed: boolean;
}

/**
 * Terminal stream sessions: one interactive SSH shell each. Output is batched every ~16 ms into
 * `terminal.data` events for the connection that opened it; each batch is acknowledged by the UI
 * once written to the screen, and past ~500 KB unacknowledged the SSH channel is paused, so a
 * runaway `cat` fills the TCP window on the server instead of Opsdeck's memory. Output is never
 * logged, only forwarded.
 */
export function createTerminalSessions(opener: ShellOpener, opts: TerminalSessionOptions = {}) {
  const BATCH_MS = opts.batchMs ?? 16;
  const HIGH = opts.highWaterBytes ?? 500 * 1024;
  const LOW = opts.lowWaterBytes ?? 128 * 1024;
  const MAX_BATCH = opts.maxBatchBytes ?? 256 * 1024;
  const sessions = new Map<string, Session>();

  const backlog = (s: Session) => s.inFlightBytes + s.pendingBytes;

  function flush(s: Session): void {
    if (s.timer) clearTimeout(s.timer);
    s.timer = null;
    // Bytes of a character split across chunks stay pending until the rest arrives.
    if (s.pending === '') return;
    const data = s.pending;
    const bytes = s.pendingBytes;
    s.pending = '';
    s.pendingBytes = 0;
    if (s.closed) return;
    s.seq += 1;
    s.inFlight.push({ seq: s.seq, bytes });
    s.inFlightBytes += bytes;
    s.ctx.send('terminal.data', { streamId: s.id, seq: s.seq, data });
  }

  function onOutput(s: Session, chunk: Buffer): void {
    if (s.closed) return;
    s.pending += s.decoder.write(chunk);
    s.pendingBytes += chunk.length;
    if (!s.paused && backlog(s) > HIGH) {
      s.paused = true;
      s.channel.pause();
    }
    if (s.pendingBytes >= MAX_BATCH) flush(s);
    else if (!s.timer) s.timer = setTimeout(() => flush(s), BATCH_MS);
  }

  function finish(s: Session, error?: ErrorShape): void {
    if (s.closed) return;
    s.pending += s.decoder.end();
    flush(s);
    s.closed = true;
    sessions.delete(s.id);
    const payload: { streamId: string; code: number | null; error?: ErrorShape } = { streamId: s.id, code: s.exitCode };
    if (error) payload.error = error;
    s.ctx.send('terminal.exit', payload);
  }

  /** Ends a session from our side (UI closed the tab, connection gone): no exit event. */
  function close(id: string): void {
    const s = sessions.get(id);
    if (!s) return;
    s.closed = true;
    sessions.delete(id);
    if (s.timer) clearTimeout(s.timer);
    try {
      s.channel.close();
    } catch {
      // the channel is already gone with its connection
    }
  }

  function owned(streamId: string, ctx: CallContext): Session {
    const s = sessions.get(streamId);
    if (!s || s.ctx.connectionId !== ctx.connectionId) {
      throw new AppError('NOT_FOUND', 'This terminal has ended.', 'Open a new terminal on the host.');
    }
    return s;
  }

  return {
    owns: (streamId: string) => sessions.has(streamId),

    async open(input: TerminalStreamOpen, ctx: CallContext): Promise<{ streamId: string }> {
      let channel: ShellChannel;
      try {
        channel = await opener.openShell(input.hostId, { cols: input.cols, rows: input.rows });
      } catch (err) {
        throw terminalOpenError(err);
      }
      const s: Session = {
        id: `trm_${randomBytes(9).toString('base64url').replace(/[-_]/g, 'x')}`,
        ctx,
        channel,
        decoder: new StringDecoder('utf8'),
        pending: '',
        pendingBytes: 0,
        timer: null,
        seq: 0,
        inFlight: [],
        inFlightBytes: 0,
        paused: false,
        exitCode: null,
        exited: false,
        closed: false,
      };
      sessions.set(s.id, s);
      channel.on('data', (chunk) => onOutput(s, chunk));
      channel.stderr?.on('data', (chunk) => onOutput(s, chunk));
      channel.on('exit', (code) => {
        s.exited = true;
        s.exitCode = typeof code === 'number' ? code : null;
      });
      channel.on('error', () => {
        // 'close' follows; the exit event says what happened
      });
      channel.on('close', () => {
        if (s.exited) return finish(s);
        finish(s, {
          code: 'SSH_CLOSED',
          message: 'The connection to the host closed before the shell ended.',
          hint: 'Check that the host is up and sshd is running, then open a new terminal.',
        });
      });
      return { streamId: s.id };
    },

    ack(streamId: string, seq: number, ctx: CallContext): void {
      const s = sessions.get(streamId);
      if (!s || s.ctx.connectionId !== ctx.connectionId) return;
      while (s.inFlight.length && s.inFlight[0]!.seq <= seq) s.inFlightBytes -= s.inFlight.shift()!.bytes;
      if (s.paused && backlog(s) < LOW) {
        s.paused = false;
        s.channel.resume();
      }
    },

    input(streamId: string, data: string, ctx: CallContext): void {
      owned(streamId, ctx).channel.write(data);
    },

    resize(streamId: string, cols: number, rows: number, ctx: CallContext): void {
      owned(streamId, ctx).channel.setWindow(rows, cols, 0, 0);
    },

    close(streamId: string, ctx: CallContext): void {
      const s = sessions.get(streamId);
      if (s && s.ctx.connectionId === ctx.connectionId) close(streamId);
    },

    /** Ends every terminal of a UI connection that went away. */
    closeConnection(connectionId: string): void {
      for (const s of [...sessions.values()]) if (s.ctx.connectionId === connectionId) close(s.id);
    },

    dispose(): void {
      for (const id of [...sessions.keys()]) close(id);
    },

    /** For tests and diagnostics: the backpressure state of one session. */
    stats(streamId: string): { inFlightBytes: number; paused: boolean; batches: number } | null {
      const s = sessions.get(streamId);
      return s ? { inFlightBytes: s.inFlightBytes, paused: s.paused, batches: s.seq } : null;
    },
  };
}
export type TerminalSessions = ReturnType<typeof createTerminalSessions>;

/** Errors from opening a shell pass through as they are; anything else becomes SSH_CHANNEL. */
export function terminalOpenError(err: unknown): AppError {
  if (isAppError(err)) return err;
  return new AppError('SSH_CHANNEL', 'The host refused to open a terminal.', 'Try again; if it persists, check the sshd log on the host.');
}
