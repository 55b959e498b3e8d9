import { create } from 'zustand';
import type { AlertNotification } from '../../../src-main/contract';
import { transportKind } from '../../api/client';
import { onHealthChanged, openChecks } from './health-store';

/** In-app alert notices (the toast next to the status bar), newest last. */
interface AlertToastState {
  items: AlertNotification[];
  push(n: AlertNotification): void;
  dismiss(id: string): void;
}

export const useAlertToasts = create<AlertToastState>()((set) => ({
  items: [],
  push: (n) => set((s) => ({ items: [...s.items.filter((x) => x.id !== n.id).slice(-3), n] })),
  dismiss: (id) => set((s) => ({ items: s.items.filter((x) => x.id !== id) })),
}));

/** Browser notifications are possible here: served over `opsdeck serve` (the desktop shell shows native ones itself). */
export function browserNotificationsApply(): boolean {
  return transportKind() === 'websocket' && typeof window !== 'undefined' && 'Notification' in window;
}

/**
 * A notification the core decided to send: always an in-app notice; in the browser also a
 * system notification when the user allowed them. Clicking either opens the service's checks.
 */
export function handleAlert(n: AlertNotification): void {
  useAlertToasts.getState().push(n);
  // Recovery notices go away on their own; failures stay until read.
  if (n.kind === 'recovery' || n.kind === 'test') setTimeout(() => useAlertToasts.getState().dismiss(n.id), 8000);
  onHealthChanged();
  if (!browserNotificationsApply() || Notification.permission !== 'granted') return;
  try {
    const shown = new Notification(n.title, { body: n.body, tag: n.checkId ?? n.id, requireInteraction: n.kind === 'down' });
    shown.onclick = () => {
      window.focus();
      openChecks(n.serviceId, n.checkId);
      shown.close();
    };
  } catch {
    // Some browsers only allow notifications from a service worker; the in-app notice is there.
  }
}
