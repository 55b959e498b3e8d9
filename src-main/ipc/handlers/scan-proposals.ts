import { AppError, type ImportTarget } from '../../contract';
import type { Core } from '../../core/create-core';
import type { Handlers } from '../types';

/**
 * "Scan host" proposals through the import merge step: the draft of a finished discovery job is
 * planned against the scanned host's environment and applied with the keys the user ticked.
 */
export function createScanProposalHandlers(core: Core): Pick<Handlers, 'discovery.plan' | 'discovery.apply'> {
  const { merge } = core;

  /** The job's draft and facts, and where they go: the scanned host's own environment. */
  function load(jobId: string) {
    const { draft, facts } = core.discovery.result(jobId);
    const tree = core.inventory.tree();
    const host = tree.hosts.find((h) => h.id === facts.hostId);
    const env = host && tree.environments.find((e) => e.id === host.environmentId);
    if (!host || !env) {
      throw new AppError('NOT_FOUND', `The scanned host ${facts.hostName} is no longer in the inventory.`, 'Scan a host that is in the inventory.');
    }
    const target: ImportTarget = { projectId: env.projectId, environmentId: env.id };
    return { hostId: host.id, draft, facts, target };
  }

  return {
    'discovery.plan': ({ jobId }) => {
      const { hostId, draft, facts, target } = load(jobId);
      return { hostId, draft, facts, plan: merge.planMerge(draft, target) };
    },
    'discovery.apply': ({ jobId, selectedKeys }) => {
      const { draft, target } = load(jobId);
      const plan = merge.planMerge(draft, target);
      return merge.applyMerge(draft, plan, selectedKeys, target);
    },
  };
}
