import type { AlertNotification, EventName, EventPayload, HealthSummary } from '../contract';

/**
 * Where the desktop shell shows alerts: native notifications and the tray icon. Electron's
 * implementation is `notify-electron.ts`; tests use a fake. Nothing here imports electron.
 */
export interface DesktopAlertSink {
  /** A notification the monitor decided to send (DOWN, reminder, recovery, test). */
  notify(n: AlertNotification): void;
  /** The current counts and failing checks; null when unknown (locked vault, no health module). */
  setSummary(s: HealthSummary | null): void;
}

export type ShellLanguage = 'en' | 'es';

/** What the tray shows: icon level, the number on it, and the tooltip. */
export interface TrayState {
  level: 'none' | 'up' | 'pending' | 'down';
  /** DOWN checks (drawn on the icon when > 0). */
  count: number;
  tooltip: string;
}

const TEXT = {
  en: {
    none: 'Opsdeck — no checks',
    unknown: 'Opsdeck',
    up: (n: number) => `Opsdeck — all ${n} check${n === 1 ? '' : 's'} up`,
    pending: (n: number) => `Opsdeck — ${n} check${n === 1 ? '' : 's'} pending`,
    down: (n: number) => `Opsdeck — ${n} check${n === 1 ? '' : 's'} DOWN`,
    more: (n: number) => `…and ${n} more`,
    open: 'Open Opsdeck',
    quit: 'Quit Opsdeck',
  },
  es: {
    none: 'Opsdeck — sin comprobaciones',
    unknown: 'Opsdeck',
    up: (n: number) => `Opsdeck — ${n} comprobaci${n === 1 ? 'ón' : 'ones'} OK`,
    pending: (n: number) => `Opsdeck — ${n} comprobaci${n === 1 ? 'ón pendiente' : 'ones pendientes'}`,
    down: (n: number) => `Opsdeck — ${n} comprobaci${n === 1 ? 'ón CAÍDA' : 'ones CAÍDAS'}`,
    more: (n: number) => `…y ${n} más`,
    open: 'Abrir Opsdeck',
    quit: 'Salir de Opsdeck',
  },
} as const;

/** Tray menu labels in the shell's language. */
export function trayMenuText(lang: ShellLanguage): { open: string; quit: string } {
  return { open: TEXT[lang].open, quit: TEXT[lang].quit };
}

/** Most failing checks named in the tooltip (platforms cut long tooltips). */
export const TOOLTIP_MAX_LINES = 6;

/**
 * The tray for a summary: red with the count of DOWN checks and their names (and message) in
 * the tooltip; amber while checks are pending; neutral when everything is up or nothing is checked.
 */
export function trayStateOf(s: HealthSummary | null, lang: ShellLanguage): TrayState {
  const tx = TEXT[lang];
  if (!s) return { level: 'none', count: 0, tooltip: tx.unknown };
  const total = s.up + s.down + s.pending + s.maintenance;
  if (s.down > 0) {
    const down = s.failing.filter((f) => f.state === 'down');
    const lines = down.slice(0, TOOLTIP_MAX_LINES).map((f) => `• ${f.name}${f.message ? ` — ${oneLine(f.message)}` : ''}`);
    if (down.length > TOOLTIP_MAX_LINES) lines.push(tx.more(down.length - TOOLTIP_MAX_LINES));
    return { level: 'down', count: s.down, tooltip: [tx.down(s.down), ...lines].join('\n') };
  }
  if (s.pending > 0) {
    const names = s.failing.filter((f) => f.state === 'pending').slice(0, TOOLTIP_MAX_LINES).map((f) => `• ${f.name}`);
    return { level: 'pending', count: 0, tooltip: [tx.pending(s.pending), ...names].join('\n') };
  }
  if (total === 0) return { level: 'none', count: 0, tooltip: tx.none };
  return { level: 'up', count: 0, tooltip: tx.up(s.up + s.maintenance) };
}

function oneLine(s: string): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 79)}…` : flat;
}

/** How a notification is shown natively: failures stay until dismissed and are not silent. */
export function nativeNotificationOf(n: AlertNotification): { title: string; body: string; urgency: 'critical' | 'normal' | 'low'; silent: boolean } {
  return {
    title: n.title,
    body: n.body,
    urgency: n.kind === 'down' || n.kind === 'repeat' ? 'critical' : n.kind === 'recovery' ? 'normal' : 'low',
    silent: n.kind === 'recovery' || n.kind === 'test',
  };
}

/** The slice of the core's event bus the shell listens to. */
export interface AlertBus {
  on<K extends EventName>(name: K, l: (payload: EventPayload<K>) => void): () => void;
}

/**
 * Feeds a sink from the core: every `alerts.notify` is shown; the summary is refetched at start,
 * on `health.changed`, on each notification and when the vault opens (coalesced: one fetch at a
 * time, one more if something changed meanwhile). Returns the unsubscribe.
 */
export function connectAlertSink(bus: AlertBus, fetchSummary: () => Promise<HealthSummary | null>, sink: DesktopAlertSink): () => void {
  let inFlight = false;
  let again = false;
  let stopped = false;
  const refresh = async (): Promise<void> => {
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    try {
      const s = await fetchSummary().catch(() => null);
      if (!stopped) sink.setSummary(s);
    } finally {
      inFlight = false;
      if (again && !stopped) {
        again = false;
        void refresh();
      }
    }
  };
  const offs = [
    bus.on('alerts.notify', (n) => {
      sink.notify(n);
      void refresh();
    }),
    bus.on('health.changed', () => void refresh()),
    bus.on('vault.changed', () => void refresh()),
  ];
  void refresh();
  return () => {
    stopped = true;
    for (const off of offs) off();
  };
}
