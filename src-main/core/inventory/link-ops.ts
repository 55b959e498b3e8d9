import type { Link } from '../../contract';
import type { InventoryContext } from './inventory-context';
import { conflict, invalid } from './inventory-errors';
import { newInventoryId, nowIso } from './inventory-ids';
import type { ByIdInputParsed, LinkCreateInput, Ok } from './inventory-types';

/**
 * Links draw the topology: both ends exist, belong to one project (a link between two systems
 * would be a diagram nobody can read), are two different services, and are not drawn twice.
 * Links across environments of one project are allowed but reported by the self-check.
 */
export function createLinkOps(ctx: InventoryContext) {
  const { repos, mutate } = ctx;

  const projectOf = (environmentId: string) => ctx.require.environment(environmentId).projectId;
  const describe = (l: Link, from: string, to: string) => `${from} ${l.kind} ${to}`;

  return {
    createLink(input: LinkCreateInput): Link {
      return mutate(() => {
        const from = ctx.require.service(input.fromServiceId);
        const to = ctx.require.service(input.toServiceId);
        if (from.id === to.id) {
          throw invalid(`Service "${from.name}" cannot link to itself.`, 'Pick two different services.');
        }
        if (projectOf(from.environmentId) !== projectOf(to.environmentId)) {
          throw invalid(
            `Services "${from.name}" (${ctx.where(from.environmentId)}) and "${to.name}" (${ctx.where(to.environmentId)}) belong to different projects.`,
            'Link services of the same project only.',
          );
        }
        if (repos.links.find(from.id, to.id, input.kind)) {
          throw conflict(
            `Service "${from.name}" already has a ${input.kind} link to "${to.name}".`,
            'Nothing to add; delete the existing link first to change it.',
          );
        }
        const link: Link = { id: newInventoryId('lnk'), ...input, createdAt: nowIso() };
        repos.links.insert(link);
        return {
          value: link,
          audit: {
            action: 'link.create',
            targetKind: 'link',
            targetId: link.id,
            targetName: describe(link, from.name, to.name),
            details: '',
          },
          changed: { entity: 'link', id: link.id },
        };
      });
    },

    deleteLink(input: ByIdInputParsed): Ok {
      return mutate(() => {
        const link = ctx.require.link(input.id);
        const from = repos.services.get(link.fromServiceId);
        const to = repos.services.get(link.toServiceId);
        repos.links.remove(link.id);
        return {
          value: { ok: true as const },
          audit: {
            action: 'link.delete',
            targetKind: 'link',
            targetId: link.id,
            targetName: describe(link, from?.name ?? link.fromServiceId, to?.name ?? link.toServiceId),
            details: '',
          },
          changed: { entity: 'link', id: link.id },
        };
      });
    },
  };
}
