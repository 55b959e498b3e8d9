import { createCascade } from './cascade';
import { createCredentialRepository } from './credential-repository';
import { createEnvironmentRepository } from './environment-repository';
import { createHostRepository } from './host-repository';
import { notFound, sameName } from './inventory-errors';
import type { InventoryDeps } from './inventory-types';
import { createLinkRepository } from './link-repository';
import { createMutator } from './mutation';
import { createProjectRepository } from './project-repository';
import { createServiceRepository } from './service-repository';

/** The repositories, one per aggregate. */
export function createRepositories(deps: InventoryDeps) {
  return {
    projects: createProjectRepository(deps.db),
    environments: createEnvironmentRepository(deps.db),
    hosts: createHostRepository(deps.db),
    services: createServiceRepository(deps.db),
    links: createLinkRepository(deps.db),
    credentials: createCredentialRepository(deps.db),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;

/**
 * Everything the per-aggregate operations share: the deps, the repositories, the mutator and
 * lookups that turn a missing id into the NOT_FOUND the UI understands.
 */
export function createInventoryContext(deps: InventoryDeps) {
  const repos = createRepositories(deps);
  const must =
    <T>(kind: Parameters<typeof notFound>[0], get: (id: string) => T | undefined) =>
    (id: string): T => {
      const found = get(id);
      if (found === undefined) throw notFound(kind, id);
      return found;
    };
  return {
    ...deps,
    repos,
    cascade: createCascade(deps.db, deps.vault),
    mutate: createMutator(deps.db, deps.audit, deps.bus),
    require: {
      project: must('project', repos.projects.get),
      environment: must('environment', repos.environments.get),
      host: must('host', repos.hosts.get),
      service: must('service', repos.services.get),
      link: must('link', repos.links.get),
      credential: must('credential', repos.credentials.get),
    },
    /** "in project PREXCOL" / "in PREXCOL / production": where a name must be unique. */
    where(environmentId: string): string {
      const env = repos.environments.get(environmentId);
      const project = env && repos.projects.get(env.projectId);
      return env ? `${project?.name ?? env.projectId} / ${env.name}` : environmentId;
    },
  };
}
export type InventoryContext = ReturnType<typeof createInventoryContext>;

/** The first item other than `exceptId` whose name matches, case-insensitively. */
export function findNameClash<T extends { id: string; name: string }>(
  items: readonly T[],
  name: string,
  exceptId: string | null,
): T | undefined {
  return items.find((i) => i.id !== exceptId && sameName(i.name, name));
}
