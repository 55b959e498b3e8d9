import http from 'node:http';
import https from 'node:https';
import type { CheckConfig, CheckResult } from '../../../contract';
import { trustedCa } from '../../metrics/service-endpoint';
import { fail, networkErrorMessage, pass, shownUrl, since, type CheckContext } from './check-context';

type HttpConfig = Extract<CheckConfig, { type: 'http' }>;

/** Redirects followed before giving up. */
export const MAX_REDIRECTS = 5;
/** Body bytes read for the keyword and the JSON field; the rest is discarded. */
const MAX_BODY = 1024 * 1024;

interface Response {
  status: number;
  statusText: string;
  location: string | undefined;
  body: string;
}

/**
 * HTTP(S): the final status is one of `expectStatus` ("2xx", "301"…), the body contains
 * `keyword`, and the JSON field `jsonPath` (dot path) equals `jsonEquals` as text. Redirects are
 * followed (up to 5) unless `expectStatus` names an exact 3xx code: then the redirect itself is
 * what is checked. `value` is the JSON field when it is a number.
 */
export async function httpCheck(cfg: HttpConfig, ctx: CheckContext): Promise<CheckResult> {
  const t0 = performance.now();
  const deadline = Date.now() + ctx.timeoutMs;
  const follow = !cfg.expectStatus.some((s) => /^3\d\d$/.test(s));
  let url = cfg.url;
  let res: Response;
  try {
    for (let hop = 0; ; hop++) {
      res = await request(url, cfg, ctx, Math.max(1, deadline - Date.now()));
      if (!follow || res.status < 300 || res.status >= 400 || !res.location) break;
      if (hop >= MAX_REDIRECTS) return fail(`More than ${MAX_REDIRECTS} redirects, the last to ${res.location}.`, since(t0));
      url = new URL(res.location, url).toString();
      if (!/^https?:/i.test(url)) return fail(`Redirected to ${shownUrl(url)}, which is not HTTP.`, since(t0));
    }
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const hint = !cfg.ignoreTlsErrors && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(e?.code ?? '') ? ' Turn on "ignore TLS errors" to accept it.' : '';
    return fail(networkErrorMessage(err, hostOf(url), ctx.timeoutMs) + hint, since(t0));
  }
  const ms = since(t0);
  const statusLine = `${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
  if (!statusMatches(res.status, cfg.expectStatus)) {
    return fail(`${shownUrl(url)} answered ${statusLine} (expected ${cfg.expectStatus.join(', ')}).`, ms);
  }
  if (cfg.keyword !== undefined && cfg.keyword !== '' && !res.body.includes(cfg.keyword)) {
    return fail(`${shownUrl(url)} answered ${statusLine} but the response does not contain "${cfg.keyword}".`, ms);
  }
  let value: number | null = null;
  if (cfg.jsonPath) {
    let doc: unknown;
    try {
      doc = JSON.parse(res.body);
    } catch {
      return fail(`${shownUrl(url)} answered ${statusLine} but the body is not JSON, so field ${cfg.jsonPath} cannot be read.`, ms);
    }
    const found = readPath(doc, cfg.jsonPath);
    if (!found.exists) return fail(`The JSON answer of ${shownUrl(url)} has no field ${cfg.jsonPath}.`, ms);
    if (typeof found.value === 'number' && Number.isFinite(found.value)) value = found.value;
    const text = typeof found.value === 'string' ? found.value : JSON.stringify(found.value);
    if (cfg.jsonEquals !== undefined && text !== cfg.jsonEquals) {
      return fail(`JSON field ${cfg.jsonPath} of ${shownUrl(url)} is ${JSON.stringify(text)}, expected ${JSON.stringify(cfg.jsonEquals)}.`, ms, value);
    }
  }
  return pass(`${statusLine} in ${Math.round(ms)} ms${url !== cfg.url ? ` (after redirects, from ${shownUrl(url)})` : ''}.`, ms, value);
}

/** "2xx" matches 200–299, "301" only 301. */
export function statusMatches(status: number, expected: string[]): boolean {
  return expected.some((e) => (/^[1-5]xx$/.test(e) ? Math.floor(status / 100) === Number(e[0]) : Number(e) === status));
}

/** Reads `a.b.0.c` from parsed JSON (array indexes allowed). */
export function readPath(doc: unknown, path: string): { exists: boolean; value?: unknown } {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, part)) return { exists: false };
    cur = (cur as Record<string, unknown>)[part];
  }
  return { exists: true, value: cur };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function request(url: string, cfg: HttpConfig, ctx: CheckContext, timeoutMs: number): Promise<Response> {
  const u = new URL(url);
  const isHttps = u.protocol === 'https:';
  const lib = isHttps ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      u,
      {
        method: cfg.method,
        headers: { 'user-agent': 'Opsdeck-HealthCheck/1', accept: '*/*', connection: 'close' },
        agent: false,
        signal: ctx.signal,
        ...(isHttps ? { rejectUnauthorized: !cfg.ignoreTlsErrors, ...trustedCa(ctx.extraCa) } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          if (size < MAX_BODY) chunks.push(c.subarray(0, MAX_BODY - size));
          size += c.length;
        });
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', location: res.headers.location, body: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', (e) => {
          clearTimeout(timer);
          reject(e);
        });
      },
    );
    const timer = setTimeout(() => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })), timeoutMs);
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    req.end();
  });
}
