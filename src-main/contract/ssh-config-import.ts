import { z } from 'zod';
import { Id } from './common';
import { InventoryDraft, MergePlan } from './drafts';
import { ImportTarget, MergeSummary } from './imports';
import { KnownHostKey, SshDraftDetail } from './ssh';

/**
 * Importing hosts from ~/.ssh/config and known_hosts into a project/environment: planned by the
 * import merge step, applied with the keys the user ticked. The texts are sent again and parsed
 * again on apply (a draft coming back from the UI is never trusted). Private keys are never read:
 * IdentityFile paths only go to the host's notes.
 */
const Texts = {
  // 256 K characters each, as sshConfig.preview.
  configText: z.string().max(262_144).default(''),
  knownHostsText: z.string().max(262_144).default(''),
  /**
   * Desktop only: read ~/.ssh/config (following Include) and ~/.ssh/known_hosts in the core
   * instead of the texts (as sshConfig.readLocal does); refused in the browser host.
   */
  local: z.boolean().default(false),
};

export const SshConfigPlanInput = z.object({ ...Texts, target: ImportTarget }).strict();
export const SshConfigPlanOutput = z.object({
  draft: InventoryDraft,
  plan: MergePlan,
  details: z.array(SshDraftDetail),
  knownKeys: z.array(KnownHostKey),
});
export type SshConfigPlanOutput = z.infer<typeof SshConfigPlanOutput>;

export const SshConfigApplyInput = z
  .object({ ...Texts, target: ImportTarget, selectedKeys: z.array(z.string().max(2000)).max(20_000) })
  .strict();

export const SshConfigApplyOutput = z.object({
  /** What the merge did; null when every picked host was already in the inventory as written. */
  merge: MergeSummary.nullable(),
  projectId: Id,
  environmentId: Id,
  /** Hosts whose jump host was set from ProxyJump. */
  jumpHostsLinked: z.number().int().min(0),
  /** Keys trusted from known_hosts, per host. */
  trustedKeys: z.array(z.object({ hostId: Id, hostName: z.string(), algorithm: z.string(), fingerprint: z.string() })),
  /** Hosts whose key could not be trusted (e.g. more than one known_hosts key matched), with why. */
  keyProblems: z.array(z.object({ hostName: z.string(), reason: z.string() })),
});
export type SshConfigApplyOutput = z.infer<typeof SshConfigApplyOutput>;
