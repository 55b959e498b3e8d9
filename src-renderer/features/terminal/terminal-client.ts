import type { ErrorShape } from '../../../src-main/contract';
import { call, onEvent } from '../../api/client';
import { onConnectionStatus } from '../../api/connection-state';
import { ackQueue, streamRouter } from '../../api/stream-client';

export interface TerminalSink {
  /** Writes a batch to the screen and calls done once xterm has parsed it. */
  data(text: string, done: () => void): void;
  exit(code: number | null, error: ErrorShape | undefined): void;
}

type Queued = { kind: 'data'; seq: number; data: string } | { kind: 'exit'; code: number | null; error?: ErrorShape };

const acks = ackQueue();
/** At most 256 batches are held for a session not yet registered (its tab may have closed while opening). */
const sessions = streamRouter<TerminalSink, Queued>(
  (streamId, sink, e) => {
    if (e.kind === 'data') sink.data(e.data, () => acks.ack(streamId, e.seq));
    else {
      sessions.detach(streamId);
      sink.exit(e.code, e.error);
    }
  },
  { maxEarly: 256 },
);
const deliver = sessions.deliver;
let wired = false;

function wire(): void {
  if (wired) return;
  wired = true;
  // The core closes every terminal of a UI connection that goes away (serve restarted, socket
  // lost): say so in each open tab instead of leaving a screen that silently stopped.
  onConnectionStatus((s) => {
    if (s.state === 'open' || s.state === 'connecting') return;
    for (const [, sink] of sessions.detachAll()) {
      sink.exit(null, {
        code: 'SSH_CLOSED',
        message: 'The link to Opsdeck was lost, and with it this terminal session.',
        hint: 'Once Opsdeck answers again, reconnect the terminal.',
      });
    }
  });
  onEvent((e) => {
    if (e.name === 'terminal.data') deliver(e.payload.streamId, { kind: 'data', seq: e.payload.seq, data: e.payload.data });
    else if (e.name === 'terminal.exit') deliver(e.payload.streamId, { kind: 'exit', code: e.payload.code, error: e.payload.error });
  });
}

const INPUT_CHUNK = 32_000;

/** Opens a terminal session; events for it go to the sink until exit or detach. */
export async function openTerminal(hostId: string, cols: number, rows: number, sink: TerminalSink): Promise<string> {
  wire();
  const { streamId } = await call('streams.open', { kind: 'terminal', hostId, cols, rows });
  sessions.attach(streamId, sink);
  return streamId;
}

/** Keystrokes in order: each session's input calls are chained; large pastes are split. */
const inputChains = new Map<string, Promise<unknown>>();
export function sendInput(streamId: string, data: string): Promise<unknown> {
  const parts: string[] = [];
  for (let i = 0; i < data.length; ) {
    let end = Math.min(data.length, i + INPUT_CHUNK);
    // Never split a surrogate pair (an emoji in a paste) across two calls.
    if (end < data.length && /[\uD800-\uDBFF]/.test(data[end - 1]!)) end--;
    parts.push(data.slice(i, end));
    i = end;
  }
  let chain = inputChains.get(streamId) ?? Promise.resolve();
  for (const p of parts) chain = chain.then(() => call('terminal.input', { streamId, data: p })).catch(() => undefined);
  inputChains.set(streamId, chain);
  return chain;
}

export function sendResize(streamId: string, cols: number, rows: number): void {
  void call('terminal.resize', { streamId, cols, rows }).catch(() => undefined);
}

/** Stops listening and asks the core to close the session (closes the SSH channel). */
export function closeTerminal(streamId: string): void {
  sessions.detach(streamId);
  inputChains.delete(streamId);
  acks.forget(streamId);
  void call('streams.close', { streamId }).catch(() => undefined);
}
