import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shownUrl } from '../../../../src-main/core/health/checks/check-context';
import { httpCheck } from '../../../../src-main/core/health/checks/http-check';
import { websocketCheck } from '../../../../src-main/core/health/checks/websocket-check';

/** A check's URL may carry credentials (user:password@, ?key=…): its messages never show them. */
const ctx = { timeoutMs: 2000, extraCa: [] };
let server: Server;
let at = '';

beforeAll(async () => {
  // Answers 404 to everything, WebSocket upgrades included (no 101).
  server = createServer((req, res) => res.writeHead(req.url?.startsWith('/json') ? 200 : 404, { 'content-type': 'application/json' }).end('{"status":"down"}'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  at = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const http = (url: string, extra: Record<string, unknown> = {}) => ({ type: 'http' as const, method: 'GET' as const, expectStatus: ['2xx'], ignoreTlsErrors: false, url, ...extra });

describe('shownUrl', () => {
  it('drops the user name and password and masks every query value', () => {
    expect(shownUrl('https://ops:s3cret-pw@api.example.com:8443/v1/health?key=abc123&verbose&sig=x%2Fy#frag')).toBe('https://api.example.com:8443/v1/health?key=***&verbose&sig=***');
    expect(shownUrl('wss://user@stream.example.com/ws?access=t0k3n')).toBe('wss://stream.example.com/ws?access=***');
  });

  it('keeps a URL without credentials as it was', () => {
    expect(shownUrl('http://127.0.0.1:8080/health')).toBe('http://127.0.0.1:8080/health');
  });

  it('falls back to the redacted text when the URL does not parse', () => {
    expect(shownUrl('not a url password=hunter22')).toBe('not a url password=***');
  });
});

describe('check messages name the URL without its credentials', () => {
  it('HTTP: a wrong status, and a JSON field that differs', async () => {
    const r = await httpCheck(http(`http://probe:pw-9f3k2@${at}/health?key=key-7Hq2x&token=tok-81jd`), ctx);
    expect(r).toMatchObject({ ok: false, message: `http://${at}/health?key=***&token=*** answered 404 Not Found (expected 2xx).` });
    const j = await httpCheck(http(`http://${at}/json?key=key-7Hq2x`, { jsonPath: 'status', jsonEquals: 'ok' }), ctx);
    expect(j).toMatchObject({ ok: false, message: `JSON field status of http://${at}/json?key=*** is "down", expected "ok".` });
  });

  it('WebSocket: an endpoint that does not switch protocols', async () => {
    const r = await websocketCheck({ url: `ws://probe:pw-9f3k2@${at}/ws?key=key-7Hq2x` }, ctx);
    expect(r.ok).toBe(false);
    expect(r.message).toContain(`ws://${at}/ws?key=*** answered 404`);
    expect(r.message).not.toMatch(/pw-9f3k2|key-7Hq2x|probe/);
  });
});
