import type { ComposedApp } from '../ipc/compose';
import type { CallContext } from '../ipc/types';
import type { HealthSummary } from '../contract';
import { createElectronAlertSink } from './notify-electron';
import { connectAlertSink, type ShellLanguage } from './notify-sink';
import { createTray, type TrayHandle } from './tray';

/**
 * Desktop alerts: the tray icon (red with the count of DOWN checks, failing services in the
 * tooltip, menu Open / Quit) and native notifications, fed by the core's bus. The window asks
 * nothing: the shell listens to the core directly, so alerts show with the window closed.
 */
export function startDesktopAlerts(
  composed: ComposedApp,
  opts: {
    osLocale: string;
    /** Shows (or recreates) the window and returns its web contents' sender, or null. */
    showWindow(): Promise<{ send(channel: string, ...args: unknown[]): void } | null>;
    quit(): void;
  },
): { hasTray: boolean; stop(): void } {
  let lang: ShellLanguage = /^es/i.test(opts.osLocale) ? 'es' : 'en';
  const ctx: CallContext = { connectionId: 'shell-alerts', send: () => undefined };
  const refreshLanguage = async () => {
    const r = await composed.dispatch('settings.get', {}, ctx);
    if (r.ok) {
      const l = (r.value as { language: string | null }).language;
      if (l === 'en' || l === 'es') lang = l;
    }
  };
  void refreshLanguage();
  const offSettings = composed.core.bus.on('settings.changed', () => void refreshLanguage());

  let tray: TrayHandle | null = null;
  try {
    tray = createTray({
      lang: () => lang,
      onOpen: () => void opts.showWindow(),
      onQuit: opts.quit,
    });
  } catch {
    // No tray on this desktop (some Linux sessions): notifications still work.
    tray = null;
  }
  const sink = createElectronAlertSink({
    tray,
    lang: () => lang,
    openChecks: (serviceId, checkId) => {
      void opts.showWindow().then((wc) => wc?.send('opsdeck:event', 'shell.openChecks', { serviceId, checkId }));
    },
  });
  const fetchSummary = async (): Promise<HealthSummary | null> => {
    const r = await composed.dispatch('health.summary', {}, ctx);
    return r.ok ? (r.value as HealthSummary) : null;
  };
  const off = connectAlertSink(composed.core.bus, fetchSummary, sink);
  return {
    hasTray: tray !== null,
    stop() {
      off();
      offSettings();
      tray?.destroy();
      tray = null;
    },
  };
}
