import type { Environment, Host, InventoryTree, Link, Project, Service } from '../../../src-main/contract';

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

export function envsOf(tree: InventoryTree, projectId: string): Environment[] {
  const order = { production: 0, staging: 1, preview: 2, development: 3, other: 4 };
  return tree.environments
    .filter((e) => e.projectId === projectId)
    .sort((a, b) => order[a.kind] - order[b.kind] || byName(a, b));
}

export function hostsOf(tree: InventoryTree, envId: string): Host[] {
  return tree.hosts.filter((h) => h.environmentId === envId).sort(byName);
}

export function servicesOf(tree: InventoryTree, envId: string): Service[] {
  return tree.services.filter((s) => s.environmentId === envId).sort(byName);
}

export function servicesOnHost(tree: InventoryTree, hostId: string): Service[] {
  return tree.services.filter((s) => s.hostId === hostId).sort(byName);
}

export function findProject(tree: InventoryTree, id: string | null | undefined): Project | undefined {
  return id ? tree.projects.find((p) => p.id === id) : undefined;
}
export function findEnv(tree: InventoryTree, id: string | null | undefined): Environment | undefined {
  return id ? tree.environments.find((e) => e.id === id) : undefined;
}
export function findHost(tree: InventoryTree, id: string | null | undefined): Host | undefined {
  return id ? tree.hosts.find((h) => h.id === id) : undefined;
}
export function findService(tree: InventoryTree, id: string | null | undefined): Service | undefined {
  return id ? tree.services.find((s) => s.id === id) : undefined;
}

/** Links whose services belong to the project, in a stable order. */
export function linksOfProject(tree: InventoryTree, projectId: string): Link[] {
  const envIds = new Set(tree.environments.filter((e) => e.projectId === projectId).map((e) => e.id));
  const svcIds = new Set(tree.services.filter((s) => envIds.has(s.environmentId)).map((s) => s.id));
  return tree.links.filter((l) => svcIds.has(l.fromServiceId) || svcIds.has(l.toServiceId));
}

export function linksOfService(tree: InventoryTree, serviceId: string): Link[] {
  return tree.links.filter((l) => l.fromServiceId === serviceId || l.toServiceId === serviceId);
}

export function servicesOfProject(tree: InventoryTree, projectId: string): Service[] {
  const envIds = new Set(tree.environments.filter((e) => e.projectId === projectId).map((e) => e.id));
  return tree.services.filter((s) => envIds.has(s.environmentId)).sort(byName);
}

export function projectIdOf(
  tree: InventoryTree,
  sel: { type: string; id?: string } | null,
): string | null {
  if (!sel || !('id' in sel) || !sel.id) return null;
  if (sel.type === 'project') return sel.id;
  const envId =
    sel.type === 'environment'
      ? sel.id
      : sel.type === 'host'
        ? findHost(tree, sel.id)?.environmentId
        : sel.type === 'service'
          ? findService(tree, sel.id)?.environmentId
          : undefined;
  return findEnv(tree, envId)?.projectId ?? null;
}

/** What deleting one item also removes, for the confirmation text. */
export function cascadeOfEnv(tree: InventoryTree, envId: string) {
  const hosts = hostsOf(tree, envId);
  const services = servicesOf(tree, envId);
  const svcIds = new Set(services.map((s) => s.id));
  const links = tree.links.filter((l) => svcIds.has(l.fromServiceId) || svcIds.has(l.toServiceId));
  return { hosts, services, links };
}

export function cascadeOfProject(tree: InventoryTree, projectId: string) {
  const envs = envsOf(tree, projectId);
  const parts = envs.map((e) => cascadeOfEnv(tree, e.id));
  return {
    envs,
    hosts: parts.flatMap((p) => p.hosts),
    services: parts.flatMap((p) => p.services),
    links: linksOfProject(tree, projectId),
  };
}

export function serviceName(tree: InventoryTree, id: string): string {
  return findService(tree, id)?.name ?? id;
}

/** Case-insensitive substring match used by the tree filter. */
export function matches(name: string, q: string): boolean {
  return !q || name.toLowerCase().includes(q.toLowerCase());
}
