import type { SecretInput, SecretState } from '../../contract';
import type { SecretRef, SecretStore } from '../ports';

export const HOST_SECRET_FIELDS = ['password', 'privateKey', 'passphrase'] as const;
export const CREDENTIAL_SECRET_FIELDS = ['value', 'passphrase'] as const;

type OwnerType = SecretRef['ownerType'];

/**
 * Applies `set` / `delete` through the vault; `keep` or absent leaves the field alone. Returns
 * what happened per field ("password: set") for the audit entry — field names only, never a
 * value. Called inside the mutation's transaction: a locked vault throws and rolls back the
 * whole change.
 */
export function applySecretInputs<F extends string>(
  vault: SecretStore,
  ownerType: OwnerType,
  ownerId: string,
  fields: readonly F[],
  input: Partial<Record<F, SecretInput>> | undefined,
): string[] {
  const summary: string[] = [];
  if (!input) return summary;
  for (const field of fields) {
    const change = input[field];
    if (!change || change.action === 'keep') continue;
    const ref: SecretRef = { ownerType, ownerId, field };
    if (change.action === 'set') {
      vault.set(ref, change.value);
      summary.push(`${field}: set`);
    } else if (vault.state(ref).isSet) {
      // Deleting what is not there is not a change worth recording.
      vault.delete(ref);
      summary.push(`${field}: deleted`);
    }
  }
  return summary;
}

/** What the UI may know about each secret field of one owner. */
export function secretStates<F extends string>(
  vault: SecretStore,
  ownerType: OwnerType,
  ownerId: string,
  fields: readonly F[],
): Record<F, SecretState> {
  const out = {} as Record<F, SecretState>;
  for (const field of fields) out[field] = vault.state({ ownerType, ownerId, field });
  return out;
}
