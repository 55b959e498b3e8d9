import type { Core } from '../../core/create-core';
import { importFiles } from '../../core/importers';
import { createInventoryMerge } from '../../core/inventory-merge';
import type { Handlers } from '../types';

type ImportCalls = 'import.preview' | 'import.apply';

/**
 * Import of files into the inventory. Both calls parse the files they are sent; apply never
 * takes a draft from the UI, only the files again and the keys the user picked.
 */
export function createImportHandlers(core: Core): Pick<Handlers, ImportCalls> {
  const merge = createInventoryMerge({
    db: core.db,
    vault: core.vault,
    audit: core.audit,
    bus: core.bus,
    settings: { getFlag: (k) => core.settings.getFlag(k), setFlag: (k, v) => core.settings.setFlag(k, v) },
  });
  return {
    'import.preview': ({ files, target }) => {
      const draft = importFiles(files);
      return { draft, plan: merge.planMerge(draft, target) };
    },
    'import.apply': ({ files, target, selectedKeys }) => {
      const draft = importFiles(files);
      const plan = merge.planMerge(draft, target);
      return merge.applyMerge(draft, plan, selectedKeys, target);
    },
  };
}
