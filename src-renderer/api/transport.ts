import type { ErrorShape } from '../../src-main/contract';

/** What one call returns over either transport, before the client rebuilds errors. */
export type CallResult = { ok: true; value: unknown } | { ok: false; error: ErrorShape };

export type RawEventListener = (name: string, payload: unknown) => void;

/** The two hosts (Electron IPC, browser WebSocket) look the same to the rest of the UI. */
export interface Transport {
  readonly kind: 'electron' | 'websocket';
  call(name: string, input: unknown): Promise<CallResult>;
  onEvent(cb: RawEventListener): () => void;
}

/** The bridge the Electron preload puts on window: one function per call of the contract. */
export interface OpsdeckBridge {
  host: 'electron';
  calls: Readonly<Record<string, (input: unknown) => Promise<CallResult>>>;
  onEvent(cb: RawEventListener): () => void;
}

declare global {
  interface Window {
    opsdeck?: OpsdeckBridge;
  }
}
