import { randomBytes } from 'node:crypto';
import type { LogLine, LogSource, LogSourceState, LogStreamOpen } from '../contract';
import type { ParsedFields } from '../core/logs/parse';
import type { AccessAggregator } from '../core/logs/analytics';
import { RingBuffer } from '../core/logs/follow/ring-buffer';
import { sourceKeyOf } from '../core/logs/follow/source-key';
import type { Follower, SourceLine, SourceSink } from '../core/logs/follow/types';
import type { CallContext } from './types';

/** What log sessions need from the core's logs module. */
export interface LogFollowing {
  /** Throws NOT_FOUND when the source's host does not exist. */
  check(source: LogSource): void;
  /** Starts following one source (throws NOT_FOUND for an unknown host). */
  follow(source: LogSource, tail: number, sink: SourceSink): Follower;
  /** The line parser for a source (file: its format; others: sniffed per line). */
  parserFor(source: LogSource): (text: string) => ParsedFields;
  /** An access-log aggregator for nginx access sources, else null. */
  aggregatorFor(source: LogSource): AccessAggregator | null;
}

export interface LogSessionOptions {
  /** Batch interval (default 16 ms, one frame). */
  batchMs?: number;
  /** Lines per batch at most (default 1000). */
  batchLines?: number;
  /** Unacknowledged batches before the stream pauses (default 8). */
  window?: number;
  /** Analytics interval for access logs (default 1 s). */
  analyticsMs?: number;
  /** How long history waits for a slow source before live lines flow (default 3 s). */
  initialWaitMs?: number;
  /** Called with each batch as it is sent (benchmarks: "visible" time). */
  onBatch?: (streamId: string, lines: LogLine[]) => void;
}

interface Src {
  key: string;
  source: LogSource;
  parse: (text: string) => ParsedFields;
  agg: AccessAggregator | null;
  aggDirty: boolean;
  follower: Follower | null;
  initial: SourceLine[] | null;
}

interface Stream {
  id: string;
  ctx: CallContext;
  srcs: Src[];
  ring: RingBuffer<LogLine>;
  nextSeq: number;
  batchSeq: number;
  acked: number;
  lastSentAt: number;
  /** Live lines that arrived before every source's history did, in arrival order. */
  held: { src: Src; line: SourceLine }[] | null;
  heldDropped: number;
  timer: NodeJS.Timeout | null;
  immediate: NodeJS.Immediate | null;
  initialTimer: NodeJS.Timeout | null;
  analyticsTimer: NodeJS.Timeout | null;
  closed: boolean;
}

/**
 * Log stream sessions: `streams.open {kind:'logs'}` follows up to 8 sources; lines are parsed,
 * numbered with a strictly increasing `seq` and sent to the connection as `logs.data` every
 * ~16 ms (≤ 1000 lines). Each batch is acknowledged; after 8 unacknowledged batches the stream
 * pauses and lines wait in a ring buffer of `bufferLines`. When it overflows the oldest unsent
 * lines are dropped and the next batch says how many (`skipped`): never silent loss. History
 * of all sources is merged by time, then lines flow in arrival order.
 */
export function createLogSessions(logs: LogFollowing, opts: LogSessionOptions = {}) {
  const BATCH_MS = opts.batchMs ?? 16;
  const BATCH_LINES = opts.batchLines ?? 1000;
  const WINDOW = opts.window ?? 8;
  const ANALYTICS_MS = opts.analyticsMs ?? 1000;
  const INITIAL_WAIT_MS = opts.initialWaitMs ?? 3000;
  const streams = new Map<string, Stream>();

  const toLine = (s: Stream, src: Src, l: SourceLine): LogLine => {
    const p = src.parse(l.text);
    if (src.agg) {
      src.agg.push(l.text);
      src.aggDirty = true;
    }
    const fromLine = l.ts ?? p.ts;
    return {
      seq: s.nextSeq++,
      sourceKey: src.key,
      ts: fromLine ?? l.at,
      tsFromLine: fromLine !== null,
      text: l.text,
      truncatedBytes: l.truncatedBytes,
      level: l.level ?? p.level,
      status: p.status,
      path: p.path,
      latencyMs: p.latencyMs,
    };
  };

  const paused = (s: Stream) => s.batchSeq - s.acked >= WINDOW;

  function flush(s: Stream): void {
    if (s.timer) clearTimeout(s.timer);
    s.timer = null;
    s.immediate = null;
    if (s.closed || paused(s)) return;
    const skipped = s.ring.takeDropped();
    if (s.ring.size === 0 && skipped === 0) return;
    const lines = s.ring.shift(BATCH_LINES);
    s.batchSeq += 1;
    s.lastSentAt = Date.now();
    s.ctx.send('logs.data', { streamId: s.id, seq: s.batchSeq, lines, skipped });
    opts.onBatch?.(s.id, lines);
    // A full batch: more is waiting, send it without the batch delay (window permitting).
    if (s.ring.size > 0 && !paused(s)) s.immediate = setImmediate(() => flush(s));
  }

  /**
   * Leading edge: the first lines after a quiet spell go out at once (low latency for a calm
   * log); while lines keep coming they are batched every BATCH_MS.
   */
  function schedule(s: Stream): void {
    if (s.closed || s.timer || s.immediate) return;
    const quiet = Date.now() - s.lastSentAt >= BATCH_MS;
    if (s.ring.size >= BATCH_LINES || quiet) s.immediate = setImmediate(() => flush(s));
    else s.timer = setTimeout(() => flush(s), BATCH_MS - (Date.now() - s.lastSentAt));
  }

  /** History of every source merged by time (stable), then the live lines held meanwhile. */
  function startLive(s: Stream): void {
    if (!s.held || s.closed) return;
    if (s.initialTimer) clearTimeout(s.initialTimer);
    s.initialTimer = null;
    const base = s.nextSeq;
    const all: LogLine[] = [];
    for (const src of s.srcs) {
      if (!src.initial) continue; // its history comes later (see initial())
      for (const l of src.initial) all.push(toLine(s, src, l));
      src.initial = [];
    }
    all.sort((a, b) => a.ts - b.ts || a.seq - b.seq);
    // Renumber in merged order: seq is strictly increasing in what the UI receives.
    all.forEach((l, i) => (l.seq = base + i));
    for (const l of all) s.ring.push(l);
    const held = s.held;
    s.held = null;
    s.ring.addDropped(s.heldDropped);
    for (const h of held) s.ring.push(toLine(s, h.src, h.line));
    schedule(s);
  }

  function sinkFor(s: Stream, src: Src): SourceSink {
    return {
      initial(lines) {
        if (s.closed || src.initial !== null) return;
        src.initial = lines;
        if (!s.held) {
          // This source's history came after the others went live: sent now, in its own order.
          for (const l of lines) s.ring.push(toLine(s, src, l));
          src.initial = [];
          schedule(s);
          return;
        }
        if (s.srcs.every((x) => x.initial !== null)) startLive(s);
      },
      lines(lines) {
        if (s.closed) return;
        if (s.held) {
          for (const line of lines) s.held.push({ src, line });
          const over = s.held.length - s.ring.capacity;
          if (over > 0) {
            s.held.splice(0, over);
            s.heldDropped += over;
          }
          return;
        }
        for (const l of lines) s.ring.push(toLine(s, src, l));
        schedule(s);
      },
      status(state: LogSourceState, message: string | null) {
        if (s.closed) return;
        s.ctx.send('logs.status', { streamId: s.id, sourceKey: src.key, state, message, at: Date.now() });
      },
    };
  }

  function sendAnalytics(s: Stream): void {
    for (const src of s.srcs) {
      if (!src.agg || !src.aggDirty) continue;
      src.aggDirty = false;
      s.ctx.send('logs.analytics', { streamId: s.id, sourceKey: src.key, analytics: src.agg.snapshot() });
    }
  }

  function close(id: string): void {
    const s = streams.get(id);
    if (!s) return;
    s.closed = true;
    streams.delete(id);
    if (s.timer) clearTimeout(s.timer);
    if (s.immediate) clearImmediate(s.immediate);
    if (s.initialTimer) clearTimeout(s.initialTimer);
    if (s.analyticsTimer) clearInterval(s.analyticsTimer);
    for (const src of s.srcs) src.follower?.stop();
    s.ring.clear();
  }

  return {
    owns: (streamId: string) => streams.has(streamId),

    open(input: LogStreamOpen, ctx: CallContext): { streamId: string } {
      const seen = new Set<string>();
      const sources = input.sources.filter((src) => {
        const k = sourceKeyOf(src);
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      });
      const s: Stream = {
        id: `log_${randomBytes(9).toString('base64url').replace(/[-_]/g, 'x')}`,
        ctx,
        srcs: sources.map((source) => ({ key: sourceKeyOf(source), source, parse: logs.parserFor(source), agg: logs.aggregatorFor(source), aggDirty: false, follower: null, initial: null })),
        ring: new RingBuffer<LogLine>(input.bufferLines),
        nextSeq: 1,
        batchSeq: 0,
        acked: 0,
        lastSentAt: 0,
        held: [],
        heldDropped: 0,
        timer: null,
        immediate: null,
        initialTimer: null,
        analyticsTimer: null,
        closed: false,
      };
      for (const src of s.srcs) logs.check(src.source);
      streams.set(s.id, s);
      // Started after the reply: the UI knows the stream id before its first event.
      setImmediate(() => {
        for (const src of s.srcs) {
          if (s.closed) return;
          try {
            src.follower = logs.follow(src.source, input.tail, sinkFor(s, src));
          } catch (err) {
            const sink = sinkFor(s, src);
            sink.status('error', err instanceof Error ? err.message : 'This log cannot be followed.');
            sink.initial([]);
          }
        }
      });
      s.initialTimer = setTimeout(() => startLive(s), INITIAL_WAIT_MS);
      if (s.srcs.some((x) => x.agg)) s.analyticsTimer = setInterval(() => sendAnalytics(s), ANALYTICS_MS);
      return { streamId: s.id };
    },

    ack(streamId: string, seq: number, ctx: CallContext): void {
      const s = streams.get(streamId);
      if (!s || s.ctx.connectionId !== ctx.connectionId) return;
      const wasPaused = paused(s);
      s.acked = Math.max(s.acked, Math.min(seq, s.batchSeq));
      if (wasPaused && !paused(s)) flush(s);
    },

    close(streamId: string, ctx: CallContext): void {
      const s = streams.get(streamId);
      if (s && s.ctx.connectionId === ctx.connectionId) close(streamId);
    },

    /** Ends every log stream of a UI connection that went away. */
    closeConnection(connectionId: string): void {
      for (const s of [...streams.values()]) if (s.ctx.connectionId === connectionId) close(s.id);
    },

    dispose(): void {
      for (const id of [...streams.keys()]) close(id);
    },

    /** For tests and diagnostics: backpressure state of one stream. */
    stats(streamId: string): { unsent: number; batches: number; acked: number; paused: boolean } | null {
      const s = streams.get(streamId);
      return s ? { unsent: s.ring.size, batches: s.batchSeq, acked: s.acked, paused: paused(s) } : null;
    },
  };
}
export type LogSessions = ReturnType<typeof createLogSessions>;

