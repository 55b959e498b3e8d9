import { describe, expect, it } from 'vitest';
import { InventoryTree, ServiceConfig } from '../../../src-main/contract';
import { demoInventory } from '../../../src-main/core/inventory';
import { expectAppError, makeInventory } from './inventory-fixture';

const quietJob = () => ({ progress: () => {}, log: () => {}, throwIfCancelled: () => {} });

describe('demo inventory', () => {
  it('is offered on a fresh console until loaded or dismissed', () => {
    const t = makeInventory();
    expect(t.inv.demoState()).toEqual({ offered: true, loaded: false, inventoryEmpty: true });
    expect(t.inv.dismissDemo()).toEqual({ ok: true });
    expect(t.inv.demoState()).toEqual({ offered: false, loaded: false, inventoryEmpty: true });
    expect(t.settings.getFlag('demo.dismissed')).toBe('1');
    expect(t.events.at(-1)).toEqual({ entity: 'demo', id: null });
  });

  it('loads the five seed systems in one go, with links and without secrets', () => {
    const t = makeInventory();
    const tree = t.inv.loadDemo();
    expect(InventoryTree.parse(tree)).toEqual(tree);
    expect(tree.projects.map((p) => p.name).sort()).toEqual(
      ['Gestión de Inventario', 'IA Comercial', 'PREXCOL', 'SERVISTECH ERP v4', 'StudioZens'].sort(),
    );
    expect(t.inv.demoState()).toEqual({ offered: false, loaded: true, inventoryEmpty: false });

    // Every project has a production environment and a connected topology.
    const envProject = new Map(tree.environments.map((e) => [e.id, e.projectId]));
    const serviceEnv = new Map(tree.services.map((s) => [s.id, s.environmentId]));
    for (const p of tree.projects) {
      const envs = tree.environments.filter((e) => e.projectId === p.id);
      expect(envs.some((e) => e.kind === 'production'), p.name).toBe(true);
      const links = tree.links.filter((l) => envProject.get(serviceEnv.get(l.fromServiceId)!) === p.id);
      expect(links.length, p.name).toBeGreaterThanOrEqual(1);
    }
    // Links are drawn inside one environment each.
    for (const l of tree.links) expect(serviceEnv.get(l.fromServiceId)).toBe(serviceEnv.get(l.toServiceId));

    // Documentation addresses only, no secrets anywhere.
    for (const h of tree.hosts) {
      expect(h.address).toMatch(/^203\.0\.113\.\d+$/);
      expect(['key', 'agent']).toContain(h.authMethod);
      expect(Object.values(h.secrets).every((s) => !s.isSet)).toBe(true);
    }
    expect(tree.credentials).toEqual([]);
    expect(t.count('secrets')).toBe(0);
    for (const s of tree.services) {
      expect(ServiceConfig.parse(s.config)).toEqual(s.config);
      if (s.config.url) expect(new URL(s.config.url).hostname).toMatch(/\.example\.com$/);
    }

    // Details the seed documents give.
    const svc = (name: string) => tree.services.find((s) => s.name === name)!;
    expect(svc('ia-comercial')).toMatchObject({ kind: 'pm2-app', config: { port: 3000, pm2Name: 'ia-comercial', healthPath: '/health/detailed' } });
    expect(svc('leads-db').config.filePath).toBe('/var/www/ia-comercial/db/leads.db');
    expect(svc('backup-leads-db').config.schedule).toBe('0 3 * * *');
    expect(svc('studiozens-backend').config).toMatchObject({ platform: 'render', healthPath: '/api/core/health/' });
    expect(svc('studiozens-redis').config.url).toMatch(/^rediss:\/\//);
    expect(svc('api').config).toMatchObject({ port: 3001, replicas: 2 });
    expect(svc('websocket').config.port).toBe(3002);
    expect(svc('bcv-scraping').config.schedule).toBe('0 8,13 * * 1-6');
    expect(svc('celery-worker').config.replicas).toBe(2);
    expect(svc('prexcol-frontend').config.platform).toBe('netlify');
    const upstream = tree.links.filter((l) => l.fromServiceId === svc('nginx-stock-management').id && l.kind === 'proxies-to');
    expect(upstream).toHaveLength(3);

    // One audit entry, one event.
    expect(t.auditEntries().map((a) => a.action)).toEqual(['inventory.loadDemo']);
    expect(t.events).toEqual([{ entity: 'inventory', id: null }]);
    expect(tree.services).toHaveLength(demoInventory.flatMap((p) => p.environments.flatMap((e) => e.services)).length);
  });

  it('passes its own self-check', async () => {
    const t = makeInventory();
    t.inv.loadDemo();
    const result = await t.inv.selfCheck(quietJob());
    expect(result.problems).toBe(0);
    expect(result.checked).toBeGreaterThan(50);
  });

  it('refuses to load over projects with the same names, changing nothing', () => {
    const t = makeInventory();
    t.make.project({ name: 'prexcol' });
    const e = expectAppError(() => t.inv.loadDemo(), 'CONFLICT');
    expect(e.message).toContain('"PREXCOL"');
    expect(t.inv.tree().projects).toHaveLength(1);
    expect(t.inv.demoState().loaded).toBe(false);

    const fresh = makeInventory();
    fresh.inv.loadDemo();
    expectAppError(() => fresh.inv.loadDemo(), 'CONFLICT');
    expect(fresh.inv.tree().projects).toHaveLength(5);
  });
});
