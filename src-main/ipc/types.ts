import type { CallName, CallOutput, CallParsed, EventName, EventPayload } from '../contract';

/** Who is calling: one UI connection (an Electron window or a browser socket). */
export interface CallContext {
  /** Stable per connection; stream sessions belong to it. */
  connectionId: string;
  /** Sends an event to this connection only (stream batches). */
  send<K extends EventName>(name: K, payload: EventPayload<K>): void;
}

/** One handler per call of the contract: the compiler refuses a missing or extra one. */
export type Handlers = {
  [K in CallName]: (input: CallParsed<K>, ctx: CallContext) => Promise<CallOutput<K>> | CallOutput<K>;
};
