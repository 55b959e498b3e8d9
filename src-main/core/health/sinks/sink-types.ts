import type { AlertNotification, SinkSettings } from '../../../contract';

/** One sink ready to send: settings, and its secret (URL or SMTP password) read from the vault. */
export interface SinkTarget {
  name: string;
  settings: SinkSettings;
  secret: string | null;
}

export interface SinkDelivery {
  ok: boolean;
  /** Says what happened in words a person can act on; never contains the secret. */
  message: string;
}

/** Sends one notification through one kind of sink. */
export type SinkSender = (target: SinkTarget, n: AlertNotification, timeoutMs: number) => Promise<SinkDelivery>;

/** Where a URL points without its secret parts: the host (and port) only. */
export function urlHint(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'an invalid URL';
  }
}

/** The first lines of a notification as plain text. */
export function plainText(n: AlertNotification): string {
  return `${n.title}\n${n.body}\n${new Date(n.at).toISOString()}`;
}
