import type Database from 'better-sqlite3';
import type { SecretStore } from '../ports';

export interface CascadeCounts {
  environments: number;
  hosts: number;
  services: number;
  links: number;
}

/**
 * Deletes environments with everything in them, child first. Written out rather than left to
 * ON DELETE CASCADE for two reasons: the vault's secrets of the deleted hosts and services are
 * not foreign-keyed rows and must go too, and the counts make the audit entry say what went.
 * References from outside the environment (another environment's host using one of these as
 * its jump host) are cleared, as the schema's ON DELETE SET NULL would.
 * Must run inside the caller's transaction.
 */
export function createCascade(db: Database.Database, vault: SecretStore) {
  const q = {
    hostIds: db.prepare<[string], { id: string }>('SELECT id FROM hosts WHERE environment_id = ?'),
    serviceIds: db.prepare<[string], { id: string }>('SELECT id FROM services WHERE environment_id = ?'),
    links: db.prepare<[string, string]>(
      `DELETE FROM links
       WHERE from_service_id IN (SELECT id FROM services WHERE environment_id = ?)
          OR to_service_id IN (SELECT id FROM services WHERE environment_id = ?)`,
    ),
    detachServices: db.prepare<[string]>(
      'UPDATE services SET host_id = NULL WHERE host_id IN (SELECT id FROM hosts WHERE environment_id = ?)',
    ),
    services: db.prepare<[string]>('DELETE FROM services WHERE environment_id = ?'),
    clearJumps: db.prepare<[string]>(
      'UPDATE hosts SET jump_host_id = NULL WHERE jump_host_id IN (SELECT id FROM hosts WHERE environment_id = ?)',
    ),
    hosts: db.prepare<[string]>('DELETE FROM hosts WHERE environment_id = ?'),
    environment: db.prepare<[string]>('DELETE FROM environments WHERE id = ?'),
  };

  function deleteEnvironment(environmentId: string, into: CascadeCounts): void {
    const hostIds = q.hostIds.all(environmentId).map((r) => r.id);
    const serviceIds = q.serviceIds.all(environmentId).map((r) => r.id);
    into.links += q.links.run(environmentId, environmentId).changes;
    q.detachServices.run(environmentId);
    into.services += q.services.run(environmentId).changes;
    q.clearJumps.run(environmentId);
    into.hosts += q.hosts.run(environmentId).changes;
    into.environments += q.environment.run(environmentId).changes;
    for (const id of hostIds) vault.deleteOwner('host', id);
    for (const id of serviceIds) vault.deleteOwner('service', id);
  }

  return {
    deleteEnvironments(environmentIds: readonly string[]): CascadeCounts {
      const counts: CascadeCounts = { environments: 0, hosts: 0, services: 0, links: 0 };
      for (const id of environmentIds) deleteEnvironment(id, counts);
      return counts;
    },
  };
}
export type Cascade = ReturnType<typeof createCascade>;

/** "2 environments, 3 hosts, 9 services, 7 links" — only the non-zero parts. */
export function describeCounts(c: Partial<CascadeCounts>): string {
  const parts: string[] = [];
  const add = (n: number | undefined, one: string, many: string) => {
    if (n) parts.push(`${n} ${n === 1 ? one : many}`);
  };
  add(c.environments, 'environment', 'environments');
  add(c.hosts, 'host', 'hosts');
  add(c.services, 'service', 'services');
  add(c.links, 'link', 'links');
  return parts.join(', ');
}
