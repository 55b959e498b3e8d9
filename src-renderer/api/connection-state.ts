/** Where the link to the core stands; only the browser transport ever leaves 'open'. */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'refused';

export interface ConnectionStatus {
  state: ConnectionState;
  /** Failed attempts since the link was last open. */
  attempts: number;
  /** Increments each time the link opens again after a loss: stores refetch then. */
  reconnects: number;
}

type Listener = (s: ConnectionStatus) => void;

let current: ConnectionStatus = { state: 'open', attempts: 0, reconnects: 0 };
const listeners = new Set<Listener>();

export function getConnectionStatus(): ConnectionStatus {
  return current;
}

export function setConnectionStatus(next: Partial<ConnectionStatus>): void {
  current = { ...current, ...next };
  for (const l of listeners) l(current);
}

export function onConnectionStatus(cb: Listener): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}
