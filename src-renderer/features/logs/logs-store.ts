import { create } from 'zustand';
import { isAppError, type AccessAnalytics, type ErrorShape, type LogSourceOption, type LogSourceState } from '../../../src-main/contract';
import { call } from '../../api/client';
import { useInventoryStore } from '../../stores/inventory-store';
import { useUiStore } from '../../stores/ui-store';
import { compileSearch, NO_FILTER, NO_SEARCH, type LogFilter, type SearchSpec } from './log-filters';

/** The service or host whose logs the page shows. */
export type LogTarget = { type: 'service' | 'host'; id: string };

export interface SourceStatus {
  state: LogSourceState;
  message: string | null;
  at: number;
  /** The last rotation, reconnection or error, kept after the source follows again. */
  note: { state: LogSourceState; message: string | null; at: number } | null;
}

/** Up to this many sources in one stream (the contract's limit). */
export const MAX_SOURCES = 8;

interface LogsState {
  target: LogTarget | null;
  options: LogSourceOption[];
  optionsState: 'idle' | 'loading' | 'ready' | 'error';
  optionsError: ErrorShape | null;
  /** Keys of the chosen options, in the order they were offered. */
  chosen: string[];
  streamState: 'idle' | 'opening' | 'open' | 'failed' | 'lost';
  streamError: ErrorShape | null;
  statuses: Record<string, SourceStatus>;
  analytics: Record<string, AccessAnalytics>;
  /** The model's version last rendered (bumped at most once per frame). */
  version: number;
  following: boolean;
  /** Lines shown since the user paused (the "N new lines" button). */
  newLines: number;
  filter: LogFilter;
  search: SearchSpec;
  onlyMatching: boolean;
  searchError: string | null;
  /** Index among the matches of the current one, -1 = none chosen yet. */
  currentMatch: number;
  analyticsOpen: boolean;
  setTarget(target: LogTarget | null): Promise<void>;
  toggleSource(key: string): void;
  setFilter(patch: Partial<LogFilter>): void;
  setSearch(patch: Partial<SearchSpec>): void;
  setOnlyMatching(v: boolean): void;
  setFollowing(v: boolean): void;
  setCurrentMatch(i: number): void;
  setAnalyticsOpen(v: boolean): void;
}

let optionsRun = 0;

/**
 * A host's logs: those of the services it runs (nginx sites, PM2 apps, containers) and the
 * host's own files, each once. A service whose lookup fails leaves the others standing.
 */
async function hostOptions(hostId: string): Promise<LogSourceOption[]> {
  const services = useInventoryStore.getState().tree.services.filter((s) => s.hostId === hostId);
  const [own, ...perService] = await Promise.all([
    call('logs.sources', { hostId }),
    ...services.map((s) => call('logs.sources', { serviceId: s.id }).catch(() => [] as LogSourceOption[])),
  ]);
  const seen = new Set<string>();
  return [...perService.flat(), ...own].filter((o) => !seen.has(o.key) && !!seen.add(o.key));
}

/** What the Logs page shows: which target and sources, their state, the filters and the search box. */
export const useLogsStore = create<LogsState>()((set, get) => ({
  target: null,
  options: [],
  optionsState: 'idle',
  optionsError: null,
  chosen: [],
  streamState: 'idle',
  streamError: null,
  statuses: {},
  analytics: {},
  version: 0,
  following: true,
  newLines: 0,
  filter: NO_FILTER,
  search: NO_SEARCH,
  onlyMatching: false,
  searchError: null,
  currentMatch: -1,
  analyticsOpen: false,
  async setTarget(target) {
    const run = ++optionsRun;
    set({ target, options: [], chosen: [], optionsState: target ? 'loading' : 'idle', optionsError: null, statuses: {}, analytics: {} });
    if (!target) return;
    try {
      const options = target.type === 'service' ? await call('logs.sources', { serviceId: target.id }) : await hostOptions(target.id);
      if (run !== optionsRun) return;
      // A service's logs all belong together (access + error, out + err); on a host, start with one.
      const chosen = (target.type === 'service' ? options : options.slice(0, 1)).slice(0, MAX_SOURCES).map((o) => o.key);
      set({ options, chosen, optionsState: 'ready' });
    } catch (e) {
      if (run !== optionsRun) return;
      const err: ErrorShape = isAppError(e) ? e.toShape() : { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
      set({ optionsState: 'error', optionsError: err });
    }
  },
  toggleSource(key) {
    const { chosen, options } = get();
    const next = chosen.includes(key) ? chosen.filter((k) => k !== key) : [...chosen, key];
    const order = options.map((o) => o.key);
    set({ chosen: order.filter((k) => next.includes(k)).slice(0, MAX_SOURCES) });
  },
  setFilter: (patch) => set((s) => ({ filter: { ...s.filter, ...patch } })),
  setSearch(patch) {
    const search = { ...get().search, ...patch };
    const compiled = compileSearch(search);
    set({ search, searchError: compiled.ok ? null : compiled.error, currentMatch: -1 });
  },
  setOnlyMatching: (onlyMatching) => set({ onlyMatching }),
  setFollowing: (following) => set(following ? { following, newLines: 0 } : { following }),
  setCurrentMatch: (currentMatch) => set({ currentMatch }),
  setAnalyticsOpen: (analyticsOpen) => set({ analyticsOpen }),
}));

/** Shows the Logs page on a service's or host's logs (detail pages, the palette). */
export function openLogsFor(target: LogTarget): void {
  const cur = useLogsStore.getState().target;
  if (!cur || cur.type !== target.type || cur.id !== target.id) void useLogsStore.getState().setTarget(target);
  useUiStore.getState().go('logs');
}
