import { AppError } from '../../contract/errors';
import type { JobContext } from '../jobs/job-runner';
import type { Vault } from './vault';

export interface SecretsSelfCheckResult {
  secrets: number;
  ok: number;
  failed: { ownerType: string; ownerId: string; field: string }[];
}

/**
 * The fallback body of the 'inventory.selfcheck' job: proves every stored secret still
 * decrypts under the current data key (a damaged row or a wrong key shows up here, not in the
 * middle of a deploy). Values are decrypted and dropped at once; nothing is logged but places.
 */
export async function secretsSelfCheck(vault: Vault, ctx: JobContext): Promise<SecretsSelfCheckResult> {
  ctx.progress(0, 'Listing stored secrets');
  const refs = vault.listRefs();
  ctx.log('info', `${refs.length} stored secret${refs.length === 1 ? '' : 's'} to check.`);
  const failed: SecretsSelfCheckResult['failed'] = [];
  for (const [i, ref] of refs.entries()) {
    ctx.throwIfCancelled();
    try {
      vault.reveal(ref);
    } catch (err) {
      // A locked vault is not a damaged secret: stop and say so.
      if (err instanceof AppError && (err.code === 'VAULT_LOCKED' || err.code === 'VAULT_UNINITIALIZED')) throw err;
      failed.push({ ...ref });
      ctx.log('error', `Cannot decrypt ${ref.field} of ${ref.ownerType} ${ref.ownerId}.`);
    }
    ctx.progress(((i + 1) / refs.length) * 100, `Checked ${i + 1} of ${refs.length}`);
    // Let cancellation and other calls in between rows.
    if (i % 50 === 49) await new Promise((r) => setImmediate(r));
  }
  const result = { secrets: refs.length, ok: refs.length - failed.length, failed };
  if (failed.length > 0) {
    throw new AppError(
      'INTERNAL',
      `${failed.length} of ${refs.length} stored secrets could not be decrypted.`,
      'Set those secrets again; the job log names them.',
      result,
    );
  }
  ctx.log('info', `All ${refs.length} secrets decrypt correctly.`);
  return result;
}
