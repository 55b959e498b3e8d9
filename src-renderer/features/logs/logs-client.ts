import type { AccessAnalytics, LogLine, LogSource, LogSourceState } from '../../../src-main/contract';
import { call, onEvent } from '../../api/client';
import { onConnectionStatus } from '../../api/connection-state';
import { ackQueue, streamRouter } from '../../api/stream-client';

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

const acks = ackQueue();
const streams = streamRouter<LogStreamSink, Queued>((streamId, sink, e) => {
  if (e.kind === 'data') {
    sink.data(e.lines, e.skipped);
    acks.ack(streamId, e.seq);
  } else if (e.kind === 'status') sink.status(e.sourceKey, e.state, e.message, e.at);
  else sink.analytics(e.sourceKey, e.analytics);
});
const deliver = streams.deliver;
let wired = false;

function wire(): void {
  if (wired) return;
  wired = true;
  onConnectionStatus((s) => {
    if (s.state === 'open' || s.state === 'connecting') return;
    for (const [streamId, sink] of streams.detachAll()) {
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

/** Opens a log stream on the sources; its events go to the sink until closed. */
export async function openLogStream(sources: LogSource[], opts: { tail: number; bufferLines: number }, sink: LogStreamSink): Promise<string> {
  wire();
  const { streamId } = await call('streams.open', { kind: 'logs', sources, tail: opts.tail, bufferLines: opts.bufferLines });
  streams.attach(streamId, sink);
  return streamId;
}

/** Stops listening and asks the core to close the stream (its followers stop). */
export function closeLogStream(streamId: string): void {
  streams.detach(streamId);
  acks.forget(streamId);
  void call('streams.close', { streamId }).catch(() => undefined);
}
