import type { DraftPart } from '../types';
import type { DraftService } from '../../../contract';
import type { TomlLines } from './toml-lines';

/** [[redirects]] and [[headers]]: summaries for the notes, and the origins proxies depend on. */

type Table = Record<string, unknown>;
const isTable = (v: unknown): v is Table => typeof v === 'object' && v !== null && !Array.isArray(v);
const REDIRECT_KEYS = new Set(['from', 'to', 'status', 'force', 'query', 'conditions', 'headers', 'signed', 'edge_handler', 'function']);
const clip = (s: string, n = 120): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const SECURITY_HEADERS = ['content-security-policy', 'strict-transport-security', 'x-frame-options', 'x-content-type-options', 'referrer-policy', 'permissions-policy', 'x-xss-protection', 'cross-origin-opener-policy', 'cross-origin-embedder-policy', 'cross-origin-resource-policy'];

export function readRedirects(value: unknown, site: DraftService, part: DraftPart, file: string, loc: TomlLines, notes: string[], warn: (line: number, m: string) => void): void {
  if (!Array.isArray(value)) {
    warn(loc.line('redirects'), 'redirects should be an array of [[redirects]] tables; ignored');
    return;
  }
  let rewrites = 0;
  let redirects = 0;
  let toFunctions = 0;
  const proxies: string[] = [];
  value.forEach((r, i) => {
    const line = loc.line('redirects', i);
    if (!isTable(r)) {
      warn(line, `redirects[${i}] is not a table; ignored`);
      return;
    }
    for (const k of Object.keys(r)) if (!REDIRECT_KEYS.has(k)) warn(loc.line('redirects', i, k), `redirects[${i}].${k} is not a redirect setting Opsdeck knows; ignored`);
    const from = typeof r.from === 'string' ? r.from : null;
    const to = typeof r.to === 'string' ? r.to : null;
    if (!from || !to) {
      warn(line, `redirects[${i}] needs both from and to; ignored`);
      return;
    }
    const status = typeof r.status === 'number' ? r.status : 301;
    if (to.startsWith('/.netlify/functions/')) toFunctions++;
    let origin: string | null = null;
    try {
      if (/^https?:\/\//i.test(to)) origin = new URL(to.replace(/:splat|:\w+/g, 'x')).origin;
    } catch {
      warn(line, `redirects[${i}].to ${to} is not a URL Opsdeck understands`);
    }
    if (origin && status === 200) {
      // a 200 to another origin is a proxy: the site depends on that origin answering
      rewrites++;
      proxies.push(`${from} → ${clip(to)}`);
      const key = `netlify-proxy:${origin}`;
      if (!part.services.some((s) => s.key === key)) {
        part.services.push({
          key,
          name: new URL(origin).host,
          kind: 'http-endpoint',
          config: { url: origin },
          hostKey: null,
          environment: null,
          notes: `Origin the Netlify site proxies to (${from} → ${clip(to)}).`,
          source: { file, line },
        });
      }
      if (!part.links.some((l) => l.fromKey === site.key && l.toKey === key)) {
        part.links.push({ fromKey: site.key, toKey: key, kind: 'depends-on', reason: `redirect ${from} → ${clip(to)} (status 200 proxy)`, source: { file, line } });
      }
    } else if (status === 200) rewrites++;
    else redirects++;
  });
  const bits = [`${value.length} redirect rules`, `${redirects} redirects`, `${rewrites} rewrites`];
  if (toFunctions) bits.push(`${toFunctions} to functions`);
  notes.push(`${bits.join(', ')}${proxies.length ? `; proxies: ${proxies.slice(0, 10).join('; ')}` : ''}`);
}

export function readHeaders(value: unknown, loc: TomlLines, notes: string[], warn: (line: number, m: string) => void): void {
  if (!Array.isArray(value)) {
    warn(loc.line('headers'), 'headers should be an array of [[headers]] tables; ignored');
    return;
  }
  const security = new Set<string>();
  const paths: string[] = [];
  value.forEach((h, i) => {
    if (!isTable(h) || typeof h.for !== 'string' || !isTable(h.values)) {
      warn(loc.line('headers', i), `headers[${i}] needs for = "…" and a [headers.values] table; ignored`);
      return;
    }
    paths.push(h.for);
    for (const name of Object.keys(h.values)) if (SECURITY_HEADERS.includes(name.toLowerCase())) security.add(name);
  });
  notes.push(`headers for ${paths.length} paths (${paths.slice(0, 5).join(', ')}${paths.length > 5 ? ', …' : ''}); security headers: ${security.size ? [...security].join(', ') : 'none'}`);
}
