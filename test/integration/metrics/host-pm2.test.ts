import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cmd } from '../../../src-main/core/connectors/ssh/remote-command';
import type { MetricTarget } from '../../../src-main/contract/metrics';
import type { Core } from '../../../src-main/core/create-core';
import { startIaComercial, type IaComercialDroplet } from '../../fleet';
import { addHost, trust } from '../ssh/ssh-helpers';
import { metricsCore } from './metrics-helpers';

/**
 * Host and PM2 metrics from the IA Comercial droplet over real SSH: sane host values, the app's
 * per-process values, restarts seen in the same poll after `pm2 restart`, and `pm2 jlist` run
 * only when needed.
 */
let ia: IaComercialDroplet;
let core: Core;
let done: () => void;
let hostId = '';
let appId = '';

beforeAll(async () => {
  let envId: string;
  [ia, { core, envId, done }] = await Promise.all([startIaComercial(), metricsCore()]);
  hostId = addHost(core, envId, ia, 'key', { name: 'ia-comercial' }).id;
  await trust(core, hostId, ia);
  appId = core.inventory.createService({ environmentId: envId, hostId, name: 'ia-comercial', kind: 'pm2-app', config: { pm2Name: ia.pm2AppName }, credentialId: null, notes: '' }).id;
  core.metrics.setMonitor({ hostId, enabled: true, intervalSec: 3600 });
}, 120_000);

afterAll(async () => {
  done?.();
  await ia?.stop();
});

const host = (): MetricTarget => ({ kind: 'host', id: hostId });
const latest = (key: string, target: MetricTarget = host()) => core.metrics.latest(target, key)?.v;

describe('host metrics over SSH', () => {
  it('stores sane values after two polls', async () => {
    const first = await core.metrics.pollNow(hostId);
    expect(first?.error).toBeNull();
    await new Promise((r) => setTimeout(r, 1100));
    const second = await core.metrics.pollNow(hostId);
    expect(second?.error).toBeNull();

    const cpu = latest('host.cpu');
    expect(cpu).toBeGreaterThanOrEqual(0);
    expect(cpu).toBeLessThanOrEqual(100);
    const total = latest('host.mem.total')!;
    expect(total).toBeGreaterThan(64 * 1024 * 1024);
    expect(latest('host.mem.used')).toBeLessThanOrEqual(total);
    expect(latest('host.mem.pct')).toBeGreaterThan(0);
    expect(latest('host.disk.pct:/')).toBeGreaterThan(0);
    expect(latest('host.disk.pct:/')).toBeLessThanOrEqual(100);
    expect(latest('host.load1')).toBeGreaterThanOrEqual(0);
    expect(latest('host.uptime')).toBeGreaterThan(0);
    expect(latest('host.net.rx')).toBeGreaterThanOrEqual(0);
    // The shell's own CPU was reported by the host.
    expect(second!.remoteCpuMs).not.toBeNull();

    const monitor = core.metrics.monitor(hostId);
    expect(monitor).toMatchObject({ enabled: true, intervalSec: 3600, lastError: null });
    expect(monitor.lastPollMs).toBeGreaterThan(0);
    expect(monitor.lastPollCpuMs).toBeGreaterThan(0);

    const catalog = core.metrics.catalog(host());
    expect(catalog.available).toBe(true);
    expect(catalog.metrics.find((m) => m.key === 'host.cpu')).toMatchObject({ unit: 'percent', group: 'CPU', threshold: { value: 70, direction: 'above', origin: 'default' } });
    expect(catalog.metrics.find((m) => m.key === 'host.disk.pct:/')).toMatchObject({ threshold: { value: 80 } });
  }, 60_000);

  it('reads the PM2 app per process, under the host and under the service', () => {
    expect(latest(`pm2.online:${ia.pm2AppName}`)).toBe(1);
    expect(latest(`pm2.mem:${ia.pm2AppName}`)).toBeGreaterThan(5 * 1024 * 1024);
    const cpu = latest(`pm2.cpu:${ia.pm2AppName}`)!;
    expect(cpu).toBeGreaterThanOrEqual(0);
    expect(cpu).toBeLessThan(400);
    expect(latest(`pm2.uptime:${ia.pm2AppName}`)).toBeGreaterThan(0);
    const svc = { kind: 'service' as const, id: appId };
    expect(latest('pm2.online', svc)).toBe(1);
    expect(latest('pm2.mem', svc)).toBe(latest(`pm2.mem:${ia.pm2AppName}`));
  });

  it('sees a restart in the poll after `pm2 restart`, from the vanished PID', async () => {
    const before = latest(`pm2.restarts:${ia.pm2AppName}`)!;
    expect(before).toBeGreaterThanOrEqual(0);
    const r = await core.ssh.exec(hostId, cmd('sh', '-c', 'exec "$HOME/bin/pm2" restart "$1"', 'sh', ia.pm2AppName), { timeoutMs: 30_000 });
    expect(r.code).toBe(0);
    await core.metrics.pollNow(hostId);
    expect(latest(`pm2.restarts:${ia.pm2AppName}`)).toBe(before + 1);
    expect(latest('pm2.restarts', { kind: 'service', id: appId })).toBe(before + 1);
  }, 60_000);

  it('reads series back through the store and emits metrics.updated', async () => {
    const seen: string[] = [];
    const off = core.bus.on('metrics.updated', (e) => seen.push(`${e.target.kind}:${e.target.id}`));
    // Raw points are per second: a second apart, this poll is a point of its own.
    await new Promise((r) => setTimeout(r, 1100));
    await core.metrics.pollNow(hostId);
    off();
    expect(seen).toContain(`host:${hostId}`);
    expect(seen).toContain(`service:${appId}`);
    const s = core.metrics.series({ target: host(), keys: ['host.mem.pct', 'host.cpu'], range: '15m' });
    expect(s.resolution).toBe('raw');
    expect(s.series.map((x) => x.key)).toEqual(['host.cpu', 'host.mem.pct']);
    const pts = s.series[1].points;
    // Polls more than a second apart are points of their own; the newest is latest().
    expect(pts.length).toBeGreaterThanOrEqual(2);
    for (const [, v] of pts) expect(v).toBeGreaterThan(0);
    // 15 minutes in at most 720 points: 2-second buckets, stamped with their start.
    const newest = core.metrics.latest(host(), 'host.mem.pct')!;
    const [lastT, lastV] = pts[pts.length - 1];
    expect(newest.t - lastT).toBeGreaterThanOrEqual(0);
    expect(newest.t - lastT).toBeLessThan(2000);
    expect(Math.abs(lastV - newest.v)).toBeLessThan(5);
  }, 60_000);

  it('rolls the stored polls into 1-minute and 1-hour rows and reads them at 7d and 1y', () => {
    const now = Date.now();
    // Two hours later every minute of these polls is closed.
    const later = now + 2 * 3_600_000;
    while (core.metrics.store.maintain(later).more);
    const minute = core.metrics.series({ target: host(), keys: ['host.mem.pct'], range: '7d', until: later });
    expect(minute.resolution).toBe('1m');
    const raw = core.metrics.series({ target: host(), keys: ['host.mem.pct'], range: '15m', until: now + 1000 }).series[0].points;
    const rawAvg = raw.reduce((a, [, v]) => a + v, 0) / raw.length;
    const pts = minute.series[0].points;
    expect(pts.length).toBeGreaterThanOrEqual(1);
    expect(pts.length).toBeLessThanOrEqual(2);
    for (const [t, v] of pts) {
      expect(t % 60_000).toBe(0);
      expect(Math.abs(v - rawAvg)).toBeLessThan(20);
    }
    const hour = core.metrics.series({ target: host(), keys: ['host.mem.pct'], range: '1y', until: later });
    expect(hour.resolution).toBe('1h');
    expect(hour.series[0].points.length).toBeGreaterThanOrEqual(1);
  });
});
