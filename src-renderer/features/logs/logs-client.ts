import type { AccessAnalytics, LogLine, LogSource, LogSourceState } from '../../../src-main/contract';
import { call, onEvent } from '../../api/client';
import { onConnectionStatus } from '../../api/connection-state';

/** Where one log stream's events go. `data` must be applied before it returns: it is then acknowledged. */
export interface LogStreamSink {
  data(lines: LogLine[], skipped: number): void;
  status(sourceKey: string, state: LogSourceState, message: string | null, at: number): void;
  analytics(sourceKey: string, analytics: AccessAnalytics): void;
  /** The link to Opsdeck dropped: the core has closed this stream. */
  lost(): void;
}

type Queued =
  | { kind: 'data'; seq: number; lines: LogLine[]; skipped: number }
  | { kind: 'status'; sourceKey: string; state: LogSourceState; message: string | null; at: number }
  | { kind: 'analytics'; sourceKey: string; analytics: AccessAnalytics };

const sinks = new Map<string, LogStreamSink>();
/** Events that arrived before `streams.open` answered (the first batch can race the answer). */
const early = new Map<string, Queued[]>();
let wired = false;

function deliver(streamId: string, e: Queued): void {
  const sink = sinks.get(streamId);
  if (!sink) {
    let q = early.get(streamId);
    if (!q) {
      early.set(streamId, (q = []));
      setTimeout(() => early.delete(streamId), 10_000);
    }
    q.push(e);
    return;
  }
  if (e.kind === 'data') {
    sink.data(e.lines, e.skipped);
    acks.ack(streamId, e.seq);
  } else if (e.kind === 'status') sink.status(e.sourceKey, e.state, e.message, e.at);
  else sink.analytics(e.sourceKey, e.analytics);
}

function wire(): void {
  if (wired) return;
  wired = true;
  onConnectionStatus((s) => {
    if (s.state === 'open' || s.state === 'connecting') return;
    for (const [streamId, sink] of [...sinks]) {
      sinks.delete(streamId);
      acks.forget(streamId);
      sink.lost();
    }
  });
  onEvent((e) => {
    if (e.name === 'logs.data') deliver(e.payload.streamId, { kind: 'data', seq: e.payload.seq, lines: e.payload.lines, skipped: e.payload.skipped });
    else if (e.name === 'logs.status') deliver(e.payload.streamId, { kind: 'status', ...e.payload });
    else if (e.name === 'logs.analytics') deliver(e.payload.streamId, { kind: 'analytics', sourceKey: e.payload.sourceKey, analytics: e.payload.analytics });
  });
}

/**
 * Acknowledgements with one call in flight per stream: while one travels the highest seq is
 * kept and sent next, so a fast log costs a few calls per second, never one per batch.
 */
const acks = (() => {
  const state = new Map<string, { inFlight: boolean; next: number | null }>();
  function ack(streamId: string, seq: number): void {
    let s = state.get(streamId);
    if (!s) state.set(streamId, (s = { inFlight: false, next: null }));
    if (s.inFlight) {
      s.next = Math.max(s.next ?? 0, seq);
      return;
    }
    s.inFlight = true;
    void call('streams.ack', { streamId, seq })
      .catch(() => undefined)
      .finally(() => {
        const cur = state.get(streamId);
        if (!cur) return;
        cur.inFlight = false;
        const n = cur.next;
        cur.next = null;
        if (n !== null) ack(streamId, n);
      });
  }
  return { ack, forget: (id: string) => state.delete(id) };
})();

/** Opens a log stream on the sources; its events go to the sink until closed. */
export async function openLogStream(sources: LogSource[], opts: { tail: number; bufferLines: number }, sink: LogStreamSink): Promise<string> {
  wire();
  const { streamId } = await call('streams.open', { kind: 'logs', sources, tail: opts.tail, bufferLines: opts.bufferLines });
  sinks.set(streamId, sink);
  const queued = early.get(streamId);
  early.delete(streamId);
  for (const e of queued ?? []) deliver(streamId, e);
  return streamId;
}

/** Stops listening and asks the core to close the stream (its followers stop). */
export function closeLogStream(streamId: string): void {
  sinks.delete(streamId);
  early.delete(streamId);
  acks.forget(streamId);
  void call('streams.close', { streamId }).catch(() => undefined);
}
