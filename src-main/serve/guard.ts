import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The checks `opsdeck serve` makes on every request and socket. The server binds 127.0.0.1
 * only; these stop a web page in the user's browser from reaching it anyway (DNS rebinding
 * through the Host header, cross-site requests through Origin) and anyone without the token.
 */
export interface Guard {
  readonly port: number;
  readonly token: string;
  readonly cookieName: string;
}

export type Refusal = { status: 401 | 403; code: string; message: string };

const LOCAL_NAMES = ['127.0.0.1', 'localhost'];

export function allowedHosts(port: number): string[] {
  return LOCAL_NAMES.map((n) => `${n}:${port}`);
}

export function allowedOrigins(port: number): string[] {
  return allowedHosts(port).map((h) => `http://${h}`);
}

export function checkHost(g: Guard, req: IncomingMessage): Refusal | null {
  const host = (req.headers.host ?? '').toLowerCase();
  if (!allowedHosts(g.port).includes(host)) {
    return {
      status: 403,
      code: 'BAD_HOST',
      message: `Refused: Opsdeck only answers to http://127.0.0.1:${g.port} or http://localhost:${g.port} (this request named "${host.slice(0, 80)}"). Open the address that \`opsdeck serve\` printed.`,
    };
  }
  return null;
}

/** Browsers send Origin on cross-origin requests and on every WebSocket; it must be ours. */
export function checkOrigin(g: Guard, req: IncomingMessage, required: boolean): Refusal | null {
  const origin = req.headers.origin;
  if (origin === undefined) {
    return required
      ? { status: 403, code: 'NO_ORIGIN', message: 'Refused: this connection did not say where it comes from. Open Opsdeck in a browser at the address `opsdeck serve` printed.' }
      : null;
  }
  if (!allowedOrigins(g.port).includes(origin.toLowerCase())) {
    return { status: 403, code: 'BAD_ORIGIN', message: `Refused: requests from ${origin.slice(0, 80)} may not use Opsdeck. Open Opsdeck directly at the address \`opsdeck serve\` printed.` };
  }
  return null;
}

export function tokenEquals(g: Guard, candidate: string | undefined | null): boolean {
  if (!candidate) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(g.token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function readCookie(req: IncomingMessage, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

/** The token may come as the session cookie or as `Authorization: Bearer …` (scripts). */
export function checkToken(g: Guard, req: IncomingMessage): Refusal | null {
  const auth = req.headers.authorization;
  const bearer = auth?.startsWith('Bearer ') ? auth.slice(7) : null;
  if (tokenEquals(g, readCookie(req, g.cookieName)) || tokenEquals(g, bearer)) return null;
  return NO_TOKEN;
}

export const NO_TOKEN: Refusal = {
  status: 401,
  code: 'NO_TOKEN',
  message:
    'Refused: this address needs the token that `opsdeck serve` printed when it started. Open the full address it printed (with ?token=…); a restarted server prints a new one.',
};
