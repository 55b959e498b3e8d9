import type { Service } from '../../contract';
import { applyPatch, auditDetails, changedFields } from './change-summary';
import { findNameClash, type InventoryContext } from './inventory-context';
import { invalid, nameTaken } from './inventory-errors';
import { newInventoryId, nowIso } from './inventory-ids';
import type { ByIdInputParsed, Ok, ServiceCreateInput, ServiceUpdateInput } from './inventory-types';

const EDITABLE = ['hostId', 'name', 'kind', 'config', 'credentialId', 'notes'] as const;

/**
 * Services: names unique per environment; a service runs on a host of its own environment, or
 * on none (PaaS, managed databases, external APIs).
 */
export function createServiceOps(ctx: InventoryContext) {
  const { repos, mutate, vault } = ctx;

  function assertNameFree(environmentId: string, name: string, exceptId: string | null): void {
    if (findNameClash(repos.services.inEnvironment(environmentId), name, exceptId)) {
      throw nameTaken('service', name, `in ${ctx.where(environmentId)}`);
    }
  }

  function assertHost(hostId: string, environmentId: string, serviceName: string): void {
    const host = ctx.require.host(hostId);
    if (host.environmentId !== environmentId) {
      throw invalid(
        `Host "${host.name}" is in ${ctx.where(host.environmentId)}, not in ${ctx.where(environmentId)} where service "${serviceName}" is.`,
        'Pick a host of the same environment, or no host for a PaaS or external service.',
        { hostId, environmentId },
      );
    }
  }

  function audited(action: string, s: Service, details: string) {
    return { action, targetKind: 'service', targetId: s.id, targetName: s.name, details };
  }

  return {
    createService(input: ServiceCreateInput): Service {
      return mutate(() => {
        ctx.require.environment(input.environmentId);
        assertNameFree(input.environmentId, input.name, null);
        if (input.hostId) assertHost(input.hostId, input.environmentId, input.name);
        if (input.credentialId) ctx.require.credential(input.credentialId);
        const now = nowIso();
        const service: Service = { id: newInventoryId('svc'), ...input, createdAt: now, updatedAt: now };
        repos.services.insert(service);
        return {
          value: service,
          audit: audited('service.create', service, `kind: ${service.kind}; in ${ctx.where(service.environmentId)}`),
          changed: { entity: 'service', id: service.id },
        };
      });
    },

    updateService(input: ServiceUpdateInput): Service {
      return mutate(() => {
        const current = ctx.require.service(input.id);
        const fields = changedFields(current, input, EDITABLE);
        if (!fields.length) return { value: current };
        const next: Service = { ...applyPatch(current, input, fields), updatedAt: nowIso() };
        if (fields.includes('name')) assertNameFree(next.environmentId, next.name, next.id);
        if (fields.includes('hostId') && next.hostId) assertHost(next.hostId, next.environmentId, next.name);
        if (fields.includes('credentialId') && next.credentialId) ctx.require.credential(next.credentialId);
        repos.services.update(next);
        return {
          value: next,
          audit: audited('service.update', next, auditDetails(fields)),
          changed: { entity: 'service', id: next.id },
        };
      });
    },

    deleteService(input: ByIdInputParsed): Ok {
      return mutate(() => {
        const service = ctx.require.service(input.id);
        const links = repos.links.removeTouching(service.id);
        repos.services.remove(service.id);
        // Services hold no secrets today; the ref type allows it, so nothing may outlive them.
        vault.deleteOwner('service', service.id);
        return {
          value: { ok: true as const },
          audit: audited('service.delete', service, links ? `also deleted ${links} link(s)` : ''),
          changed: { entity: 'service', id: service.id },
        };
      });
    },
  };
}
