import { events, type EventName, type EventPayload, type JobLogLine } from '../contract';

/** Events inside the core that never cross to the UI as such. */
export interface InternalEvents {
  'job.log': { jobId: string; line: JobLogLine };
}

type Listener<T> = (payload: T) => void;

/**
 * The core's one event bus. Contract events ("this changed") are forwarded to every UI
 * connection by the hosts; internal events feed stream sessions.
 */
export class EventBus {
  private readonly listeners = new Map<string, Set<Listener<unknown>>>();
  private readonly anyListeners = new Set<(name: EventName, payload: unknown) => void>();

  emit<K extends EventName>(name: K, payload: EventPayload<K>): void;
  emit<K extends keyof InternalEvents>(name: K, payload: InternalEvents[K]): void;
  emit(name: string, payload: unknown): void {
    for (const l of this.listeners.get(name) ?? []) l(payload);
    if (!Object.hasOwn(events, name)) return;
    for (const l of this.anyListeners) l(name as EventName, payload);
  }

  on<K extends EventName>(name: K, l: Listener<EventPayload<K>>): () => void;
  on<K extends keyof InternalEvents>(name: K, l: Listener<InternalEvents[K]>): () => void;
  on(name: string, l: Listener<never>): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(l as Listener<unknown>);
    return () => set.delete(l as Listener<unknown>);
  }

  /** Every contract event, for the hosts to forward. */
  onAny(l: (name: EventName, payload: unknown) => void): () => void {
    this.anyListeners.add(l);
    return () => this.anyListeners.delete(l);
  }
}
