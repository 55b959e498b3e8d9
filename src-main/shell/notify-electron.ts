import { Notification } from 'electron';
import type { AlertNotification, HealthSummary } from '../contract';
import { nativeNotificationOf, trayStateOf, type DesktopAlertSink, type ShellLanguage } from './notify-sink';
import type { TrayHandle } from './tray';

/**
 * The desktop alert sink: native notifications (a click opens the window on the failing
 * service's checks) and the tray icon's state.
 */
export function createElectronAlertSink(opts: {
  tray: TrayHandle | null;
  lang(): ShellLanguage;
  /** Shows the window and asks it to open these checks. */
  openChecks(serviceId: string | null, checkId: string | null): void;
}): DesktopAlertSink {
  // Shown notifications are kept referenced: a collected one loses its click handler.
  const shown = new Set<Notification>();
  return {
    notify(n: AlertNotification) {
      if (!Notification.isSupported()) return;
      const spec = nativeNotificationOf(n);
      const note = new Notification({ title: spec.title, body: spec.body, urgency: spec.urgency, silent: spec.silent, timeoutType: spec.urgency === 'critical' ? 'never' : 'default' });
      shown.add(note);
      const forget = () => shown.delete(note);
      note.on('click', () => {
        forget();
        opts.openChecks(n.serviceId, n.checkId);
      });
      note.on('close', forget);
      note.on('failed', forget);
      note.show();
    },
    setSummary(s: HealthSummary | null) {
      opts.tray?.apply(trayStateOf(s, opts.lang()));
    },
  };
}
