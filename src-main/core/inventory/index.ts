import { createCredentialOps } from './credential-ops';
import { createDemoOps } from './demo-loader';
import { createEnvironmentOps } from './environment-ops';
import { createHostOps } from './host-ops';
import { createInventoryContext } from './inventory-context';
import { readTree } from './inventory-tree';
import type { Inventory, InventoryDeps } from './inventory-types';
import { createLinkOps } from './link-ops';
import { createProjectOps } from './project-ops';
import { runSelfCheck } from './self-check';
import { createServiceOps } from './service-ops';

export type {
  Inventory,
  InventoryDeps,
  InventoryFlags,
  SelfCheckContext,
  SelfCheckResult,
} from './inventory-types';
export { DEMO_DISMISSED_FLAG, DEMO_LOADED_FLAG } from './demo-loader';
export { demoInventory } from './demo-inventory';

/**
 * The inventory service: projects → environments → hosts and services, links and credentials,
 * kept in the store's SQLite (migration 002) with secrets in the vault. Every change is one
 * transaction with its audit entry, followed by an 'inventory.changed' event.
 */
export function createInventory(deps: InventoryDeps): Inventory {
  const ctx = createInventoryContext(deps);
  const tree = () => readTree(ctx);
  return {
    tree,
    ...createDemoOps(ctx, tree),
    ...createProjectOps(ctx),
    ...createEnvironmentOps(ctx),
    ...createHostOps(ctx),
    ...createServiceOps(ctx),
    ...createLinkOps(ctx),
    ...createCredentialOps(ctx),
    selfCheck: (job) => runSelfCheck(ctx, job),
  };
}
