import WebSocket from 'ws';
import type { CheckResult } from '../../../contract';
import { trustedCa } from '../../metrics/service-endpoint';
import { fail, networkErrorMessage, pass, shownUrl, since, type CheckContext } from './check-context';

/** WebSocket: the upgrade handshake completes (101) within the timeout; then the socket is closed. */
export function websocketCheck(cfg: { url: string }, ctx: CheckContext): Promise<CheckResult> {
  const t0 = performance.now();
  let where = cfg.url;
  try {
    where = new URL(cfg.url).host;
  } catch {
    // the contract already checked the URL
  }
  return new Promise((resolve) => {
    const ws = new WebSocket(cfg.url, {
      handshakeTimeout: ctx.timeoutMs,
      headers: { 'user-agent': 'Opsdeck-HealthCheck/1' },
      ...trustedCa(ctx.extraCa),
    });
    let settled = false;
    const done = (r: CheckResult) => {
      if (settled) return;
      settled = true;
      ctx.signal?.removeEventListener('abort', onAbort);
      try {
        if (ws.readyState === WebSocket.OPEN) ws.close(1000);
        else ws.terminate();
      } catch {
        // already closed
      }
      resolve(r);
    };
    const onAbort = () => done(fail(`The check of ${where} was cancelled.`, since(t0)));
    ctx.signal?.addEventListener('abort', onAbort);
    ws.once('open', () => {
      const ms = since(t0);
      done(pass(`WebSocket handshake with ${where} completed in ${Math.round(ms)} ms.`, ms));
    });
    ws.once('unexpected-response', (_req, res) => {
      done(fail(`${shownUrl(cfg.url)} answered ${res.statusCode ?? '?'} ${res.statusMessage ?? ''} instead of switching to WebSocket (101).`.replace(/\s+\./, '.'), since(t0)));
    });
    ws.once('error', (err) => {
      const msg = /timed out/i.test(err.message) ? `No WebSocket handshake with ${where} within ${ctx.timeoutMs} ms.` : networkErrorMessage(err, where, ctx.timeoutMs);
      done(fail(msg, since(t0)));
    });
  });
}
