import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventName } from '../contract';
import type { Dispatch } from '../ipc/router';
import type { CallContext } from '../ipc/types';
import { NO_TOKEN, checkHost, checkOrigin, checkToken, tokenEquals, type Guard, type Refusal } from './guard';
import { securityHeaders, serveStatic } from './static-files';

export interface ServeHostOptions {
  dispatch: Dispatch;
  /** Subscribes to every contract event; returns an unsubscribe function. */
  onAnyEvent: (l: (name: EventName, payload: unknown) => void) => () => void;
  /** Called when a connection closes, so its stream sessions end. */
  onConnectionClosed?: (connectionId: string) => void;
  staticDir: string;
  port?: number;
  token?: string;
}

export interface ServeHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

function refuse(res: ServerResponse, r: Refusal): void {
  securityHeaders(res);
  res.writeHead(r.status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(r.message + '\n');
}

function refuseUpgrade(socket: Duplex, r: Refusal): void {
  const text = r.message + '\n';
  socket.end(
    `HTTP/1.1 ${r.status} ${r.status === 401 ? 'Unauthorized' : 'Forbidden'}\r\n` +
      `Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
  );
}

/**
 * `opsdeck serve`: the UI and the calls of the contract over HTTP + WebSocket on 127.0.0.1.
 * Every request and socket must carry the token (cookie or bearer), a Host of 127.0.0.1 or
 * localhost, and (sockets always, requests when present) our own Origin.
 */
export async function startServeHost(opts: ServeHostOptions): Promise<ServeHost> {
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const server: Server = createServer();
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const guard: Guard = { port, token, cookieName: `opsdeck_${port}` };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const refusal = checkHost(guard, req) ?? checkOrigin(guard, req, false);
    if (refusal) return refuse(res, refusal);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return refuse(res, { status: 403, code: 'METHOD', message: 'Refused: Opsdeck serve only answers GET; actions go through its WebSocket.' });
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const offered = url.searchParams.get('token');
    if (offered !== null) {
      if (!tokenEquals(guard, offered)) return refuse(res, NO_TOKEN);
      // Trade the token in the address for an HttpOnly cookie and drop it from the address bar.
      url.searchParams.delete('token');
      securityHeaders(res);
      res.writeHead(302, {
        'Set-Cookie': `${guard.cookieName}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
        Location: url.pathname + url.search,
        'Cache-Control': 'no-store',
      });
      return res.end();
    }
    const tokenRefusal = checkToken(guard, req);
    if (tokenRefusal) return refuse(res, tokenRefusal);
    securityHeaders(res);
    void serveStatic(opts.staticDir, url.pathname, res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const sockets = new Set<WebSocket>();
  let nextConnection = 0;

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const refusal =
      checkHost(guard, req) ??
      checkOrigin(guard, req, true) ??
      (url.pathname === '/ws' ? null : { status: 403 as const, code: 'PATH', message: 'Refused: unknown socket path.' }) ??
      checkToken(guard, req);
    if (refusal) return refuseUpgrade(socket, refusal);
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  function attach(ws: WebSocket): void {
    sockets.add(ws);
    const connectionId = `c${++nextConnection}`;
    const send = (msg: unknown) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
    };
    const ctx: CallContext = {
      connectionId,
      send: (name, payload) => send({ t: 'event', name, payload }),
    };
    const off = opts.onAnyEvent((name, payload) => send({ t: 'event', name, payload }));
    ws.on('message', (data, isBinary) => {
      if (isBinary) return send({ t: 'error', error: { code: 'VALIDATION', message: 'Binary messages are not accepted.' } });
      let msg: { t?: unknown; id?: unknown; name?: unknown; input?: unknown };
      try {
        msg = JSON.parse(data.toString());
      } catch {
        return send({ t: 'error', error: { code: 'VALIDATION', message: 'The message is not valid JSON.' } });
      }
      if (msg === null || typeof msg !== 'object' || msg.t !== 'call' || typeof msg.id !== 'number') {
        return send({ t: 'error', error: { code: 'VALIDATION', message: 'Expected {"t":"call","id":<number>,"name":…,"input":…}.' } });
      }
      const id = msg.id;
      void opts.dispatch(msg.name, msg.input, ctx).then((r) => send({ t: 'result', id, ...r }));
    });
    ws.on('close', () => {
      sockets.delete(ws);
      off();
      opts.onConnectionClosed?.(connectionId);
    });
  }

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    async close() {
      for (const s of sockets) s.terminate();
      wss.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
