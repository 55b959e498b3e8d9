import { randomBytes } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { createCore, type Core } from '../../../../src-main/core/create-core';
import { tempDir } from '../helpers';

/** Which checks a window covers: its own check, every check of its service, or every check. */
let core: Core | undefined;
afterEach(() => core?.close());

it('a service window covers that service\'s checks only; deleting the service deletes its checks and windows', async () => {
  core = await createCore({ dataDir: tempDir(), host: 'serve', version: 'test', envKey: randomBytes(32).toString('hex') });
  core.health.close(); // no scheduled runs in this test
  const project = core.inventory.createProject({ name: 'P', description: '' });
  const env = core.inventory.createEnvironment({ projectId: project.id, name: 'production', kind: 'production' });
  const svc = (name: string) => core!.inventory.createService({ environmentId: env.id, hostId: null, name, kind: 'http-endpoint', config: {}, credentialId: null, notes: '' }).id;
  const [api, web] = [svc('api'), svc('web')];
  const check = (serviceId: string | null, name: string) =>
    core!.health.create({ serviceId, name, config: { type: 'tcp', host: '127.0.0.1', port: 9 }, intervalSec: 60, timeoutMs: 1000, retries: 0, renotifyEvery: 0, flapSuppression: true, enabled: true }).id;
  const ids = { api: check(api, 'api tcp'), web: check(web, 'web tcp'), loose: check(null, 'loose') };
  const now = Date.now();
  for (const id of Object.values(ids)) core.health.monitor.record(core.health.list().find((c) => c.id === id)!, { ok: true, latencyMs: 1, message: 'ok', value: null }, now);
  core.health.createMaintenance({ checkId: null, serviceId: api, startsAt: now - 1000, endsAt: now + 60_000, reason: 'api upgrade' });
  const states = () => Object.fromEntries(core!.health.list().map((c) => [c.name, c.state]));
  expect(states()).toEqual({ 'api tcp': 'maintenance', 'web tcp': 'up', loose: 'up' });
  const own = core.health.createMaintenance({ checkId: ids.loose, serviceId: null, startsAt: now - 1000, endsAt: now + 60_000, reason: '' });
  expect(states()).toEqual({ 'api tcp': 'maintenance', 'web tcp': 'up', loose: 'maintenance' });
  core.health.deleteMaintenance(own.id);

  core.inventory.deleteService({ id: api });
  expect(core.health.list().map((c) => c.name)).toEqual(['loose', 'web tcp']);
  expect(core.health.maintenance()).toEqual([]);
});
