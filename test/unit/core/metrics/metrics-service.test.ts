import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../src-main/contract/errors';
import type { Service } from '../../../../src-main/contract/inventory';
import { createCore, type Core } from '../../../../src-main/core/create-core';
import { MetricsService } from '../../../../src-main/core/metrics';
import { serviceEndpoint } from '../../../../src-main/core/metrics/service-endpoint';
import type { SchedulerTimers } from '../../../../src-main/core/metrics/poll-scheduler';
import { tempDir } from '../helpers';

let cores: Core[] = [];
afterEach(() => {
  for (const c of cores) c.close();
  cores = [];
});

/** A real store and inventory; a MetricsService of its own whose timers never fire unless asked. */
async function setup() {
  const core = await createCore({ dataDir: tempDir(), host: 'serve', version: 'test', envKey: randomBytes(32).toString('hex') });
  cores.push(core);
  // This file drives a MetricsService of its own on the same database.
  core.metrics.stop();
  const project = core.inventory.createProject({ name: 'P', description: '' });
  const env = core.inventory.createEnvironment({ projectId: project.id, name: 'production', kind: 'production' });
  const host = core.inventory.createHost({
    environmentId: env.id, name: 'web-1', address: '203.0.113.10', port: 22, username: 'deploy', authMethod: 'key', provider: 'vps',
    credentialId: null, jumpHostId: null, tags: [], notes: '', secrets: {},
  });
  const timeouts: { fn: () => void; ms: number }[] = [];
  const timers: SchedulerTimers = { now: () => 1_800_000_000_000, setTimeout: (fn, ms) => timeouts.push({ fn, ms }), clearTimeout: () => {} };
  const polls: string[] = [];
  const errors: string[] = [];
  const m = new MetricsService({
    db: core.db,
    bus: core.bus,
    ssh: { exec: async () => { polls.push('exec'); throw new AppError('SSH_UNREACHABLE', 'unreachable'); }, forwardTcp: async () => { throw new Error('no'); } },
    docker: { listContainers: async () => [], engine: () => { throw new Error('no'); } },
    host: (id) => core.db.prepare<[string], { id: string; name: string }>('SELECT id, name FROM hosts WHERE id = ?').get(id),
    service: () => undefined,
    hosts: () => core.db.prepare<[], { id: string }>('SELECT id FROM hosts').all(),
    servicesOnHost: () => [],
    credentials: { credential: () => undefined, secret: () => null },
    timers,
    log: { warn: () => {}, error: (msg, err) => errors.push(`${msg}: ${String(err)}`) },
  });
  return { core, m, hostId: host.id, timeouts, polls, errors };
}

describe('MetricsService', () => {
  it('starts with monitoring off and explains why a target has no metrics', async () => {
    const { m, hostId } = await setup();
    expect(m.monitor(hostId)).toMatchObject({ enabled: false, intervalSec: 10, lastPollAt: null });
    expect(m.monitorsList()).toEqual([{ hostId, enabled: false, intervalSec: 10, lastPollAt: null, lastPollMs: null, lastPollCpuMs: null, lastError: null }]);
    expect(m.catalog({ kind: 'host', id: hostId })).toEqual({ target: { kind: 'host', id: hostId }, available: false, reason: expect.stringMatching(/Monitoring is off/), metrics: [] });
    expect(() => m.setMonitor({ hostId: 'hst_missing', enabled: true })).toThrow(/no longer exists/);
  });

  it('polls on enable, records the failure as lastError with console CPU and wall time', async () => {
    const { m, hostId, timeouts, polls } = await setup();
    m.start();
    const status = m.setMonitor({ hostId, enabled: true, intervalSec: 30 });
    expect(status).toMatchObject({ enabled: true, intervalSec: 30 });
    const first = timeouts.find((t) => t.ms === 0)!;
    first.fn();
    await new Promise((r) => setTimeout(r, 20));
    expect(polls.length).toBeGreaterThan(0);
    const after = m.monitor(hostId);
    expect(after.lastError).toMatchObject({ code: 'SSH_UNREACHABLE' });
    expect(after.lastPollAt).toBe(1_800_000_000_000);
    expect(after.lastPollMs).toBeGreaterThanOrEqual(0);
    expect(after.lastPollCpuMs).toBeGreaterThanOrEqual(0);
    expect(m.catalog({ kind: 'host', id: hostId }).reason).toMatch(/The last poll failed: unreachable/);
    // The next poll is scheduled one interval after this one started.
    expect(timeouts.some((t) => t.ms === 30_000)).toBe(true);
    m.stop();
  });

  it('returns default thresholds and per-target overrides in the catalog', async () => {
    const { m, hostId } = await setup();
    const target = { kind: 'host' as const, id: hostId };
    m.store.write(target, [{ key: 'host.cpu', v: 12 }, { key: 'host.disk.pct:/', v: 40 }, { key: 'host.mem.pct', v: 50 }, { key: 'host.load1', v: 0.2 }], 1_800_000_000_000);
    const cat = m.catalog(target);
    expect(cat.available).toBe(true);
    const by = (k: string) => cat.metrics.find((x) => x.key === k)!;
    expect(by('host.cpu')).toMatchObject({ family: 'host.cpu', unit: 'percent', group: 'CPU', threshold: { value: 70, direction: 'above', alert: true, origin: 'default' } });
    expect(by('host.mem.pct').threshold?.value).toBe(80);
    expect(by('host.disk.pct:/')).toMatchObject({ family: 'host.disk.pct', label: 'Disk used /', threshold: { value: 80 } });
    expect(by('host.load1').threshold).toBeNull();
    const changed = m.setThreshold(target, 'host.disk.pct', { value: 90, direction: 'above', alert: false });
    expect(changed.metrics.find((x) => x.key === 'host.disk.pct:/')?.threshold).toEqual({ value: 90, direction: 'above', alert: false, origin: 'user' });
    expect(m.threshold(target, 'host.disk.pct:/')?.value).toBe(90);
    m.setThreshold(target, 'host.disk.pct', null);
    expect(m.threshold(target, 'host.disk.pct:/')).toMatchObject({ value: 80, origin: 'default' });
    expect(() => m.setThreshold(target, 'no.such', null)).toThrow(/not a metric/);
    expect(m.latest(target, 'host.cpu')).toEqual({ t: 1_800_000_000_000, v: 12 });
  });

  it('drops the series and thresholds of a deleted host', async () => {
    const { core, m, hostId, errors } = await setup();
    m.start();
    const target = { kind: 'host' as const, id: hostId };
    m.store.write(target, [{ key: 'host.cpu', v: 12 }], 1_800_000_000_000);
    m.setThreshold(target, 'host.cpu', { value: 90, direction: 'above', alert: true });
    m.setMonitor({ hostId, enabled: false });
    core.inventory.deleteHost({ id: hostId });
    await new Promise((r) => setImmediate(r));
    expect(errors).toEqual([]);
    expect(m.latest(target, 'host.cpu')).toBeNull();
    expect(core.db.prepare('SELECT count(*) AS n FROM metric_thresholds').get()).toEqual({ n: 0 });
    expect(core.db.prepare('SELECT count(*) AS n FROM metric_monitors').get()).toEqual({ n: 0 });
    m.stop();
  });

  it('picks the resolution by range', async () => {
    const { m, hostId } = await setup();
    const target = { kind: 'host' as const, id: hostId };
    expect(m.series({ target, range: '24h' }).resolution).toBe('raw');
    expect(m.series({ target, range: '7d' }).resolution).toBe('1m');
    expect(m.series({ target, range: '1y', until: 1_700_000_000_000 })).toMatchObject({ resolution: '1h', to: 1_700_000_000_000, from: 1_700_000_000_000 - 365 * 86_400_000 });
  });
});

describe('service endpoint rule', () => {
  const base = { id: 'svc_1', environmentId: 'env_1', hostId: 'hst_1', name: 'db', kind: 'postgres', credentialId: 'crd_1', notes: '', createdAt: '', updatedAt: '' } as const;
  const creds = (kind: string, username: string, value: string) => ({ credential: () => ({ id: 'crd_1', kind, username }), secret: () => value });

  it('tunnels loopback addresses through the host and connects directly elsewhere', () => {
    const local = serviceEndpoint({ ...base, config: { port: 5433, databaseName: 'app' } } as Service, creds('generic', 'app', 'pw'), { port: 5432, tlsSchemes: [] });
    expect(local).toMatchObject({ host: '127.0.0.1', port: 5433, tunnel: true, user: 'app', password: 'pw', database: 'app', tls: false });
    const remote = serviceEndpoint({ ...base, config: { url: 'postgres://db.example.com:6432/app?sslmode=require' } } as Service, creds('generic', 'app', 'pw'), { port: 5432, tlsSchemes: [], sslmode: true });
    expect(remote).toMatchObject({ host: 'db.example.com', port: 6432, tunnel: false, tls: true, servername: 'db.example.com' });
  });

  it('reads user, password and database from a database-url credential', () => {
    const e = serviceEndpoint({ ...base, config: {} } as Service, creds('database-url', '', 'postgresql://svc:s%40cret@127.0.0.1:5432/servistech'), { port: 5432, tlsSchemes: [] });
    expect(e).toMatchObject({ user: 'svc', password: 's@cret', database: 'servistech', tunnel: true });
  });

  it('uses TLS for rediss:// and refuses a loopback service without a host', () => {
    const r = serviceEndpoint({ ...base, kind: 'redis', config: { url: 'rediss://cache.example.com:6380' } } as Service, creds('generic', '', 'pw'), { port: 6379, tlsSchemes: ['rediss'] });
    expect(r).toMatchObject({ tls: true, port: 6380, tunnel: false, password: 'pw' });
    expect(() => serviceEndpoint({ ...base, hostId: null, config: {} } as Service, creds('generic', '', ''), { port: 6379, tlsSchemes: [] })).toThrow(/no host/);
  });
});
