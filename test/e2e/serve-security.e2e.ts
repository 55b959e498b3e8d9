import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type ServeProcess } from './harness';
import { connectWs, type WsClient } from './ws-client';

let serve: ServeProcess;
let admin: WsClient;

function get(path: string, headers: Record<string, string> = {}, host = '127.0.0.1'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port: serve.port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const cookie = () => ({ Cookie: `opsdeck_${serve.port}=${serve.token}` });

/** A fingerprint of everything a refused request could have changed. */
async function stateFingerprint(): Promise<string> {
  const tree = await admin.call('inventory.tree', {});
  const audit = await admin.call('audit.list', {});
  const settings = await admin.call('settings.get', {});
  return JSON.stringify([tree.value, audit.value, settings.value]);
}

/** Tries to change things through a refused door, then checks nothing changed. */
async function expectRefusedSocket(opts: Parameters<typeof connectWs>[1], status: number, text: RegExp): Promise<void> {
  const before = await stateFingerprint();
  let client: WsClient | null = null;
  const err = await connectWs(serve, opts).then(
    (c) => {
      client = c;
      return null;
    },
    (e: Error & { status?: number }) => e,
  );
  if (client) {
    await (client as WsClient).call('projects.create', { name: 'should-not-exist' });
    (client as WsClient).close();
  }
  expect(err, 'the socket must be refused').not.toBeNull();
  expect(err!.status).toBe(status);
  expect(err!.message).toMatch(text);
  expect(await stateFingerprint()).toBe(before);
}

beforeAll(async () => {
  serve = await startServe();
  admin = await connectWs(serve);
  const r = await admin.call('projects.create', { name: 'Existing project' });
  expect(r.ok).toBe(true);
});
afterAll(async () => {
  admin?.close();
  await serve?.stop();
});

describe('opsdeck serve refuses what it must', () => {
  it('binds 127.0.0.1 only', async () => {
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i && i.family === 'IPv4' && !i.internal)
      .map((i) => i!.address);
    for (const ip of others) {
      await expect(get('/', cookie(), ip)).rejects.toThrow(/ECONNREFUSED/);
    }
    await expect(get('/', cookie(), '127.0.0.2')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('refuses a page request without a token', async () => {
    const r = await get('/');
    expect(r.status).toBe(401);
    expect(r.body).toMatch(/needs the token/);
    expect(r.body).not.toContain('<script');
  });

  it('refuses a wrong token, in the address, the cookie or a bearer header', async () => {
    expect((await get('/?token=wrong')).status).toBe(401);
    expect((await get(`/?token=${serve.token.slice(0, -1)}x`)).status).toBe(401);
    expect((await get('/', { Cookie: `opsdeck_${serve.port}=nope` })).status).toBe(401);
    expect((await get('/', { Authorization: 'Bearer nope' })).status).toBe(401);
  });

  it('trades the right token for an HttpOnly, SameSite=Strict cookie and serves the app', async () => {
    const r = await get(`/?token=${serve.token}`);
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe('/');
    const setCookie = String(r.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const page = await get('/', cookie());
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(page.headers['x-frame-options']).toBe('DENY');
  });

  it('refuses a Host header other than 127.0.0.1 or localhost (DNS rebinding)', async () => {
    for (const host of [`evil.example:${serve.port}`, `127.0.0.1.nip.io:${serve.port}`, 'localhost', `127.0.0.1:${serve.port + 1}`]) {
      const r = await get('/', { ...cookie(), Host: host });
      expect(r.status, host).toBe(403);
      expect(r.body).toMatch(/only answers to/);
    }
    expect((await get('/', { ...cookie(), Host: `localhost:${serve.port}` })).status).toBe(200);
  });

  it('refuses a foreign Origin on a request', async () => {
    const r = await get('/', { ...cookie(), Origin: 'http://evil.example' });
    expect(r.status).toBe(403);
    expect(r.body).toMatch(/may not use Opsdeck/);
  });

  it('refuses sockets without a token, with a wrong token, a foreign Origin, no Origin or a foreign Host; nothing changes', async () => {
    await expectRefusedSocket({ token: null }, 401, /needs the token/);
    await expectRefusedSocket({ token: 'wrong-token' }, 401, /needs the token/);
    await expectRefusedSocket({ origin: 'http://evil.example' }, 403, /may not use Opsdeck/);
    await expectRefusedSocket({ origin: `http://127.0.0.1:${serve.port + 1}` }, 403, /may not use Opsdeck/);
    await expectRefusedSocket({ origin: null }, 403, /did not say where it comes from/);
    await expectRefusedSocket({ host: `evil.example:${serve.port}` }, 403, /only answers to/);
  });

  it('refuses other methods than GET on HTTP', async () => {
    const r = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: serve.port, path: '/', method: 'POST', headers: cookie() }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('{}');
    });
    expect(r).toBe(403);
  });

  it('answers junk on an accepted socket with a clear error and keeps serving', async () => {
    const before = await stateFingerprint();
    const c = await connectWs(serve);
    const ws = (c as unknown as { messages: unknown[] }).messages;
    const unknown = await c.call('projects.dropAll', {});
    expect(unknown.ok).toBe(false);
    expect(unknown.error!.code).toBe('UNKNOWN_CALL');
    c.close();
    expect(ws.length).toBeGreaterThan(0);
    expect(await stateFingerprint()).toBe(before);
  });
});
