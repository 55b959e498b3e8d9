import type { InventoryTree } from '../../contract';
import { describeCounts } from './cascade';
import { demoInventory, type DemoProject } from './demo-inventory';
import { findNameClash, type InventoryContext, type Repositories } from './inventory-context';
import { conflict } from './inventory-errors';
import { newInventoryId, nowIso } from './inventory-ids';
import type { DemoStateOutput, Ok } from './inventory-types';

export const DEMO_LOADED_FLAG = 'demo.loaded';
export const DEMO_DISMISSED_FLAG = 'demo.dismissed';

const isOn = (v: string | null) => v !== null && v !== '' && v !== '0' && v !== 'false';

export interface DemoCounts {
  projects: number;
  environments: number;
  hosts: number;
  services: number;
  links: number;
}

/**
 * Inserts demo projects through the repositories, resolving the data's names to fresh ids.
 * A name the data does not define is a bug in the data, so it throws a plain Error (and the
 * caller's transaction rolls back). Must run inside a transaction.
 */
export function insertDemoInventory(repos: Repositories, projects: readonly DemoProject[] = demoInventory): DemoCounts {
  const counts: DemoCounts = { projects: 0, environments: 0, hosts: 0, services: 0, links: 0 };
  const now = nowIso();
  const stamp = { createdAt: now, updatedAt: now };
  for (const p of projects) {
    const projectId = newInventoryId('prj');
    repos.projects.insert({ id: projectId, name: p.name, description: p.description, ...stamp });
    counts.projects++;
    for (const e of p.environments) {
      const environmentId = newInventoryId('env');
      repos.environments.insert({ id: environmentId, projectId, name: e.name, kind: e.kind, ...stamp });
      counts.environments++;
      const hostIds = new Map<string, string>();
      for (const h of e.hosts) {
        const id = newInventoryId('hst');
        hostIds.set(h.name, id);
        repos.hosts.insert({ id, environmentId, port: 22, credentialId: null, jumpHostId: null, ...h, ...stamp });
        counts.hosts++;
      }
      const serviceIds = new Map<string, string>();
      const lookup = (map: Map<string, string>, name: string, what: string) => {
        const id = map.get(name);
        if (!id) throw new Error(`demo data: ${p.name} / ${e.name} has no ${what} named ${name}`);
        return id;
      };
      for (const s of e.services) {
        const id = newInventoryId('svc');
        serviceIds.set(s.name, id);
        const hostId = s.host ? lookup(hostIds, s.host, 'host') : null;
        repos.services.insert({
          id,
          environmentId,
          hostId,
          name: s.name,
          kind: s.kind,
          config: s.config,
          credentialId: null,
          notes: s.notes,
          ...stamp,
        });
        counts.services++;
      }
      for (const [from, kind, to] of e.links) {
        repos.links.insert({
          id: newInventoryId('lnk'),
          fromServiceId: lookup(serviceIds, from, 'service'),
          toServiceId: lookup(serviceIds, to, 'service'),
          kind,
          createdAt: now,
        });
        counts.links++;
      }
    }
  }
  return counts;
}

/** The demo offer on an empty console: its state, loading it, and saying no to it. */
export function createDemoOps(ctx: InventoryContext, readTree: () => InventoryTree) {
  const { repos, settings, mutate } = ctx;
  return {
    demoState(): DemoStateOutput {
      const loaded = isOn(settings.getFlag(DEMO_LOADED_FLAG));
      const dismissed = isOn(settings.getFlag(DEMO_DISMISSED_FLAG));
      return { offered: !dismissed && !loaded, loaded, inventoryEmpty: repos.projects.count() === 0 };
    },

    loadDemo(): InventoryTree {
      mutate(() => {
        const existing = repos.projects.list();
        const clashes = demoInventory.filter((p) => findNameClash(existing, p.name, null)).map((p) => p.name);
        if (clashes.length) {
          throw conflict(
            `The demo cannot be loaded: project(s) ${clashes.map((n) => `"${n}"`).join(', ')} already exist.`,
            'Rename or delete those projects first, or keep working with them.',
            { projects: clashes },
          );
        }
        const counts = insertDemoInventory(repos);
        settings.setFlag(DEMO_LOADED_FLAG, '1');
        return {
          value: undefined,
          audit: {
            action: 'inventory.loadDemo',
            targetKind: 'inventory',
            targetId: null,
            targetName: 'demo inventory',
            details: `added ${counts.projects} projects, ${describeCounts(counts)}`,
          },
          changed: { entity: 'inventory', id: null },
        };
      });
      return readTree();
    },

    dismissDemo(): Ok {
      settings.setFlag(DEMO_DISMISSED_FLAG, '1');
      // The UI's inventory store holds the demo state too; tell it to refetch.
      ctx.bus.emit('inventory.changed', { entity: 'demo', id: null });
      return { ok: true };
    },
  };
}
