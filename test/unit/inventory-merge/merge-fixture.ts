import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { DraftService, InventoryDraft } from '../../../src-main/contract';
import { AuditLog } from '../../../src-main/core/audit/audit-log';
import { EventBus } from '../../../src-main/core/event-bus';
import { createInventory } from '../../../src-main/core/inventory';
import { createInventoryMerge } from '../../../src-main/core/inventory-merge';
import { Vault } from '../../../src-main/core/secrets/vault';
import { SettingsStore } from '../../../src-main/core/settings/settings-store';
import { openStore } from '../../../src-main/core/store/open-store';

const open: (() => void)[] = [];
afterEach(() => {
  for (const close of open.splice(0)) close();
});

/** A real store with every migration, the inventory and the merge step over it. */
export function makeMergeWorld() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-merge-'));
  const store = openStore({ dataDir: dir });
  const db = store.db;
  const bus = new EventBus();
  const vault = new Vault({ db, bus, envKey: randomBytes(32).toString('hex') });
  const unlocked = vault.autoUnlock();
  if (!unlocked.ok) throw unlocked.error;
  const audit = new AuditLog({ db, bus, osUser: 'tester' });
  const settings = new SettingsStore({ db, bus });
  const deps = { db, vault, audit, bus, settings };
  const inv = createInventory(deps);
  const merge = createInventoryMerge(deps);
  const events: { entity: string; id: string | null }[] = [];
  bus.on('inventory.changed', (e) => events.push(e));
  open.push(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const rows = (sql: string, ...p: unknown[]) => db.prepare(sql).all(...p) as Record<string, unknown>[];
  return { inv, merge, audit, events, rows };
}

const at = (file: string, line: number) => ({ file, line });

export function svc(key: string, name: string, kind: DraftService['kind'], config: DraftService['config'] = {}, line = 1, hostKey: string | null = null): DraftService {
  return { key, name, kind, config, hostKey, environment: null, notes: '', source: at('docker-compose.yml', line) };
}

/** A hand-made compose-like draft: nginx → api → db, api → redis, with env vars. */
export function sampleDraft(): InventoryDraft {
  return {
    formats: ['compose'],
    files: ['docker-compose.yml'],
    environments: [],
    hosts: [],
    services: [
      svc('compose:nginx', 'nginx', 'container', { containerName: 'nginx', port: 443 }, 3),
      svc('compose:api', 'api', 'container', { containerName: 'api', port: 3001, replicas: 2 }, 10),
      svc('compose:db', 'postgres', 'postgres', { containerName: 'postgres', port: 5432 }, 20),
      svc('compose:redis', 'redis', 'redis', { port: 6379 }, 30),
    ],
    links: [
      { fromKey: 'compose:nginx', toKey: 'compose:api', kind: 'proxies-to', reason: 'depends_on', source: at('docker-compose.yml', 5) },
      { fromKey: 'compose:api', toKey: 'compose:db', kind: 'uses-database', reason: 'DATABASE_URL', source: at('docker-compose.yml', 12) },
      { fromKey: 'compose:api', toKey: 'compose:redis', kind: 'uses-cache', reason: 'REDIS_URL', source: at('docker-compose.yml', 13) },
    ],
    envVars: [
      { serviceKey: 'compose:api', name: 'NODE_ENV', secret: false, missing: false, value: 'production', source: at('docker-compose.yml', 14) },
      { serviceKey: 'compose:api', name: 'JWT_SECRET', secret: true, missing: true, value: null, source: at('docker-compose.yml', 15) },
    ],
    warnings: [],
    errors: [],
  };
}
