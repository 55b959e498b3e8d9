import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertNotification, CallName, CallOutput, Check, CheckResult } from '../../../src-main/contract';
import { cmd } from '../../../src-main/core/connectors/ssh/remote-command';
import type { Core } from '../../../src-main/core/create-core';
import { composeApp, type ComposedApp } from '../../../src-main/ipc/compose';
import type { CallContext } from '../../../src-main/ipc/types';
import { capabilities, startIaComercial, startServistech, type IaComercialDroplet, type ServistechDroplet } from '../../fleet';
import { addHost, trust } from '../ssh/ssh-helpers';

/**
 * Every kind of check against the real fleet, through the same calls the UI makes, and a PM2
 * app that is stopped and started again: DOWN within interval × (retries + 1) + 5 s, then UP
 * with exactly one recovery notification (also received by a real webhook server).
 */
let ia: IaComercialDroplet;
let st: ServistechDroplet;
let app: ComposedApp;
let core: Core;
let dataDir: string;
const envKey = randomBytes(32).toString('hex');
const ids = { env: '', ia: '', st: '', pg: '', pgBouncerUrl: '', pgWrong: '', redis: '', rediss: '' };
const ctx: CallContext = { connectionId: 'test', send: () => undefined };

async function call<K extends CallName>(name: K, input: unknown): Promise<CallOutput<K>> {
  const r = await app.dispatch(name, input, ctx);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as CallOutput<K>;
}
const tryCheck = (config: unknown) => call('checks.try', config) as Promise<CheckResult>;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'opsdeck-health-'));
  [ia, st] = await Promise.all([startIaComercial({ name: 'ia-health' }), startServistech({ name: 'st-health', redisTls: true })]);
  // The droplet's private CA, as a user would add theirs.
  process.env.OPSDECK_EXTRA_CA_CERTS = st.tlsCaPath;
  app = await composeApp({ dataDir, host: 'serve', version: 'test', envKey });
  core = app.core;
  const project = core.inventory.createProject({ name: 'Fleet', description: '' });
  ids.env = core.inventory.createEnvironment({ projectId: project.id, name: 'production', kind: 'production' }).id;
  ids.ia = addHost(core, ids.env, ia, 'key', { name: 'ia-comercial' }).id;
  ids.st = addHost(core, ids.env, st, 'key', { name: 'servistech' }).id;
  await Promise.all([trust(core, ids.ia, ia), trust(core, ids.st, st)]);
  const inv = core.inventory;
  const dbCred = inv.createCredential({ name: 'servistech db', kind: 'generic', username: st.dbUser, notes: '', secrets: { value: { action: 'set', value: st.dbPassword } } });
  const badCred = inv.createCredential({ name: 'wrong db', kind: 'generic', username: st.dbUser, notes: '', secrets: { value: { action: 'set', value: 'not-the-password-x1' } } });
  const urlCred = inv.createCredential({
    name: 'pgbouncer url',
    kind: 'database-url',
    username: '',
    notes: '',
    secrets: { value: { action: 'set', value: `postgresql://${st.dbUser}:${encodeURIComponent(st.dbPassword)}@127.0.0.1:${st.pgbouncerPort}/${st.database}` } },
  });
  const redisCred = inv.createCredential({ name: 'redis', kind: 'generic', username: '', notes: '', secrets: { value: { action: 'set', value: st.redisPassword } } });
  const svc = (name: string, kind: 'postgres' | 'redis', config: Record<string, unknown>, credentialId: string) =>
    inv.createService({ environmentId: ids.env, hostId: ids.st, name, kind, config, credentialId, notes: '' }).id;
  ids.pg = svc('PostgreSQL', 'postgres', { url: `postgresql://127.0.0.1:${st.postgresPort}`, port: st.postgresPort, databaseName: st.database }, dbCred.id);
  ids.pgWrong = svc('PostgreSQL (wrong password)', 'postgres', { url: `postgresql://127.0.0.1:${st.postgresPort}`, databaseName: st.database }, badCred.id);
  ids.pgBouncerUrl = svc('PgBouncer', 'postgres', { port: st.pgbouncerPort }, urlCred.id);
  ids.redis = svc('Redis', 'redis', { url: `redis://127.0.0.1:${st.redisPort}` }, redisCred.id);
  ids.rediss = svc('Redis TLS', 'redis', { url: `rediss://127.0.0.1:${st.redisTlsPort}` }, redisCred.id);
}, 180_000);

afterAll(async () => {
  app?.close();
  delete process.env.OPSDECK_EXTRA_CA_CERTS;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  await Promise.all([ia?.stop(), st?.stop()]);
});

describe.skipIf(!capabilities.nginx)('http checks on IA Comercial', () => {
  it('passes on nginx /health with a keyword and a JSON field', async () => {
    const r = await tryCheck({ type: 'http', url: `http://${ia.host}:${ia.nginxPort}/health`, keyword: '"ok"', jsonPath: 'status', jsonEquals: 'ok' });
    expect(r).toMatchObject({ ok: true, message: expect.stringMatching(/^200 OK in \d+ ms\.$/) });
    expect(r.latencyMs).toBeGreaterThan(0);
  });

  it('passes on the app itself and reads a numeric JSON field as the value', async () => {
    const r = await tryCheck({ type: 'http', url: `http://127.0.0.1:${ia.appPort}/health/detailed`, jsonPath: 'database.ok', jsonEquals: 'true' });
    expect(r.ok).toBe(true);
    const leads = await tryCheck({ type: 'http', url: `http://127.0.0.1:${ia.appPort}/health/detailed`, jsonPath: 'pid' });
    expect(leads.ok).toBe(true);
    expect(leads.value).toBeGreaterThan(1);
  });

  it('fails with what was wrong: status, keyword, JSON field', async () => {
    const fail500 = await tryCheck({ type: 'http', url: `http://${ia.host}:${ia.nginxPort}/api/fail` });
    expect(fail500).toMatchObject({ ok: false, message: `http://${ia.host}:${ia.nginxPort}/api/fail answered 500 Internal Server Error (expected 2xx, 3xx).` });
    const kw = await tryCheck({ type: 'http', url: `http://${ia.host}:${ia.nginxPort}/health`, keyword: 'degraded' });
    expect(kw).toMatchObject({ ok: false, message: expect.stringContaining('does not contain "degraded"') });
    const json = await tryCheck({ type: 'http', url: `http://${ia.host}:${ia.nginxPort}/health`, jsonPath: 'status', jsonEquals: 'green' });
    expect(json).toMatchObject({ ok: false, message: `JSON field status of http://${ia.host}:${ia.nginxPort}/health is "ok", expected "green".` });
  });

  it('refuses the self-signed certificate unless TLS errors are ignored', async () => {
    const url = `https://${ia.host}:${ia.nginxTlsPort}/health`;
    const strict = await tryCheck({ type: 'http', url });
    expect(strict.ok).toBe(false);
    expect(strict.message).toContain('self-signed');
    expect(strict.message).toContain('ignore TLS errors');
    expect(await tryCheck({ type: 'http', url, ignoreTlsErrors: true })).toMatchObject({ ok: true });
  });
});

describe('tcp, tls and websocket checks', () => {
  it.skipIf(!capabilities.nginx)('tcp: accepted on nginx, refused on a closed port', async () => {
    expect(await tryCheck({ type: 'tcp', host: ia.host, port: ia.nginxPort })).toMatchObject({ ok: true });
    const closed = await tryCheck({ type: 'tcp', host: '127.0.0.1', port: 1 });
    expect(closed).toMatchObject({ ok: false, message: 'Connection refused by 127.0.0.1:1: nothing listens there.' });
  });

  it.skipIf(!capabilities.nginx)('tls: the 3-day certificate is DOWN with minDays 14, with its date and subject', async () => {
    const r = await tryCheck({ type: 'tls', host: st.host, port: st.expiringTlsPort, servername: st.expiringTlsServerName, minDays: 14 });
    expect(r.ok).toBe(false);
    expect([2, 3]).toContain(r.value);
    expect(r.message).toMatch(/expires on \d{4}-\d\d-\d\d \d\d:\d\d UTC: [23] days left, fewer than 14\./);
    expect(r.message).toContain(`CN=${st.expiringTlsServerName}`);
    // Trusted through OPSDECK_EXTRA_CA_CERTS: no "not trusted" remark.
    expect(r.message).not.toContain('Not trusted');
    expect(await tryCheck({ type: 'tls', host: st.host, port: st.expiringTlsPort, servername: st.expiringTlsServerName, minDays: 1 })).toMatchObject({ ok: true });
  });

  it('websocket: the handshake completes on SERVISTECH (direct and through nginx)', async () => {
    const direct = await tryCheck({ type: 'websocket', url: `ws://127.0.0.1:${st.wsPort}/ws` });
    expect(direct).toMatchObject({ ok: true, message: expect.stringContaining('WebSocket handshake with') });
    if (capabilities.nginx) expect(await tryCheck({ type: 'websocket', url: `ws://${st.host}:${st.nginxPort}/ws` })).toMatchObject({ ok: true });
    const notWs = await tryCheck({ type: 'websocket', url: `ws://127.0.0.1:${st.apiPorts[0]}/health` });
    expect(notWs.ok).toBe(false);
  });
});

describe('database checks with the inventory credentials', () => {
  it.skipIf(!capabilities.postgres)('postgres: SELECT 1 with the credential through the host\'s SSH connection; PgBouncer with a database-url credential', async () => {
    const r = await tryCheck({ type: 'postgres', serviceId: ids.pg });
    expect(r).toMatchObject({ ok: true, message: expect.stringMatching(new RegExp(`^PostgreSQL at 127\\.0\\.0\\.1:${st.postgresPort}/${st.database} on servistech answered SELECT 1 in \\d+ ms \\(through SSH\\)\\.$`)) });
    const viaUrl = await tryCheck({ type: 'postgres', serviceId: ids.pgBouncerUrl });
    expect(viaUrl, viaUrl.message).toMatchObject({ ok: true, message: expect.stringContaining(`127.0.0.1:${st.pgbouncerPort}/${st.database}`) });
  });

  it.skipIf(!capabilities.postgres)('postgres: a wrong password fails clearly and the password is nowhere', async () => {
    const r = await tryCheck({ type: 'postgres', serviceId: ids.pgWrong });
    expect(r.ok).toBe(false);
    expect(r.message).toContain('password authentication failed');
    expect(r.message).not.toContain('not-the-password-x1');
  });

  it.skipIf(!capabilities.postgres)('while the vault is locked a database check says so and does not count', async () => {
    const check = (await call('checks.create', { name: 'db', config: { type: 'postgres', serviceId: ids.pg }, intervalSec: 3600, retries: 0 })) as Check;
    core.vault.lock();
    try {
      const r = await core.health.runNow(check.id);
      expect(r).toMatchObject({ ok: false, message: 'Not checked: the vault is locked, so the credential cannot be read. Unlock Opsdeck to resume this check.' });
      expect(core.health.get(check.id).state).not.toBe('down');
      expect(core.health.beats(check.id, 10).every((b) => b.ok)).toBe(true);
    } finally {
      core.vault.unlock(envKey);
    }
    expect(await core.health.runNow(check.id)).toMatchObject({ ok: true });
    expect(core.health.get(check.id).state).toBe('up');
    await call('checks.delete', { id: check.id });
  });

  it.skipIf(!capabilities.redis)('redis: PING with the password, plain and rediss:// (CA trusted)', async () => {
    expect(await tryCheck({ type: 'redis', serviceId: ids.redis })).toMatchObject({ ok: true, message: expect.stringContaining(`Redis at 127.0.0.1:${st.redisPort} on servistech (through SSH) answered PONG`) });
    expect(await tryCheck({ type: 'redis', serviceId: ids.rediss })).toMatchObject({ ok: true, message: expect.stringContaining('(TLS, through SSH) answered PONG') });
  });

  it.skipIf(!capabilities.redis)('redis: nothing listening on the host\'s port is said plainly, not "connection closed"', async () => {
    const free = (await import('node:net')).createServer();
    await new Promise<void>((r) => free.listen(0, '127.0.0.1', r));
    const port = (free.address() as AddressInfo).port;
    await new Promise((r) => free.close(r));
    const gone = core.inventory.createService({ environmentId: ids.env, hostId: ids.st, name: 'Redis gone', kind: 'redis', config: { port }, credentialId: null, notes: '' }).id;
    const r = await tryCheck({ type: 'redis', serviceId: gone });
    expect(r.ok).toBe(false);
    expect(r.message).toBe(`Nothing listens at 127.0.0.1:${port} on servistech: the host refused the connection to port ${port}.`);
  });
});

describe('metric checks on collected values', () => {
  it('reads the host\'s CPU collected by core.metrics and compares it with the check\'s limit', async () => {
    // CPU is a rate: two polls a moment apart.
    await core.metrics.pollNow(ids.ia);
    await new Promise((r) => setTimeout(r, 1100));
    const report = await core.metrics.pollNow(ids.ia);
    expect(report?.error ?? null).toBeNull();
    const cpu = core.metrics.latest({ kind: 'host', id: ids.ia }, 'host.cpu');
    expect(cpu).not.toBeNull();
    const target = { kind: 'host', id: ids.ia };
    const over = await tryCheck({ type: 'metric', target, key: 'host.cpu', direction: 'above', value: -1 });
    expect(over).toMatchObject({ ok: false, value: cpu!.v, message: expect.stringMatching(/^host\.cpu is [\d.]+ \(limit: above -1\)\.$/) });
    expect(await tryCheck({ type: 'metric', target, key: 'host.cpu', direction: 'above', value: 1000 })).toMatchObject({ ok: true, value: cpu!.v });
    expect(await tryCheck({ type: 'metric', target, key: 'host.nothing' })).toMatchObject({ ok: false, message: expect.stringContaining('No value of host.nothing has been collected yet') });
  });
});

describe('pm2', () => {
  it('reads the app as online from its pid file, cheaper than pm2 jlist', async () => {
    const cfg = { type: 'pm2', hostId: ids.ia, app: ia.pm2AppName };
    await tryCheck(cfg); // the SSH connection is opened once; measure steady state
    const t0 = performance.now();
    const runs = 5;
    let r: CheckResult | undefined;
    for (let i = 0; i < runs; i++) r = await tryCheck(cfg);
    const pidFileMs = (performance.now() - t0) / runs;
    expect(r).toMatchObject({ ok: true, value: 1, message: expect.stringMatching(/^PM2 app "ia-comercial" is online: 1 instance \(pid \d+\)\.$/) });
    const t1 = performance.now();
    for (let i = 0; i < runs; i++) {
      const j = await core.ssh.exec(ids.ia, cmd('sh', '-c', 'PATH="$HOME/bin:$PATH" pm2 jlist >/dev/null'), { timeoutMs: 30_000 });
      expect(j.code).toBe(0);
    }
    const jlistMs = (performance.now() - t1) / runs;
    console.log(`pm2 check: pid file + /proc ${pidFileMs.toFixed(1)} ms per check, pm2 jlist ${jlistMs.toFixed(1)} ms (ratio ${(jlistMs / pidFileMs).toFixed(1)})`);
    expect(await tryCheck({ type: 'pm2', hostId: ids.ia, app: 'no-such-app' })).toMatchObject({ ok: false, value: 0 });
  });

  it('a stopped app goes DOWN within interval × (retries + 1) + 5 s, then UP with exactly one recovery', async () => {
    const received: { kind: string; title: string }[] = [];
    const server: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d));
      req.on('end', () => {
        received.push(JSON.parse(body) as { kind: string; title: string });
        res.end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const hook = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook/${randomBytes(8).toString('hex')}`;
    await call('alerts.createSink', { name: 'Test hook', settings: { type: 'webhook' }, secret: { action: 'set', value: hook } });
    const notified: AlertNotification[] = [];
    const off = core.bus.on('alerts.notify', (n) => notified.push(n));
    try {
      const check = (await call('checks.create', {
        name: 'IA Comercial PM2',
        config: { type: 'pm2', hostId: ids.ia, app: ia.pm2AppName },
        intervalSec: 1,
        timeoutMs: 5000,
        retries: 1,
      })) as Check;
      const state = async () => ((await call('checks.list', {})) as Check[]).find((c) => c.id === check.id)!.state;
      await waitFor(async () => (await state()) === 'up', 15_000);

      const pm2 = (verb: string) => core.ssh.exec(ids.ia, cmd('sh', '-c', 'PATH="$HOME/bin:$PATH" exec pm2 "$1" "$2"', 'sh', verb, ia.pm2AppName), { timeoutMs: 30_000 });
      expect((await pm2('stop')).code).toBe(0);
      const stoppedAt = Date.now();
      await waitFor(async () => (await state()) === 'down', (1 * (1 + 1) + 5) * 1000);
      const downAfter = Date.now() - stoppedAt;
      const summary = await call('health.summary', {});
      expect(summary.failing).toContainEqual(expect.objectContaining({ checkId: check.id, state: 'down', message: expect.stringContaining('is not running') }));

      expect((await pm2('restart')).code).toBe(0);
      await waitFor(async () => (await state()) === 'up', 15_000);
      await new Promise((r) => setTimeout(r, 2500)); // a few more checks: nothing else may be sent
      await waitFor(async () => received.length >= 2, 5000);
      console.log(`pm2 stop → DOWN after ${downAfter} ms`);

      const mine = notified.filter((n) => n.checkId === check.id);
      expect(mine.map((n) => [n.kind, n.title])).toEqual([
        ['down', 'DOWN: IA Comercial PM2'],
        ['recovery', 'UP again: IA Comercial PM2'],
      ]);
      expect(received.map((p) => [p.kind, p.title])).toEqual([
        ['down', 'DOWN: IA Comercial PM2'],
        ['recovery', 'UP again: IA Comercial PM2'],
      ]);
      const incidents = await call('incidents.list', { checkId: check.id });
      expect(incidents).toHaveLength(1);
      expect(incidents[0]).toMatchObject({ notifications: 2, endedAt: expect.any(Number), firstMessage: expect.stringContaining('is not running') });
      const beats = await call('checks.beats', { id: check.id, limit: 500 });
      expect(beats.map((b) => b.state)).toContain('pending');
      await call('checks.delete', { id: check.id });
    } finally {
      off();
      server.close();
    }
  }, 60_000);
});

async function waitFor(cond: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
