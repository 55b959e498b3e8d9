import type { Credential } from '../../contract';
import { applyPatch, auditDetails, changedFields } from './change-summary';
import { findNameClash, type InventoryContext } from './inventory-context';
import { nameTaken } from './inventory-errors';
import { newInventoryId, nowIso } from './inventory-ids';
import type { ByIdInputParsed, CredentialCreateInput, CredentialRecord, CredentialUpdateInput, Ok } from './inventory-types';
import { applySecretInputs, CREDENTIAL_SECRET_FIELDS, secretStates } from './secret-fields';

const EDITABLE = ['name', 'kind', 'username', 'notes'] as const;

/**
 * Credentials are shared by hosts and services across projects, so they live outside the
 * tree; names are unique in the whole inventory because pickers show them by name. Deleting
 * one leaves its users without a credential rather than deleting them.
 */
export function createCredentialOps(ctx: InventoryContext) {
  const { repos, mutate, vault } = ctx;

  const withSecrets = (c: CredentialRecord): Credential => ({
    ...c,
    secrets: secretStates(vault, 'credential', c.id, CREDENTIAL_SECRET_FIELDS),
  });

  function assertNameFree(name: string, exceptId: string | null): void {
    if (findNameClash(repos.credentials.list(), name, exceptId)) throw nameTaken('credential', name, 'in the inventory');
  }

  function audited(action: string, c: CredentialRecord, details: string) {
    return { action, targetKind: 'credential', targetId: c.id, targetName: c.name, details };
  }

  return {
    createCredential(input: CredentialCreateInput): Credential {
      return mutate(() => {
        assertNameFree(input.name, null);
        const now = nowIso();
        const { secrets, ...fields } = input;
        const cred: CredentialRecord = { id: newInventoryId('crd'), ...fields, createdAt: now, updatedAt: now };
        repos.credentials.insert(cred);
        const secretSummary = applySecretInputs(vault, 'credential', cred.id, CREDENTIAL_SECRET_FIELDS, secrets);
        return {
          value: withSecrets(cred),
          audit: audited('credential.create', cred, auditDetails([], secretSummary, [`kind: ${cred.kind}`])),
          changed: { entity: 'credential', id: cred.id },
        };
      });
    },

    updateCredential(input: CredentialUpdateInput): Credential {
      return mutate(() => {
        const current = ctx.require.credential(input.id);
        const fields = changedFields(current, input, EDITABLE);
        if (fields.includes('name')) assertNameFree(input.name!, current.id);
        const secretSummary = applySecretInputs(vault, 'credential', current.id, CREDENTIAL_SECRET_FIELDS, input.secrets);
        if (!fields.length && !secretSummary.length) return { value: withSecrets(current) };
        const next = { ...applyPatch(current, input, fields), updatedAt: nowIso() };
        repos.credentials.update(next);
        return {
          value: withSecrets(next),
          audit: audited('credential.update', next, auditDetails(fields, secretSummary)),
          changed: { entity: 'credential', id: next.id },
        };
      });
    },

    deleteCredential(input: ByIdInputParsed): Ok {
      return mutate(() => {
        const cred = ctx.require.credential(input.id);
        const states = secretStates(vault, 'credential', cred.id, CREDENTIAL_SECRET_FIELDS);
        const secretSummary = CREDENTIAL_SECRET_FIELDS.filter((f) => states[f].isSet).map((f) => `${f}: deleted`);
        const hosts = repos.hosts.clearCredential(cred.id);
        const services = repos.services.clearCredential(cred.id);
        repos.credentials.remove(cred.id);
        vault.deleteOwner('credential', cred.id);
        const extra: string[] = [];
        if (hosts || services) extra.push(`unlinked from ${hosts} host(s) and ${services} service(s)`);
        return {
          value: { ok: true as const },
          audit: audited('credential.delete', cred, auditDetails([], secretSummary, extra)),
          changed: { entity: 'credential', id: cred.id },
        };
      });
    },
  };
}
