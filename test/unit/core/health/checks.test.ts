import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../../../src-main/contract';
import { AppError } from '../../../../src-main/contract/errors';
import { httpCheck, readPath, statusMatches } from '../../../../src-main/core/health/checks/http-check';
import { metricCheck, type MetricsReader } from '../../../../src-main/core/health/checks/metric-check';
import { parsePm2Status, pm2FileName, pm2StatusCommand } from '../../../../src-main/core/health/checks/pm2-check';
import { createCheckRunner } from '../../../../src-main/core/health/checks/run-check';
import { suggestChecks } from '../../../../src-main/core/health/checks/suggest';

/** The checks' own logic: HTTP against a local server, PM2 output parsing, metrics, suggestions. */
const ctx = { timeoutMs: 2000, extraCa: [] };
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const hops = Number(u.searchParams.get('hops') ?? 0);
    if (u.pathname === '/redirect') {
      res.writeHead(302, { location: hops > 1 ? `/redirect?hops=${hops - 1}` : '/health' }).end();
    } else if (u.pathname === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', checks: { db: 'up', queue: { depth: 7 } }, items: [{ id: 'a' }] }));
    } else if (u.pathname === '/slow') {
      setTimeout(() => res.end('late'), 3000);
    } else res.writeHead(404).end('nope');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const http = (extra: Record<string, unknown>) => ({ type: 'http' as const, method: 'GET' as const, expectStatus: ['2xx', '3xx'], ignoreTlsErrors: false, url: `${base}/health`, ...extra });

describe('http check', () => {
  it('follows up to 5 redirects, and fails past them', async () => {
    expect(await httpCheck(http({ url: `${base}/redirect?hops=5` }), ctx)).toMatchObject({ ok: true, message: expect.stringContaining(`(after redirects, from ${base}/health)`) });
    expect(await httpCheck(http({ url: `${base}/redirect?hops=7` }), ctx)).toMatchObject({ ok: false, message: 'More than 5 redirects, the last to /redirect?hops=1.' });
  });

  it('checks the redirect itself when an exact 3xx status is expected', async () => {
    expect(await httpCheck(http({ url: `${base}/redirect`, expectStatus: ['302'] }), ctx)).toMatchObject({ ok: true, message: expect.stringMatching(/^302 Found in \d+ ms\.$/) });
    expect(await httpCheck(http({ url: `${base}/health`, expectStatus: ['302'] }), ctx)).toMatchObject({ ok: false, message: `${base}/health answered 200 OK (expected 302).` });
  });

  it('reads JSON fields by dot path, numbers as the value', async () => {
    expect(await httpCheck(http({ jsonPath: 'checks.db', jsonEquals: 'up' }), ctx)).toMatchObject({ ok: true });
    expect(await httpCheck(http({ jsonPath: 'checks.queue.depth', jsonEquals: '7' }), ctx)).toMatchObject({ ok: true, value: 7 });
    expect(await httpCheck(http({ jsonPath: 'items.0.id', jsonEquals: 'a' }), ctx)).toMatchObject({ ok: true });
    expect(await httpCheck(http({ jsonPath: 'checks.cache' }), ctx)).toMatchObject({ ok: false, message: `The JSON answer of ${base}/health has no field checks.cache.` });
    expect(await httpCheck(http({ url: `${base}/other`, expectStatus: ['4xx'], jsonPath: 'x' }), ctx)).toMatchObject({ ok: false, message: expect.stringContaining('the body is not JSON') });
  });

  it('times out with the budget it had', async () => {
    const r = await httpCheck(http({ url: `${base}/slow` }), { ...ctx, timeoutMs: 300 });
    expect(r).toMatchObject({ ok: false, message: 'No answer from ' + new URL(base).host + ' within 300 ms.' });
    expect(r.latencyMs).toBeGreaterThanOrEqual(290);
  });

  it('status classes and paths', () => {
    expect(statusMatches(204, ['2xx'])).toBe(true);
    expect(statusMatches(301, ['2xx', '301'])).toBe(true);
    expect(statusMatches(302, ['2xx', '301'])).toBe(false);
    expect(readPath({ a: { b: [1, { c: null }] } }, 'a.b.1.c')).toEqual({ exists: true, value: null });
    expect(readPath({ a: 1 }, 'a.b')).toEqual({ exists: false });
    expect(readPath({}, '__proto__')).toEqual({ exists: false });
  });
});

describe('pm2 check', () => {
  it('puts the app name in as one quoted argument of a fixed script', () => {
    const c = pm2StatusCommand("api'; rm -rf / #");
    expect(c.line.startsWith("sh -c '")).toBe(true);
    expect(c.line.endsWith(' opsdeck-pm2 api---rm--rf----')).toBe(true);
    // PM2 keeps backslashes in file names: they travel quoted.
    expect(pm2StatusCommand('a\\b').line.endsWith(" opsdeck-pm2 'a\\b'")).toBe(true);
    expect(pm2FileName('my_app v2')).toBe('my-app-v2');
    expect(pm2FileName('api.v2-x')).toBe('api.v2-x');
  });

  it('reads instances, exited processes, zombies and the daemon', () => {
    expect(parsePm2Status('api', 'pid 0 4242 S\npid 1 4243 R\ndaemon up\n', 12)).toEqual({ ok: true, latencyMs: 12, value: 2, message: 'PM2 app "api" is online: 2 instances (pid 4242, 4243).' });
    expect(parsePm2Status('api', 'pid 0 4242 gone\ndaemon down\n', 12)).toEqual({
      ok: false,
      latencyMs: 12,
      value: 0,
      message: 'PM2 app "api": instance 0 (pid 4242) has exited (0 of 1 running). The PM2 daemon is not running.',
    });
    expect(parsePm2Status('api', 'pid 0 9 Z\npid 1 10 S\ndaemon up\n', 1)).toMatchObject({ ok: false, value: 1, message: 'PM2 app "api": instance 0 (pid 9) is a zombie (1 of 2 running).' });
    expect(parsePm2Status('api', 'daemon up\n', 1)).toMatchObject({ ok: false, value: 0, message: 'PM2 app "api" is not running: no PM2 pid file for it (stopped, deleted, or never started).' });
  });
});

describe('metric check (fake reader)', () => {
  const target = { kind: 'host' as const, id: 'hst_1' };
  const now = 1_767_600_000_000;
  const reader = (v: number | null, ageMs = 5000, threshold: ReturnType<NonNullable<MetricsReader['threshold']>> = { value: 80, direction: 'above' }): MetricsReader => ({
    latest: () => (v === null ? null : { t: now - ageMs, v }),
    threshold: () => threshold,
  });
  const cfg = (extra: Record<string, unknown> = {}) => ({ type: 'metric' as const, target, key: 'host.disk.pct:/', ...extra });

  it('uses the metric\'s own threshold unless the check gives one', () => {
    expect(metricCheck(cfg(), reader(91.5), now)).toEqual({ ok: false, latencyMs: null, value: 91.5, message: 'host.disk.pct:/ is 91.50 (limit: above 80).' });
    expect(metricCheck(cfg(), reader(42), now)).toEqual({ ok: true, latencyMs: null, value: 42, message: 'host.disk.pct:/ is 42 (limit: above 80): within the limit.' });
    expect(metricCheck(cfg({ value: 95, direction: 'above' }), reader(91.5), now)).toMatchObject({ ok: true });
    expect(metricCheck(cfg({ value: 10, direction: 'below' }), reader(5), now)).toMatchObject({ ok: false, message: 'host.disk.pct:/ is 5 (limit: below 10).' });
  });

  it('fails on no value, a stale value, no threshold, and no metrics module', () => {
    expect(metricCheck(cfg(), reader(null), now)).toMatchObject({ ok: false, message: expect.stringContaining('No value of host.disk.pct:/ has been collected yet') });
    expect(metricCheck(cfg(), reader(50, 20 * 60_000), now)).toMatchObject({ ok: false, value: 50, message: 'The newest value of host.disk.pct:/ is 20 minutes old: collection stopped.' });
    expect(metricCheck(cfg(), reader(50, 1000, null), now)).toMatchObject({ ok: false, message: expect.stringContaining('has no threshold') });
    expect(metricCheck(cfg(), null, now)).toMatchObject({ ok: false });
  });
});

describe('the runner', () => {
  // On the host's loopback: reached through its SSH connection (here refused by the fake).
  const svc: Service = { id: 'svc_db', environmentId: 'env_1', hostId: 'hst_1', name: 'db', kind: 'postgres', config: { url: 'postgresql://127.0.0.1:1/app' }, credentialId: 'crd_1', notes: '', createdAt: '', updatedAt: '' };
  const deps = (reveal: () => string | null) => ({
    service: (id: string) => (id === svc.id ? svc : undefined),
    host: () => ({ name: 'web-1', address: '203.0.113.5' }),
    credential: () => ({ id: 'crd_1', kind: 'generic', username: 'app' }),
    vault: { reveal },
    ssh: {
      exec: () => Promise.reject(new AppError('SSH_UNREACHABLE', 'Cannot reach web-1 (203.0.113.5:22).', 'Check the address.')),
      forwardTcp: () => Promise.reject(new AppError('SSH_CHANNEL', 'web-1 could not open the connection: Connection refused.')),
    },
    metrics: () => null,
    now: () => Date.now(),
  });

  it('a locked vault is inconclusive, not a failure of the service', async () => {
    const run = createCheckRunner(
      deps(() => {
        throw new AppError('VAULT_LOCKED', 'The vault is locked.', 'Unlock Opsdeck with your passphrase first.');
      }),
    );
    expect(await run({ type: 'postgres', serviceId: svc.id }, ctx)).toMatchObject({ ok: false, inconclusive: true, message: expect.stringContaining('the vault is locked') });
  });

  it('turns thrown errors into failed results with the hint, and a missing service into NOT_FOUND words', async () => {
    const run = createCheckRunner(deps(() => 'pw'));
    expect(await run({ type: 'pm2', hostId: 'hst_1', app: 'api' }, ctx)).toEqual({ ok: false, latencyMs: null, value: null, message: 'Cannot reach web-1 (203.0.113.5:22). Check the address.' });
    expect(await run({ type: 'redis', serviceId: 'svc_gone' }, ctx)).toMatchObject({ ok: false, message: 'The service of this check no longer exists. Delete the check or point it at another service.' });
  });

  it('through a tunnel, says why nothing answers, and never puts the password in the message', async () => {
    const run = createCheckRunner(deps(() => 'pw-in-message-77'));
    const r = await run({ type: 'postgres', serviceId: svc.id }, ctx);
    expect(r).toMatchObject({ ok: false, message: 'Nothing listens at 127.0.0.1:1/app on web-1: the host refused the connection to port 1.' });
    expect(r.message).not.toContain('pw-in-message-77');
  });

  it('a loopback address without a host cannot be reached: says so', async () => {
    const lone = { ...svc, hostId: null };
    const run = createCheckRunner({ ...deps(() => 'pw'), service: () => lone });
    expect(await run({ type: 'postgres', serviceId: svc.id }, ctx)).toMatchObject({ ok: false, message: expect.stringContaining('listens on 127.0.0.1 but has no host to reach it through') });
  });
});

describe('suggestions', () => {
  const base: Service = { id: 'svc_1', environmentId: 'env_1', hostId: 'hst_1', name: 'api', kind: 'pm2-app', config: {}, credentialId: null, notes: '', createdAt: '', updatedAt: '' };

  it('proposes HTTP + TLS from an https URL with a health path, PM2 from a pm2 name, TCP from a port', () => {
    const s = suggestChecks({ ...base, config: { url: 'https://api.example.com', healthPath: '/health', pm2Name: 'api', port: 3000 } }, '203.0.113.5');
    expect(s.map((c) => [c.name, c.config])).toEqual([
      ['api: HTTP /health', { type: 'http', url: 'https://api.example.com/health', method: 'GET', expectStatus: ['2xx', '3xx'], ignoreTlsErrors: false }],
      ['api: TLS certificate', { type: 'tls', host: 'api.example.com', port: 443, minDays: 14 }],
      ['api: PM2 api', { type: 'pm2', hostId: 'hst_1', app: 'api' }],
      ['api: TCP 3000', { type: 'tcp', host: '203.0.113.5', port: 3000 }],
    ]);
    expect(s.every((c) => c.serviceId === 'svc_1')).toBe(true);
  });

  it('proposes pings for PostgreSQL and Redis, and an HTTP check from host + port + health path', () => {
    expect(suggestChecks({ ...base, kind: 'postgres', config: { port: 5432 } }, '10.0.0.2').map((c) => c.config)).toEqual([{ type: 'postgres', serviceId: 'svc_1' }]);
    expect(suggestChecks({ ...base, kind: 'redis', config: {} }, null).map((c) => c.config)).toEqual([{ type: 'redis', serviceId: 'svc_1' }]);
    expect(suggestChecks({ ...base, config: { port: 8080, healthPath: '/healthz' } }, '10.0.0.2').map((c) => c.config)[0]).toEqual({
      type: 'http',
      url: 'http://10.0.0.2:8080/healthz',
      method: 'GET',
      expectStatus: ['2xx', '3xx'],
      ignoreTlsErrors: false,
    });
  });
});
