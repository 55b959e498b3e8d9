import type { Environment } from '../../contract';
import { describeCounts } from './cascade';
import { applyPatch, auditDetails, changedFields } from './change-summary';
import { findNameClash, type InventoryContext } from './inventory-context';
import { nameTaken } from './inventory-errors';
import { newInventoryId, nowIso } from './inventory-ids';
import type { ByIdInputParsed, EnvironmentCreateInput, EnvironmentUpdateInput, Ok } from './inventory-types';

const EDITABLE = ['name', 'kind'] as const;

/** Environments: names unique within their project; deleting one takes its hosts and services. */
export function createEnvironmentOps(ctx: InventoryContext) {
  const { repos, mutate } = ctx;

  function assertNameFree(projectId: string, name: string, exceptId: string | null): void {
    if (findNameClash(repos.environments.inProject(projectId), name, exceptId)) {
      const project = repos.projects.get(projectId);
      throw nameTaken('environment', name, `in project "${project?.name ?? projectId}"`);
    }
  }

  function audited(action: string, env: Environment, details: string) {
    const project = repos.projects.get(env.projectId);
    return {
      action,
      targetKind: 'environment',
      targetId: env.id,
      targetName: `${project?.name ?? env.projectId} / ${env.name}`,
      details,
    };
  }

  return {
    createEnvironment(input: EnvironmentCreateInput): Environment {
      return mutate(() => {
        ctx.require.project(input.projectId);
        assertNameFree(input.projectId, input.name, null);
        const now = nowIso();
        const env: Environment = {
          id: newInventoryId('env'),
          projectId: input.projectId,
          name: input.name,
          kind: input.kind,
          createdAt: now,
          updatedAt: now,
        };
        repos.environments.insert(env);
        return {
          value: env,
          audit: audited('environment.create', env, `kind: ${env.kind}`),
          changed: { entity: 'environment', id: env.id },
        };
      });
    },

    updateEnvironment(input: EnvironmentUpdateInput): Environment {
      return mutate(() => {
        const current = ctx.require.environment(input.id);
        const fields = changedFields(current, input, EDITABLE);
        if (!fields.length) return { value: current };
        if (fields.includes('name')) assertNameFree(current.projectId, input.name!, current.id);
        const next = { ...applyPatch(current, input, fields), updatedAt: nowIso() };
        repos.environments.update(next);
        return {
          value: next,
          audit: audited('environment.update', next, auditDetails(fields)),
          changed: { entity: 'environment', id: next.id },
        };
      });
    },

    deleteEnvironment(input: ByIdInputParsed): Ok {
      return mutate(() => {
        const env = ctx.require.environment(input.id);
        const record = audited('environment.delete', env, '');
        const { environments: _self, ...rest } = ctx.cascade.deleteEnvironments([env.id]);
        const also = describeCounts(rest);
        return {
          value: { ok: true as const },
          audit: { ...record, details: also ? `also deleted ${also}` : '' },
          changed: { entity: 'environment', id: env.id },
        };
      });
    },
  };
}
