import type { Core } from '../../core/create-core';
import { importFiles } from '../../core/importers';
import type { Handlers } from '../types';

type ImportCalls = 'import.preview' | 'import.apply';

/**
 * Import of files into the inventory. Both calls parse the files they are sent; apply never
 * takes a draft from the UI, only the files again and the keys the user picked.
 */
export function createImportHandlers(core: Core): Pick<Handlers, ImportCalls> {
  const { merge } = core;
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
