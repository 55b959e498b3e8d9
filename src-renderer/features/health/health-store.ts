import { create } from 'zustand';
import type { AlertSink, Check, HealthSummary, Incident, MaintenanceWindow } from '../../../src-main/contract';
import { call } from '../../api/client';
import { useUiStore } from '../../stores/ui-store';

type Beat = { at: number; ok: boolean; latencyMs: number | null; message: string; state: Check['state'] };

/** How many recent beats each check's uptime bar shows. */
export const BEATS_SHOWN = 40;

interface HealthState {
  /** Null until the first answer (or while the core has no health checks). */
  summary: HealthSummary | null;
  checks: Check[];
  beats: Record<string, Beat[]>;
  incidents: Incident[];
  maintenance: MaintenanceWindow[];
  sinks: AlertSink[];
  loaded: boolean;
  /** When the lists were last fetched: ongoing durations are counted to this instant. */
  now: number;
  error: unknown;
  /** The page shows only this service's checks when set. */
  serviceFilter: string | null;
  /** The check the page scrolls to and highlights (a notification was opened). */
  focusCheckId: string | null;
  refreshSummary(): Promise<void>;
  refresh(): Promise<void>;
  refreshSinks(): Promise<void>;
  setFilter(serviceId: string | null): void;
}

let pending: ReturnType<typeof setTimeout> | null = null;

/** A check's recent beats, or null when it has none to show (deleted meanwhile). */
async function beatsOf(checkId: string): Promise<Beat[] | null> {
  try {
    return await call('checks.beats', { id: checkId, limit: BEATS_SHOWN });
  } catch {
    return null;
  }
}

export const useHealthStore = create<HealthState>()((set) => ({
  summary: null,
  checks: [],
  beats: {},
  incidents: [],
  maintenance: [],
  sinks: [],
  loaded: false,
  now: 0,
  error: null,
  serviceFilter: null,
  focusCheckId: null,
  async refreshSummary() {
    try {
      set({ summary: await call('health.summary') });
    } catch {
      // Health checks unavailable (locked vault, older core): the indicator stays neutral.
      set({ summary: null });
    }
  },
  async refresh() {
    try {
      const [checks, incidents, maintenance, summary] = await Promise.all([
        call('checks.list', {}),
        call('incidents.list', { limit: 100 }),
        call('maintenance.list'),
        call('health.summary'),
      ]);
      set({ checks, incidents, maintenance, summary, loaded: true, error: null, now: Date.now() });
      // Every check's beats in one update: one render of the page, not one per check.
      const fetched = await Promise.all(checks.map((c) => beatsOf(c.id)));
      set((s) => {
        const beats = { ...s.beats };
        checks.forEach((c, i) => {
          const b = fetched[i];
          if (b) beats[c.id] = b;
        });
        return { beats };
      });
    } catch (e) {
      set({ error: e, loaded: true });
    }
  },
  async refreshSinks() {
    try {
      set({ sinks: await call('alerts.sinks') });
    } catch (e) {
      set({ error: e });
    }
  },
  setFilter: (serviceFilter) => set({ serviceFilter }),
}));

/**
 * A state change: the summary at once (status bar, tray), the page's lists coalesced, and only
 * while the Health page is shown (it refetches them when it opens again).
 */
export function onHealthChanged(): void {
  void useHealthStore.getState().refreshSummary();
  if (!useHealthStore.getState().loaded || pending || useUiStore.getState().page !== 'health') return;
  pending = setTimeout(() => {
    pending = null;
    void useHealthStore.getState().refresh();
  }, 250);
}

/** Opens the Health page on one service's checks (notifications, detail panes, palette). */
export function openChecks(serviceId: string | null, checkId: string | null = null): void {
  useHealthStore.setState({ serviceFilter: serviceId, focusCheckId: checkId });
  useUiStore.getState().go('health');
}
