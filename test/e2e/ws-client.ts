import WebSocket from 'ws';
import type { ServeProcess } from './harness';

export interface WsOptions {
  token?: string | null;
  origin?: string | null;
  host?: string;
}

export interface WsClient {
  call(name: string, input?: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string; hint?: string; details?: unknown } }>;
  messages: unknown[];
  close(): void;
}

/** A raw client of serve's socket, to test what a browser page or a script could send. */
export function connectWs(serve: ServeProcess, opts: WsOptions = {}): Promise<WsClient> {
  const headers: Record<string, string> = {};
  const token = opts.token === undefined ? serve.token : opts.token;
  if (token !== null) headers.Cookie = `opsdeck_${serve.port}=${encodeURIComponent(token)}`;
  const origin = opts.origin === undefined ? serve.origin : opts.origin;
  if (origin !== null) headers.Origin = origin;
  if (opts.host) headers.Host = opts.host;
  const ws = new WebSocket(`ws://127.0.0.1:${serve.port}/ws`, { headers });
  const messages: unknown[] = [];
  const pending = new Map<number, (r: never) => void>();
  let nextId = 1;
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString());
    messages.push(msg);
    if (msg.t === 'result') pending.get(msg.id)?.(msg as never);
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () =>
      resolve({
        messages,
        call(name, input) {
          const id = nextId++;
          return new Promise((r) => {
            pending.set(id, r as never);
            ws.send(JSON.stringify({ t: 'call', id, name, input }));
          });
        },
        close: () => ws.close(),
      }),
    );
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => reject(Object.assign(new Error(body.trim()), { status: res.statusCode })));
    });
    ws.once('error', reject);
  });
}
