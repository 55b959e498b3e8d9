import type { InventoryTree } from '../../contract';
import type { InventoryContext } from './inventory-context';
import { CREDENTIAL_SECRET_FIELDS, HOST_SECRET_FIELDS, secretStates } from './secret-fields';

/**
 * The whole inventory in one answer: small (hundreds of rows at most) and the UI's stores
 * refetch it on every 'inventory.changed'. Read in one transaction so it is one consistent
 * snapshot. Secrets appear only as their state.
 */
export function readTree(ctx: InventoryContext): InventoryTree {
  const { repos, vault } = ctx;
  return ctx.db.transaction(
    (): InventoryTree => ({
      projects: repos.projects.list(),
      environments: repos.environments.list(),
      hosts: repos.hosts.list().map((h) => ({ ...h, secrets: secretStates(vault, 'host', h.id, HOST_SECRET_FIELDS) })),
      services: repos.services.list(),
      links: repos.links.list(),
      credentials: repos.credentials
        .list()
        .map((c) => ({ ...c, secrets: secretStates(vault, 'credential', c.id, CREDENTIAL_SECRET_FIELDS) })),
    }),
  )();
}
