import type { Inventory } from '../../core/inventory';
import type { Handlers } from '../types';

type InventoryCalls =
  | 'inventory.tree'
  | 'inventory.demoState'
  | 'inventory.loadDemo'
  | 'inventory.dismissDemo'
  | 'projects.create'
  | 'projects.update'
  | 'projects.delete'
  | 'environments.create'
  | 'environments.update'
  | 'environments.delete'
  | 'hosts.create'
  | 'hosts.update'
  | 'hosts.delete'
  | 'services.create'
  | 'services.update'
  | 'services.delete'
  | 'links.create'
  | 'links.delete'
  | 'credentials.create'
  | 'credentials.update'
  | 'credentials.delete';

/** The inventory calls of the contract, one line each: the router validated the input already. */
export function createInventoryHandlers(inv: Inventory): Pick<Handlers, InventoryCalls> {
  return {
    'inventory.tree': () => inv.tree(),
    'inventory.demoState': () => inv.demoState(),
    'inventory.loadDemo': () => inv.loadDemo(),
    'inventory.dismissDemo': () => inv.dismissDemo(),
    'projects.create': (i) => inv.createProject(i),
    'projects.update': (i) => inv.updateProject(i),
    'projects.delete': (i) => inv.deleteProject(i),
    'environments.create': (i) => inv.createEnvironment(i),
    'environments.update': (i) => inv.updateEnvironment(i),
    'environments.delete': (i) => inv.deleteEnvironment(i),
    'hosts.create': (i) => inv.createHost(i),
    'hosts.update': (i) => inv.updateHost(i),
    'hosts.delete': (i) => inv.deleteHost(i),
    'services.create': (i) => inv.createService(i),
    'services.update': (i) => inv.updateService(i),
    'services.delete': (i) => inv.deleteService(i),
    'links.create': (i) => inv.createLink(i),
    'links.delete': (i) => inv.deleteLink(i),
    'credentials.create': (i) => inv.createCredential(i),
    'credentials.update': (i) => inv.updateCredential(i),
    'credentials.delete': (i) => inv.deleteCredential(i),
  };
}
