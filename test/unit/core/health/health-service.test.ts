import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckCreate, HealthChangedEvent } from '../../../../src-main/contract';
import { EventBus } from '../../../../src-main/core/event-bus';
import { createHealth, type Health } from '../../../../src-main/core/health';
import type { CheckOutcome } from '../../../../src-main/core/health/checks/run-check';
import { Vault } from '../../../../src-main/core/secrets/vault';
import { openStore, type Store } from '../../../../src-main/core/store/open-store';
import type { z } from 'zod';
import { tempDir } from '../helpers';
import { FakeClock, T0 } from './timeline-harness';

/** core.health's own rules: CRUD and references, summary, runNow, maintenance shown at once, a locked vault. */
let store: Store;
let health: Health;
let clock: FakeClock;
let next: CheckOutcome;
let runs: number;
let gate: Promise<void> | null;
let changes: z.infer<typeof HealthChangedEvent>[];

const input = (extra: Partial<z.input<typeof CheckCreate>> = {}): z.output<typeof CheckCreate> => ({
  serviceId: null,
  name: 'web',
  config: { type: 'tcp', host: '127.0.0.1', port: 9 },
  intervalSec: 60,
  timeoutMs: 1000,
  retries: 0,
  renotifyEvery: 0,
  flapSuppression: true,
  enabled: true,
  ...extra,
} as z.output<typeof CheckCreate>);

beforeEach(() => {
  store = openStore({ dataDir: tempDir() });
  const bus = new EventBus();
  const vault = new Vault({ db: store.db, bus, envKey: randomBytes(32).toString('hex') });
  vault.autoUnlock();
  clock = new FakeClock(T0);
  next = { ok: true, latencyMs: 3, message: 'fine', value: null };
  runs = 0;
  gate = null;
  changes = [];
  bus.on('health.changed', (e) => changes.push(e));
  health = createHealth({
    db: store.db,
    bus,
    vault,
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    ssh: { exec: () => Promise.reject(new Error('unused')), forwardTcp: () => Promise.reject(new Error('unused')) },
    clock,
    jitter: () => 0,
    extraCa: [],
    runner: async () => {
      runs++;
      if (gate) await gate;
      return next;
    },
  });
  clock.settle = async () => {
    await health.scheduler.idle();
    await new Promise((r) => setImmediate(r));
  };
});
afterEach(() => {
  health.close();
  store.close();
});

describe('checks', () => {
  it('create, list, update, delete, with health.changed on the way', async () => {
    const c = health.create(input());
    expect(c).toMatchObject({ name: 'web', state: 'unknown', lastCheckAt: null });
    expect(health.list()).toHaveLength(1);
    expect(await health.runNow(c.id)).toEqual({ ok: true, latencyMs: 3, message: 'fine', value: null });
    expect(health.get(c.id)).toMatchObject({ state: 'up', lastMessage: 'fine', lastLatencyMs: 3, lastCheckAt: T0, since: T0 });
    const paused = health.update({ id: c.id, enabled: false, name: 'web 2' });
    expect(paused).toMatchObject({ name: 'web 2', enabled: false, state: 'unknown', lastMessage: 'Paused.' });
    health.remove(c.id);
    expect(health.list()).toEqual([]);
    // Creating, changing and deleting always say so (every window refetches), even when the shown state stays.
    expect(changes.map((e) => [e.previous, e.state])).toEqual([
      ['unknown', 'unknown'],
      ['unknown', 'up'],
      ['up', 'unknown'],
      ['unknown', 'unknown'],
    ]);
    expect(() => health.get(c.id)).toThrow('That check no longer exists.');
  });

  it('refuses references to things that do not exist', () => {
    expect(() => health.create(input({ serviceId: 'svc_nothere' }))).toThrow('The service of this check does not exist.');
    expect(() => health.create(input({ config: { type: 'pm2', hostId: 'hst_nothere', app: 'api' } }))).toThrow('The host of this PM2 check does not exist.');
    expect(() => health.create(input({ config: { type: 'redis', serviceId: 'svc_nothere' } }))).toThrow('The Redis service of this check does not exist.');
    expect(health.list()).toEqual([]);
  });

  it('runNow shares a run already under way instead of overlapping it', async () => {
    const c = health.create(input());
    let open!: () => void;
    gate = new Promise((r) => (open = r));
    const a = health.runNow(c.id);
    const b = health.runNow(c.id);
    open();
    expect(await a).toEqual(await b);
    expect(runs).toBe(1);
    expect(health.beats(c.id, 10)).toHaveLength(1);
  });

  it('the scheduler runs only enabled checks, each on its interval', async () => {
    health.start();
    const on = health.create(input({ intervalSec: 10 }));
    health.create(input({ name: 'off', enabled: false }));
    await clock.advanceTo(T0 + 60_000);
    await health.scheduler.idle();
    expect(runs).toBe(7);
    expect(health.beats(on.id, 100).map((b) => (b.at - T0) / 1000)).toEqual([0, 10, 20, 30, 40, 50, 60]);
  });
});

describe('summary and maintenance', () => {
  it('counts states and lists the failing, DOWN first', async () => {
    const a = health.create(input({ name: 'a' }));
    const b = health.create(input({ name: 'b', retries: 2 }));
    const c = health.create(input({ name: 'c' }));
    next = { ok: false, latencyMs: null, message: 'refused', value: null };
    await health.runNow(b.id);
    await health.runNow(a.id);
    next = { ok: true, latencyMs: 1, message: 'fine', value: null };
    await health.runNow(c.id);
    expect(health.summary()).toEqual({
      up: 1,
      down: 1,
      pending: 1,
      maintenance: 0,
      failing: [
        { checkId: a.id, serviceId: null, name: 'a', state: 'down', since: T0, message: 'refused' },
        { checkId: b.id, serviceId: null, name: 'b', state: 'pending', since: T0, message: 'refused' },
      ],
    });
  });

  it('a window starting now shows MAINTENANCE at once, and its removal shows the state again', async () => {
    const c = health.create(input());
    await health.runNow(c.id);
    const w = health.createMaintenance({ checkId: null, serviceId: null, startsAt: T0 - 1000, endsAt: T0 + 3_600_000, reason: 'upgrade' });
    expect(health.get(c.id).state).toBe('maintenance');
    expect(health.summary()).toMatchObject({ up: 0, maintenance: 1 });
    health.deleteMaintenance(w.id);
    expect(health.get(c.id).state).toBe('up');
    expect(changes.slice(-2).map((e) => [e.previous, e.state])).toEqual([
      ['up', 'maintenance'],
      ['maintenance', 'up'],
    ]);
    expect(() => health.deleteMaintenance(w.id)).toThrow('That maintenance window no longer exists.');
  });
});

describe('a locked vault', () => {
  it('shows "not checked" without counting a failure or changing the state', async () => {
    const c = health.create(input({ retries: 0 }));
    await health.runNow(c.id);
    next = { ok: false, latencyMs: null, message: 'Not checked: the vault is locked, so the credential cannot be read. Unlock Opsdeck to resume this check.', value: null, inconclusive: true };
    await health.runNow(c.id);
    await health.runNow(c.id);
    expect(health.get(c.id)).toMatchObject({ state: 'up', lastMessage: expect.stringContaining('the vault is locked') });
    expect(health.beats(c.id, 10)).toHaveLength(1);
    expect(health.notifications()).toEqual([]);
  });
});
