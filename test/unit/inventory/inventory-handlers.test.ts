import { describe, expect, it } from 'vitest';
import { calls, callNames } from '../../../src-main/contract';
import type { CallContext } from '../../../src-main/ipc/types';
import { createInventoryHandlers } from '../../../src-main/ipc/handlers/inventory';
import { makeInventory } from './inventory-fixture';

const ctx = { connectionId: 'test', send: () => {} } as unknown as CallContext;

describe('inventory handlers', () => {
  it('cover every inventory call of the contract', () => {
    const t = makeInventory();
    const handlers = createInventoryHandlers(t.inv);
    const expected = callNames
      .filter((n) => /^(inventory|projects|environments|hosts|services|links|credentials)\./.test(n))
      // Host keys and connection tests are the SSH module's calls (ipc/handlers/ssh.ts).
      .filter((n) => !/^hosts\.(testConnection|scanKey|knownKey|trustKey|importKnownKey|forgetKey)$/.test(n));
    expect(Object.keys(handlers).sort()).toEqual(expected.sort());
  });

  it('pass parsed input through and return what the contract promises', async () => {
    const t = makeInventory();
    const h = createInventoryHandlers(t.inv);
    const run = async <K extends keyof typeof h>(name: K, input: unknown) => {
      const parsed = calls[name].input.parse(input) as Parameters<(typeof h)[K]>[0];
      const fn = h[name] as (i: typeof parsed, c: CallContext) => unknown;
      return calls[name].output.parse(await fn(parsed, ctx)) as Awaited<ReturnType<(typeof h)[K]>>;
    };
    const p = await run('projects.create', { name: 'Acme' });
    const e = await run('environments.create', { projectId: p.id, name: 'production' });
    const host = await run('hosts.create', { environmentId: e.id, name: 'web-1', address: '203.0.113.1' });
    const s = await run('services.create', { environmentId: e.id, hostId: host.id, name: 'api', kind: 'pm2-app' });
    const s2 = await run('services.create', { environmentId: e.id, name: 'db', kind: 'postgres' });
    await run('links.create', { fromServiceId: s.id, toServiceId: s2.id, kind: 'uses-database' });
    await run('credentials.create', { name: 'key', kind: 'ssh-key' });
    const tree = await run('inventory.tree', undefined);
    expect(tree.services).toHaveLength(2);
    expect(await run('inventory.demoState', undefined)).toEqual({ offered: true, loaded: false, inventoryEmpty: false });
    expect(await run('projects.delete', { id: p.id })).toEqual({ ok: true });
  });
});
