import type { ErrorShape } from '../../src-main/contract';
import type { CallResult, RawEventListener, Transport } from './transport';
import { setConnectionStatus, getConnectionStatus } from './connection-state';

interface Pending {
  resolve: (r: CallResult) => void;
  frame: string;
  sent: boolean;
}

const MAX_BACKOFF_MS = 10_000;

function lostError(): ErrorShape {
  return {
    code: 'INTERNAL',
    message: 'The connection to Opsdeck was lost before this action finished.',
    hint: 'It may or may not have been applied. Wait for the connection to come back, check, then try again.',
    details: { reason: 'disconnected' },
  };
}

/**
 * Browser host: one WebSocket to /ws (the auth cookie was set when the page was opened with
 * ?token=…). Calls made while the socket is down wait in a queue; calls already sent when it
 * drops fail at once, because we cannot know whether the core ran them.
 */
export function createWsTransport(url: string): Transport {
  let ws: WebSocket | null = null;
  let nextId = 1;
  let everOpened = false;
  let openedThisAttempt = false;
  let attempts = 0;
  const pending = new Map<number, Pending>();
  const listeners = new Set<RawEventListener>();

  function flush(): void {
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    for (const p of pending.values()) {
      if (!p.sent) {
        ws.send(p.frame);
        p.sent = true;
      }
    }
  }

  function onMessage(ev: MessageEvent): void {
    let msg: unknown;
    try {
      msg = JSON.parse(String(ev.data));
    } catch {
      return;
    }
    if (!msg || typeof msg !== 'object') return;
    const m = msg as Record<string, unknown>;
    if (m.t === 'result' && typeof m.id === 'number') {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.ok === true) p.resolve({ ok: true, value: m.value });
      else p.resolve({ ok: false, error: (m.error as ErrorShape) ?? lostError() });
    } else if (m.t === 'event' && typeof m.name === 'string') {
      for (const l of listeners) l(m.name, m.payload);
    }
  }

  /** Is the HTTP server up? Then a socket that never opened was refused (stale token). */
  async function serverAnswers(): Promise<boolean> {
    try {
      await fetch(`${location.origin}/`, { cache: 'no-store', credentials: 'same-origin' });
      return true;
    } catch {
      return false;
    }
  }

  function connect(): void {
    openedThisAttempt = false;
    const sock = new WebSocket(url);
    ws = sock;
    sock.onopen = () => {
      openedThisAttempt = true;
      const wasLost = everOpened || attempts > 0;
      everOpened = true;
      attempts = 0;
      const prev = getConnectionStatus();
      setConnectionStatus({
        state: 'open',
        attempts: 0,
        reconnects: wasLost ? prev.reconnects + 1 : prev.reconnects,
      });
      flush();
    };
    sock.onmessage = onMessage;
    sock.onclose = () => {
      if (ws === sock) ws = null;
      for (const [id, p] of pending) {
        if (p.sent) {
          pending.delete(id);
          p.resolve({ ok: false, error: lostError() });
        }
      }
      void scheduleReconnect();
    };
  }

  async function scheduleReconnect(): Promise<void> {
    attempts += 1;
    const refused = !openedThisAttempt && (await serverAnswers());
    setConnectionStatus({ state: refused ? 'refused' : 'reconnecting', attempts });
    const base = Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(attempts - 1, 5));
    const delay = base * (0.8 + Math.random() * 0.4);
    setTimeout(connect, delay);
  }

  setConnectionStatus({ state: 'connecting', attempts: 0 });
  connect();

  return {
    kind: 'websocket',
    call(name, input) {
      const id = nextId++;
      const frame = JSON.stringify({ t: 'call', id, name, input });
      return new Promise<CallResult>((resolve) => {
        pending.set(id, { resolve, frame, sent: false });
        flush();
      });
    },
    onEvent(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
  };
}

export function wsUrl(): string {
  const proto = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${proto}://${location.host}/ws`;
}
