import type { Project } from '../../contract';
import { describeCounts } from './cascade';
import { applyPatch, auditDetails, changedFields } from './change-summary';
import { findNameClash, type InventoryContext } from './inventory-context';
import { nameTaken } from './inventory-errors';
import { newInventoryId, nowIso } from './inventory-ids';
import type { ByIdInputParsed, Ok, ProjectCreateInput, ProjectUpdateInput } from './inventory-types';

const EDITABLE = ['name', 'description'] as const;

/** Projects: unique names; deleting one takes its environments (and all in them) along. */
export function createProjectOps(ctx: InventoryContext) {
  const { repos, mutate } = ctx;

  function assertNameFree(name: string, exceptId: string | null): void {
    if (findNameClash(repos.projects.list(), name, exceptId)) throw nameTaken('project', name, 'in the inventory');
  }

  return {
    createProject(input: ProjectCreateInput): Project {
      return mutate(() => {
        assertNameFree(input.name, null);
        const now = nowIso();
        const project: Project = {
          id: newInventoryId('prj'),
          name: input.name,
          description: input.description,
          createdAt: now,
          updatedAt: now,
        };
        repos.projects.insert(project);
        return {
          value: project,
          audit: { action: 'project.create', targetKind: 'project', targetId: project.id, targetName: project.name, details: '' },
          changed: { entity: 'project', id: project.id },
        };
      });
    },

    updateProject(input: ProjectUpdateInput): Project {
      return mutate(() => {
        const current = ctx.require.project(input.id);
        const fields = changedFields(current, input, EDITABLE);
        if (!fields.length) return { value: current };
        if (fields.includes('name')) assertNameFree(input.name!, current.id);
        const next = { ...applyPatch(current, input, fields), updatedAt: nowIso() };
        repos.projects.update(next);
        return {
          value: next,
          audit: {
            action: 'project.update',
            targetKind: 'project',
            targetId: next.id,
            targetName: next.name,
            details: auditDetails(fields),
          },
          changed: { entity: 'project', id: next.id },
        };
      });
    },

    deleteProject(input: ByIdInputParsed): Ok {
      return mutate(() => {
        const project = ctx.require.project(input.id);
        const envIds = repos.environments.inProject(project.id).map((e) => e.id);
        const counts = ctx.cascade.deleteEnvironments(envIds);
        repos.projects.remove(project.id);
        const also = describeCounts(counts);
        return {
          value: { ok: true as const },
          audit: {
            action: 'project.delete',
            targetKind: 'project',
            targetId: project.id,
            targetName: project.name,
            details: also ? `also deleted ${also}` : '',
          },
          changed: { entity: 'project', id: project.id },
        };
      });
    },
  };
}
