import { randomBytes } from 'node:crypto';
import { AppError, type JobLogLine, type StreamOpenInput } from '../contract';
import type { EventBus } from '../core/event-bus';
import type { TerminalSessions } from './terminal-sessions';
import type { LogSessions } from './log-sessions';
import type { CallContext, Handlers } from './types';

/** What the hub needs from the jobs module. */
export interface JobLogSource {
  exists(jobId: string): boolean;
  isFinished(jobId: string): boolean;
  logsAfter(jobId: string, afterSeq: number, limit: number): JobLogLine[];
}

interface Session {
  id: string;
  ctx: CallContext;
  jobId: string;
  lastSentSeq: number; // last job-log seq sent to the UI
  batchSeq: number; // batches sent
  ackedBatch: number;
  timer: NodeJS.Timeout | null;
  done: boolean;
}

const BATCH_MS = 30;
const BATCH_LINES = 500;
/** Unacknowledged batches before the hub pauses a stream (the UI is behind). */
const WINDOW = 8;

/**
 * Stream sessions: `open → id`, batches pushed as `stream.data` every ~30 ms, paused after
 * WINDOW unacknowledged batches and resumed on `ack`. Job logs are persisted, so a paused
 * stream resumes from the store and loses nothing; sources that cannot replay report the
 * lines they had to drop in `skipped`.
 */
/** A kind of stream that keeps its own sessions (terminals, logs): the hub routes to it by stream id. */
interface OwnSessions {
  owns(streamId: string): boolean;
  ack(streamId: string, seq: number, ctx: CallContext): void;
  close(streamId: string, ctx: CallContext): void;
  closeConnection(connectionId: string): void;
  dispose(): void;
}

export function createStreamHub(bus: EventBus, jobs: JobLogSource, terminals?: TerminalSessions, logs?: LogSessions) {
  const sessions = new Map<string, Session>();
  const others: OwnSessions[] = [terminals, logs].filter((k): k is TerminalSessions | LogSessions => !!k);
  const ownerOf = (streamId: string) => others.find((k) => k.owns(streamId));

  const schedule = (s: Session) => {
    if (s.timer || s.done) return;
    s.timer = setTimeout(() => flush(s), BATCH_MS);
  };

  function flush(s: Session): void {
    s.timer = null;
    if (s.done || s.batchSeq - s.ackedBatch >= WINDOW) return;
    const items = jobs.logsAfter(s.jobId, s.lastSentSeq, BATCH_LINES);
    const finished = jobs.isFinished(s.jobId);
    if (items.length === 0 && !finished) return;
    if (items.length > 0) s.lastSentSeq = items[items.length - 1]!.seq;
    const done = finished && items.length < BATCH_LINES;
    s.ctx.send('stream.data', { streamId: s.id, seq: ++s.batchSeq, items, skipped: 0, done });
    if (done) return close(s.id);
    if (items.length === BATCH_LINES) schedule(s);
  }

  const offLog = bus.on('job.log', ({ jobId }) => {
    for (const s of sessions.values()) if (s.jobId === jobId) schedule(s);
  });
  const offJob = bus.on('jobs.changed', (job) => {
    for (const s of sessions.values()) if (s.jobId === job.id) schedule(s);
  });

  function close(id: string): void {
    const s = sessions.get(id);
    if (!s) return;
    s.done = true;
    if (s.timer) clearTimeout(s.timer);
    sessions.delete(id);
  }

  const handlers: Pick<Handlers, 'streams.open' | 'streams.ack' | 'streams.close'> = {
    'streams.open': (input: StreamOpenInput, ctx) => {
      // Terminals are their own sessions (byte-counted backpressure on an SSH channel).
      if (input.kind === 'terminal') {
        if (!terminals) throw new AppError('NOT_FOUND', 'Terminals are not available here.', 'Open a terminal from a host in Opsdeck.');
        return terminals.open(input, ctx);
      }
      // Log streams: followers with a ring buffer and their own batches (ipc/log-sessions.ts).
      if (input.kind === 'logs') {
        if (!logs) throw new AppError('NOT_FOUND', 'Log streams are not available here.', 'Open logs from a host or service in Opsdeck.');
        return logs.open(input, ctx);
      }
      if (!jobs.exists(input.jobId)) {
        throw new AppError('NOT_FOUND', 'That job no longer exists.', 'Reload the job list.');
      }
      const s: Session = {
        id: `str_${randomBytes(9).toString('base64url').replace(/[-_]/g, 'x')}`,
        ctx,
        jobId: input.jobId,
        lastSentSeq: -1,
        batchSeq: 0,
        ackedBatch: 0,
        timer: null,
        done: false,
      };
      sessions.set(s.id, s);
      schedule(s);
      return { streamId: s.id };
    },
    'streams.ack': ({ streamId, seq }, ctx) => {
      const owner = ownerOf(streamId);
      if (owner) {
        owner.ack(streamId, seq, ctx);
        return { ok: true as const };
      }
      const s = sessions.get(streamId);
      if (s && s.ctx.connectionId === ctx.connectionId) {
        s.ackedBatch = Math.max(s.ackedBatch, Math.min(seq, s.batchSeq));
        schedule(s);
      }
      return { ok: true as const };
    },
    'streams.close': ({ streamId }, ctx) => {
      const owner = ownerOf(streamId);
      if (owner) {
        owner.close(streamId, ctx);
        return { ok: true as const };
      }
      const s = sessions.get(streamId);
      if (s && s.ctx.connectionId === ctx.connectionId) close(streamId);
      return { ok: true as const };
    },
  };

  return {
    handlers,
    /** Ends every session of a connection that went away. */
    closeConnection(connectionId: string): void {
      for (const s of [...sessions.values()]) if (s.ctx.connectionId === connectionId) close(s.id);
      for (const k of others) k.closeConnection(connectionId);
    },
    dispose(): void {
      offLog();
      offJob();
      for (const id of [...sessions.keys()]) close(id);
      for (const k of others) k.dispose();
    },
  };
}
export type StreamHub = ReturnType<typeof createStreamHub>;
