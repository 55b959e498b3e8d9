import type { Host } from '../../contract';
import { applyPatch, auditDetails, changedFields } from './change-summary';
import { findNameClash, type InventoryContext } from './inventory-context';
import { conflict, invalid, nameTaken } from './inventory-errors';
import { newInventoryId, nowIso } from './inventory-ids';
import type { ByIdInputParsed, HostCreateInput, HostRecord, HostUpdateInput, Ok } from './inventory-types';
import { applySecretInputs, HOST_SECRET_FIELDS, secretStates } from './secret-fields';

const EDITABLE = [
  'environmentId',
  'name',
  'address',
  'port',
  'username',
  'authMethod',
  'provider',
  'credentialId',
  'jumpHostId',
  'tags',
  'notes',
] as const;

/** Hosts: names unique per environment, a sane jump-host chain, secrets through the vault. */
export function createHostOps(ctx: InventoryContext) {
  const { repos, mutate, vault } = ctx;

  const withSecrets = (h: HostRecord): Host => ({ ...h, secrets: secretStates(vault, 'host', h.id, HOST_SECRET_FIELDS) });

  function assertNameFree(environmentId: string, name: string, exceptId: string | null): void {
    if (findNameClash(repos.hosts.inEnvironment(environmentId), name, exceptId)) {
      throw nameTaken('host', name, `in ${ctx.where(environmentId)}`);
    }
  }

  /** The jump host must exist, must not be the host itself, and must not lead back to it. */
  function assertJumpHost(hostId: string | null, hostName: string, jumpHostId: string): void {
    if (jumpHostId === hostId) {
      throw invalid(`Host "${hostName}" cannot be its own jump host.`, 'Pick another host as jump host, or none.');
    }
    const chain = [hostName];
    const seen = new Set<string>();
    for (let cur: string | null = jumpHostId; cur; ) {
      const jump: HostRecord = ctx.require.host(cur);
      chain.push(jump.name);
      if (jump.jumpHostId === hostId && hostId !== null) {
        chain.push(hostName);
        throw invalid(
          `Jump hosts would form a loop: ${chain.join(' → ')}.`,
          'Pick a jump host that does not itself go through this host.',
        );
      }
      seen.add(cur);
      cur = jump.jumpHostId && !seen.has(jump.jumpHostId) ? jump.jumpHostId : null;
    }
  }

  function audited(action: string, h: HostRecord, details: string) {
    return { action, targetKind: 'host', targetId: h.id, targetName: h.name, details };
  }

  return {
    createHost(input: HostCreateInput): Host {
      return mutate(() => {
        ctx.require.environment(input.environmentId);
        assertNameFree(input.environmentId, input.name, null);
        if (input.credentialId) ctx.require.credential(input.credentialId);
        if (input.jumpHostId) assertJumpHost(null, input.name, input.jumpHostId);
        const now = nowIso();
        const { secrets, ...fields } = input;
        const host: HostRecord = { id: newInventoryId('hst'), ...fields, createdAt: now, updatedAt: now };
        repos.hosts.insert(host);
        const secretSummary = applySecretInputs(vault, 'host', host.id, HOST_SECRET_FIELDS, secrets);
        return {
          value: withSecrets(host),
          audit: audited('host.create', host, auditDetails([], secretSummary, [`in ${ctx.where(host.environmentId)}`])),
          changed: { entity: 'host', id: host.id },
        };
      });
    },

    updateHost(input: HostUpdateInput): Host {
      return mutate(() => {
        const current = ctx.require.host(input.id);
        const fields = changedFields(current, input, EDITABLE);
        const next: HostRecord = applyPatch(current, input, fields);
        if (fields.includes('environmentId')) {
          ctx.require.environment(next.environmentId);
          const stranded = repos.services.onHost(current.id).filter((s) => s.environmentId === current.environmentId);
          if (stranded.length) {
            throw conflict(
              `Host "${current.name}" runs ${stranded.length} service(s) in ${ctx.where(current.environmentId)} ` +
                `(${stranded.map((s) => s.name).join(', ')}); it cannot move to another environment.`,
              'Move or detach those services first, or create a new host in the other environment.',
            );
          }
        }
        if (fields.includes('name') || fields.includes('environmentId')) {
          assertNameFree(next.environmentId, next.name, current.id);
        }
        if (fields.includes('credentialId') && next.credentialId) ctx.require.credential(next.credentialId);
        if (fields.includes('jumpHostId') && next.jumpHostId) assertJumpHost(current.id, next.name, next.jumpHostId);

        const secretSummary = applySecretInputs(vault, 'host', current.id, HOST_SECRET_FIELDS, input.secrets);
        if (!fields.length && !secretSummary.length) return { value: withSecrets(current) };
        next.updatedAt = nowIso();
        repos.hosts.update(next);
        return {
          value: withSecrets(next),
          audit: audited('host.update', next, auditDetails(fields, secretSummary)),
          changed: { entity: 'host', id: next.id },
        };
      });
    },

    deleteHost(input: ByIdInputParsed): Ok {
      return mutate(() => {
        const host = ctx.require.host(input.id);
        const states = secretStates(vault, 'host', host.id, HOST_SECRET_FIELDS);
        const secretSummary = HOST_SECRET_FIELDS.filter((f) => states[f].isSet).map((f) => `${f}: deleted`);
        const detached = repos.services.detachFromHost(host.id);
        const jumpers = repos.hosts.clearJumpTo(host.id);
        repos.hosts.remove(host.id);
        vault.deleteOwner('host', host.id);
        const extra: string[] = [];
        if (detached) extra.push(`${detached} service(s) left without a host`);
        if (jumpers) extra.push(`${jumpers} host(s) no longer use it as jump host`);
        return {
          value: { ok: true as const },
          audit: audited('host.delete', host, auditDetails([], secretSummary, extra)),
          changed: { entity: 'host', id: host.id },
        };
      });
    },
  };
}
