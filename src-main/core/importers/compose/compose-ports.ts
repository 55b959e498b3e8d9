import type { LValue } from '../shared/located';
import { getString, scalarText } from '../shared/located';

/** Ports and health checks of a Compose service, read without ever running anything. */

export interface PortMapping {
  published?: number;
  target?: number;
  text: string;
}

/** `${VAR:-8080}` → "8080"; `${VAR}` → undefined; plain text unchanged. */
export function interpolationDefault(text: string): string | undefined {
  const m = /^\$\{[A-Za-z_][A-Za-z0-9_]*(?::?[-=])([^}]*)\}$/.exec(text.trim());
  if (m) return m[1];
  if (/\$\{?[A-Za-z_]/.test(text)) return undefined;
  return text;
}

function portNumber(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const resolved = interpolationDefault(text);
  if (resolved === undefined) return undefined;
  const m = /^(\d+)(-\d+)?$/.exec(resolved.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  return n >= 1 && n <= 65535 ? n : undefined;
}

/** Short ("8080:80", "127.0.0.1:8080:80/tcp", "3000", "${PORT:-3000}:3000") or long syntax; null when unreadable. */
export function parsePort(v: LValue): PortMapping | null {
  if (v.kind === 'scalar' && v.value !== null) {
    const raw = String(v.value);
    const noProto = raw.replace(/\/(tcp|udp|sctp)$/i, '');
    // Split on ':' outside ${…} and outside [IPv6].
    const parts: string[] = [];
    let cur = '';
    let depth = 0;
    for (const ch of noProto) {
      if (ch === '{' || ch === '[') depth++;
      if (ch === '}' || ch === ']') depth--;
      if (ch === ':' && depth === 0) {
        parts.push(cur);
        cur = '';
      } else cur += ch;
    }
    parts.push(cur);
    const target = portNumber(parts[parts.length - 1]);
    const published = parts.length >= 2 ? portNumber(parts[parts.length - 2]) : undefined;
    if (target === undefined && published === undefined) return null;
    return { target, published, text: raw };
  }
  if (v.kind === 'map') {
    const target = portNumber(getString(v, 'target'));
    const published = portNumber(getString(v, 'published'));
    if (target === undefined && published === undefined) return null;
    return { target, published, text: `${published ?? ''}${published !== undefined ? ':' : ''}${target ?? ''}` };
  }
  return null;
}

export interface HealthInfo {
  command: string | null;
  disabled: boolean;
  path?: string;
  port?: number;
  interval?: string;
}

const LOCAL_URL = /https?:\/\/(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(?::(\d+))?(\/[^\s'"|;&)]*)?/;

export function parseHealthcheck(hc: LValue): HealthInfo | null {
  if (hc.kind !== 'map') return null;
  const disable = getString(hc, 'disable') === 'true';
  const test = hc.entries.find((e) => e.key === 'test')?.value;
  let command: string | null = null;
  let disabled = disable;
  if (test?.kind === 'seq') {
    const words = test.items.map((i) => scalarText(i) ?? '');
    const head = words[0]?.toUpperCase();
    if (head === 'NONE') disabled = true;
    else if (head === 'CMD-SHELL') command = words.slice(1).join(' ');
    else if (head === 'CMD') command = words.slice(1).join(' ');
    else command = words.join(' ');
  } else if (test?.kind === 'scalar' && test.value !== null) {
    command = String(test.value);
  }
  const info: HealthInfo = { command, disabled, interval: getString(hc, 'interval') };
  const m = command ? LOCAL_URL.exec(command) : null;
  if (m && /\b(curl|wget|http|fetch|node|python)/.test(command ?? '')) {
    info.path = m[2] ?? '/';
    if (m[1]) info.port = Number(m[1]);
  }
  return info;
}
