import type { LogLevel, LogSourceState } from '../../../contract/logs';
import type { RemoteCommand } from '../../connectors/ssh/remote-command';
import type { ExecOptions, ExecResult, ExecStream, ExecStreamOptions } from '../../connectors/ssh/ssh-exec';

/** One line as a source delivers it, before the stream parses and numbers it. */
export interface SourceLine {
  text: string;
  truncatedBytes: number;
  /** Epoch ms the source itself gave (Docker, PM2 prefix), else null. */
  ts: number | null;
  /** Epoch ms when the core received it. */
  at: number;
  /** The level the source itself gave (journald's priority); else the parser's guess. */
  level?: LogLevel | null;
}

/** Where a follower delivers: history once, then live lines, and its state changes. */
export interface SourceSink {
  /** The last `tail` lines of history, once, before any live line (maybe empty). */
  initial(lines: SourceLine[]): void;
  lines(lines: SourceLine[]): void;
  status(state: LogSourceState, message: string | null): void;
}

/** A running follower; `stop` ends its remote command and timers. */
export interface Follower {
  stop(): void;
}

/** What followers need from the SSH core. */
export interface FollowSsh {
  exec(hostId: string, command: RemoteCommand, options?: ExecOptions): Promise<ExecResult>;
  execStream(hostId: string, command: RemoteCommand, options?: ExecStreamOptions): Promise<ExecStream>;
}

export const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/** Delays between reconnect attempts: quick first, then every second. */
export const RECONNECT_DELAYS = [0, 250, 500, 1000];
