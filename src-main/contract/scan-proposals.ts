import { z } from 'zod';
import { Id } from './common';
import { HostFacts } from './discovery';
import { InventoryDraft, MergePlan } from './drafts';

/**
 * Accepting what "Scan host" proposes: the draft of a finished discovery job, planned against the
 * scanned host's own environment by the import merge step, and applied with the keys the user
 * ticked. The draft is read from the job in the core every time, never taken from the UI.
 */
export const ScanPlanInput = z.object({ jobId: Id }).strict();
export const ScanPlanOutput = z.object({ hostId: Id, draft: InventoryDraft, plan: MergePlan, facts: HostFacts });
export type ScanPlanOutput = z.infer<typeof ScanPlanOutput>;

export const ScanApplyInput = z.object({ jobId: Id, selectedKeys: z.array(z.string().max(2000)).max(20_000) }).strict();
