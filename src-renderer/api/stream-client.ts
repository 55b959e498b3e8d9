import { call } from './client';

/**
 * Where a kind of stream's events go, by streamId. Events that arrive before the stream is
 * attached (its first batch can race the `streams.open` answer) are held, at most `maxEarly` per
 * stream, and handed over on attach; a stream nobody attaches within 10 s is forgotten.
 * `apply` runs each event against the stream's sink.
 */
export function streamRouter<S, E>(apply: (streamId: string, sink: S, e: E) => void, opts: { maxEarly?: number } = {}) {
  const sinks = new Map<string, S>();
  const early = new Map<string, E[]>();

  function deliver(streamId: string, e: E): void {
    const sink = sinks.get(streamId);
    if (!sink) {
      let q = early.get(streamId);
      if (!q) {
        early.set(streamId, (q = []));
        setTimeout(() => early.delete(streamId), 10_000);
      }
      if (opts.maxEarly === undefined || q.length < opts.maxEarly) q.push(e);
      return;
    }
    apply(streamId, sink, e);
  }
  /** From now on the stream's events go to sink, those held first. */
  function attach(streamId: string, sink: S): void {
    sinks.set(streamId, sink);
    const queued = early.get(streamId);
    early.delete(streamId);
    for (const e of queued ?? []) deliver(streamId, e);
  }
  /** The stream's events are no longer delivered. */
  function detach(streamId: string): void {
    sinks.delete(streamId);
    early.delete(streamId);
  }
  /** Detaches every stream and returns them with their sinks (the link to Opsdeck dropped). */
  function detachAll(): Array<[string, S]> {
    const all = [...sinks];
    sinks.clear();
    return all;
  }
  return { deliver, attach, detach, detachAll };
}

/**
 * Acknowledgements of stream batches (`streams.ack`), one call in flight per stream: while one
 * travels the highest seq is kept and sent next, so a fast stream costs a few calls per second,
 * never one per batch.
 */
export function ackQueue() {
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
  return { ack, forget: (streamId: string) => void state.delete(streamId) };
}
