import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricTarget } from '../../../src-main/contract/metrics';
import type { Core } from '../../../src-main/core/create-core';
import { capabilities, startServistech, type ServistechDroplet } from '../../fleet';
import { addHost, trust } from '../ssh/ssh-helpers';
import { metricsCore } from './metrics-helpers';

/**
 * PostgreSQL, Redis (plain and TLS) and container metrics of the SERVISTECH droplet: databases
 * reached through the host's SSH connection (they listen on 127.0.0.1 only), credentials from
 * the vault, pg_stat_statements, and podman's Docker API over SSH.
 */
let st: ServistechDroplet;
let core: Core;
let done: () => void;
let hostId = '';
const ids = { pg: '', pgNoExt: '', redis: '', redisTls: '', redisBad: '' };
const prevCa = process.env.OPSDECK_EXTRA_CA_CERTS;

beforeAll(async () => {
  st = await startServistech({ redisTls: true });
  // The droplet's CA, trusted the way a user trusts a private CA (read when the core starts).
  if (st.redisTlsPort) process.env.OPSDECK_EXTRA_CA_CERTS = st.tlsCaPath;
  let envId: string;
  ({ core, envId, done } = await metricsCore());
  hostId = addHost(core, envId, st, 'key', { name: 'servistech' }).id;
  await trust(core, hostId, st);
  const cred = (name: string, username: string, value: string) =>
    core.inventory.createCredential({ name, kind: 'generic', username, notes: '', secrets: { value: { action: 'set', value } } }).id;
  const dbCred = cred('servistech db', st.dbUser, st.dbPassword);
  const superCred = cred('postgres superuser', st.postgresSuperuser, st.postgresSuperuserPassword);
  const redisCred = cred('redis', '', st.redisPassword);
  const badCred = cred('redis wrong', '', 'not-the-password');
  const svc = (name: string, kind: 'postgres' | 'redis', config: Record<string, unknown>, credentialId: string) =>
    core.inventory.createService({ environmentId: envId, hostId, name, kind, config, credentialId, notes: '' }).id;
  ids.pg = svc('postgres', 'postgres', { port: st.postgresPort, databaseName: st.database }, dbCred);
  ids.pgNoExt = svc('postgres (maintenance db)', 'postgres', { port: st.postgresPort, databaseName: 'postgres' }, superCred);
  ids.redis = svc('redis', 'redis', { port: st.redisPort }, redisCred);
  if (st.redisTlsPort) ids.redisTls = svc('redis tls', 'redis', { url: `rediss://127.0.0.1:${st.redisTlsPort}` }, redisCred);
  core.metrics.setMonitor({ hostId, enabled: true, intervalSec: 3600 }, { dockerSocket: st.dockerSocket || null });
  // Two polls: rates (transactions/s, ops/s) need a previous sample.
  await core.metrics.pollNow(hostId);
  await new Promise((r) => setTimeout(r, 1100));
  const second = await core.metrics.pollNow(hostId);
  expect(second?.error ?? null).toBeNull();
  ids.redisBad = svc('redis (wrong password)', 'redis', { port: st.redisPort }, badCred);
}, 180_000);

afterAll(async () => {
  done?.();
  if (prevCa === undefined) delete process.env.OPSDECK_EXTRA_CA_CERTS;
  else process.env.OPSDECK_EXTRA_CA_CERTS = prevCa;
  await st?.stop();
});

const svc = (id: string): MetricTarget => ({ kind: 'service', id });
const latest = (target: MetricTarget, key: string) => core.metrics.latest(target, key)?.v;

describe('PostgreSQL', () => {
  it('reads connections, their share of max_connections, tps, cache hit, locks, sizes and latency', () => {
    const t = svc(ids.pg);
    expect(latest(t, 'pg.connections')).toBeGreaterThanOrEqual(1);
    const pct = latest(t, 'pg.connections.pct')!;
    expect(pct).toBeGreaterThan(0);
    expect(pct).toBeLessThanOrEqual(100);
    expect(latest(t, 'pg.tps')).toBeGreaterThanOrEqual(0);
    expect(latest(t, 'pg.cache_hit')).toBeGreaterThan(0);
    expect(latest(t, 'pg.cache_hit')).toBeLessThanOrEqual(100);
    expect(latest(t, 'pg.deadlocks')).toBe(0);
    expect(latest(t, 'pg.locks_waiting')).toBe(0);
    expect(latest(t, `pg.db.size:${st.database}`)).toBeGreaterThan(1024 * 1024);
    expect(latest(t, 'pg.latency')).toBeGreaterThan(0);
    const cat = core.metrics.catalog(t);
    expect(cat.available).toBe(true);
    expect(cat.metrics.find((m) => m.key === 'pg.connections.pct')?.threshold).toMatchObject({ value: 50, direction: 'above', origin: 'default' });
  });

  it('lists the slowest statements from pg_stat_statements', async () => {
    const r = await core.metrics.pgStatements(ids.pg);
    expect(r.available).toBe(true);
    expect(r.reason).toBeNull();
    expect(r.statements.length).toBeGreaterThan(0);
    expect(r.statements[0]).toMatchObject({ query: expect.any(String), calls: expect.any(Number), totalMs: expect.any(Number), meanMs: expect.any(Number), rows: expect.any(Number) });
    // Our own per-poll statements were counted.
    expect(r.statements.some((s) => /pg_stat_activity/.test(s.query))).toBe(true);
  });

  it('says how to enable pg_stat_statements where the extension is not created', async () => {
    const r = await core.metrics.pgStatements(ids.pgNoExt);
    expect(r.available).toBe(false);
    expect(r.reason).toMatch(/CREATE EXTENSION pg_stat_statements/);
    expect(r.reason).toMatch(/shared_preload_libraries/);
    expect(r.statements).toEqual([]);
  });
});

describe('Redis', () => {
  it('reads memory, clients, ops/s, persistence and latency', () => {
    const t = svc(ids.redis);
    expect(latest(t, 'redis.memory')).toBeGreaterThan(100_000);
    expect(latest(t, 'redis.clients')).toBeGreaterThanOrEqual(1);
    expect(latest(t, 'redis.ops')).toBeGreaterThan(0);
    expect(latest(t, 'redis.evicted')).toBe(0);
    expect(latest(t, 'redis.aof_enabled')).toBe(0);
    expect(latest(t, 'redis.rdb_ok')).toBe(1);
    expect(latest(t, 'redis.latency')).toBeGreaterThan(0);
  });

  it.skipIf(!capabilities.redis)('reads a rediss:// (TLS) service verified with the trusted CA', () => {
    expect(st.redisTlsPort).toBeGreaterThan(0);
    const t = svc(ids.redisTls);
    expect(latest(t, 'redis.memory')).toBeGreaterThan(100_000);
    expect(latest(t, 'redis.latency')).toBeGreaterThan(0);
  });

  it('reports a refused login as the poll error, without the password', async () => {
    const r = await core.metrics.pollNow(hostId);
    expect(r?.error).toMatchObject({ code: 'FORBIDDEN' });
    expect(r?.error?.message).toMatch(/redis \(wrong password\)/);
    const status = core.metrics.monitor(hostId);
    expect(status.lastError?.code).toBe('FORBIDDEN');
    const text = JSON.stringify([status, r]);
    expect(text).not.toContain('not-the-password');
    expect(text).not.toContain(st.redisPassword);
    expect(text).not.toContain(st.dbPassword);
    // The rest of the poll was stored.
    expect(latest(svc(ids.pg), 'pg.connections')).toBeGreaterThanOrEqual(1);
    const raw = readFileSync(core.info().dataDir + '/opsdeck.db');
    expect(raw.includes(Buffer.from('not-the-password'))).toBe(false);
  }, 60_000);
});

describe('containers', () => {
  it.skipIf(!capabilities.podman)('reads CPU and memory of the running container through the Docker API over SSH', () => {
    const host: MetricTarget = { kind: 'host', id: hostId };
    const cpu = latest(host, `container.cpu:${st.busyboxContainer}`);
    expect(cpu).toBeGreaterThanOrEqual(0);
    expect(cpu).toBeLessThanOrEqual(100 * 64);
    expect(latest(host, `container.mem:${st.busyboxContainer}`)).toBeGreaterThan(0);
  });
});
