import type { CheckResult } from '../../../contract';
import { redactSecrets } from '../../secrets/redact';

/** What every check gets: its time budget, a cancel signal, and the CAs to trust besides the system's. */
export interface CheckContext {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Extra trusted CA certificates (PEM), e.g. a private CA; the system's roots are trusted as well. */
  extraCa: string[];
}

/** A result that says what failed; never contains a secret (the text is redacted on the way out). */
export function fail(message: string, latencyMs: number | null = null, value: number | null = null): CheckResult {
  return { ok: false, latencyMs, message: redactSecrets(message), value };
}

/** A passing result. */
export function pass(message: string, latencyMs: number | null, value: number | null = null): CheckResult {
  return { ok: true, latencyMs, message: redactSecrets(message), value };
}

/** Removes a known secret from a message, whatever the driver wrote. */
export function scrub(text: string, secret: string | null): string {
  return secret && secret.length >= 3 ? text.split(secret).join('***') : text;
}

/**
 * A check's URL as its messages show it: without the user name and password, and with every
 * query value masked (`?key=***`), since a URL often carries a key or token there. Messages go
 * to the check's history, the notifications and the alert destinations. Falls back to the
 * redacted text when it does not parse.
 */
export function shownUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return redactSecrets(url);
  }
  const query = u.search.length > 1 ? `?${u.search.slice(1).split('&').map((p) => (p.includes('=') ? `${p.slice(0, p.indexOf('='))}=***` : p)).join('&')}` : '';
  return `${u.protocol}//${u.host}${u.pathname}${query}`;
}

/** Milliseconds since `t0` (performance clock), rounded to 0.1 ms. */
export function since(t0: number): number {
  return Math.round((performance.now() - t0) * 10) / 10;
}

/** A network error as one sentence a person can act on. */
export function networkErrorMessage(err: unknown, where: string, timeoutMs: number): string {
  const e = err as NodeJS.ErrnoException & { reason?: string };
  switch (e?.code) {
    case 'ECONNREFUSED':
      return `Connection refused by ${where}: nothing listens there.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The name in ${where} does not resolve (DNS).`;
    case 'ETIMEDOUT':
    case 'TIMEOUT':
      return `No answer from ${where} within ${timeoutMs} ms.`;
    case 'ECONNRESET':
      return `${where} closed the connection.`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${where} is unreachable from this computer (no route).`;
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return `${where} presents a self-signed certificate that is not trusted.`;
    case 'CERT_HAS_EXPIRED':
      return `The certificate of ${where} has expired.`;
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `The certificate of ${where} is for another name.`;
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return `The certificate of ${where} is signed by an authority this computer does not trust.`;
    case 'ABORT_ERR':
      return `The check of ${where} was cancelled.`;
    default:
      return `${where}: ${e?.message || String(err)}`;
  }
}

/** Rejects after `ms` with code TIMEOUT; the caller cleans up in finally. */
export function timeoutAfter(ms: number, what: string): { promise: Promise<never>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`${what} did not answer within ${ms} ms.`), { code: 'TIMEOUT' })), ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}
