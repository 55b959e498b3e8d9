import {
  AppError,
  events,
  type CallInput,
  type CallName,
  type CallOutput,
  type EventName,
  type EventPayload,
} from '../../src-main/contract';
import type { Transport } from './transport';
import { createElectronTransport } from './electron-transport';
import { createWsTransport, wsUrl } from './ws-transport';

let transport: Transport | null = null;

function getTransport(): Transport {
  if (!transport) {
    transport = window.opsdeck ? createElectronTransport(window.opsdeck) : createWsTransport(wsUrl());
  }
  return transport;
}

/** Starts the connection early (the browser transport opens its socket). */
export function initClient(): void {
  getTransport();
}

type OptionalIfEmpty<K extends CallName> = undefined extends CallInput<K>
  ? [input?: CallInput<K>]
  : [input: CallInput<K>];

/** One typed call of the contract; rejects with an AppError rebuilt from the core's shape. */
export async function call<K extends CallName>(name: K, ...args: OptionalIfEmpty<K>): Promise<CallOutput<K>> {
  const input = args[0] ?? {};
  const res = await getTransport().call(name, input);
  if (res.ok) return res.value as CallOutput<K>;
  throw AppError.fromShape(res.error);
}

export type AppEvent = { [K in EventName]: { name: K; payload: EventPayload<K> } }[EventName];

/** Events from the core, checked against the contract; unknown or malformed ones are dropped. */
export function onEvent(cb: (e: AppEvent) => void): () => void {
  return getTransport().onEvent((name, payload) => {
    if (!Object.hasOwn(events, name)) return;
    const schema = events[name as EventName];
    const parsed = schema.safeParse(payload);
    if (!parsed.success) return;
    cb({ name, payload: parsed.data } as AppEvent);
  });
}

export function transportKind(): Transport['kind'] {
  return getTransport().kind;
}
