import type { ErrorShape } from '../../../src-main/contract';
import { call, onEvent } from '../../api/client';
import { onConnectionStatus } from '../../api/connection-state';

export interface TerminalSink {
  /** Writes a batch to the screen and calls done once xterm has parsed it. */
  data(text: string, done: () => void): void;
  exit(code: number | null, error: ErrorShape | undefined): void;
}

const sinks = new Map<string, TerminalSink>();
/** Batches that arrived before their session was registered (the open call's answer raced them). */
const early = new Map<string, Array<{ kind: 'data'; seq: number; data: string } | { kind: 'exit'; code: number | null; error?: ErrorShape }>>();
let wired = false;

function deliver(streamId: string, e: { kind: 'data'; seq: number; data: string } | { kind: 'exit'; code: number | null; error?: ErrorShape }): void {
  const sink = sinks.get(streamId);
  if (!sink) {
    let q = early.get(streamId);
    if (!q) {
      early.set(streamId, (q = []));
      // A session nobody claims (its tab closed while opening) is forgotten.
      setTimeout(() => early.delete(streamId), 10_000);
    }
    if (q.length < 256) q.push(e);
    return;
  }
  if (e.kind === 'data') sink.data(e.data, () => acks.ack(streamId, e.seq));
  else {
    sinks.delete(streamId);
    sink.exit(e.code, e.error);
  }
}

function wire(): void {
  if (wired) return;
  wired = true;
  // The core closes every terminal of a UI connection that goes away (serve restarted, socket
  // lost): say so in each open tab instead of leaving a screen that silently stopped.
  onConnectionStatus((s) => {
    if (s.state === 'open' || s.state === 'connecting') return;
    for (const [streamId, sink] of [...sinks]) {
      sinks.delete(streamId);
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

/**
 * Acknowledgements, one call in flight per session: while one is on its way the latest seq is
 * remembered and sent next, so a fast stream costs a few calls per second, not one per batch.
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

const INPUT_CHUNK = 32_000;

/** Opens a terminal session; events for it go to the sink until exit or detach. */
export async function openTerminal(hostId: string, cols: number, rows: number, sink: TerminalSink): Promise<string> {
  wire();
  const { streamId } = await call('streams.open', { kind: 'terminal', hostId, cols, rows });
  sinks.set(streamId, sink);
  const queued = early.get(streamId);
  early.delete(streamId);
  for (const e of queued ?? []) deliver(streamId, e);
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
  sinks.delete(streamId);
  inputChains.delete(streamId);
  acks.forget(streamId);
  void call('streams.close', { streamId }).catch(() => undefined);
}
