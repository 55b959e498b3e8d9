import { composeImporter } from './compose';
import { dotenvImporter } from './dotenv';
import { herokuImporter } from './heroku';
import { netlifyImporter } from './netlify';
import { nginxImporter } from './nginx';
import { pm2Importer } from './pm2';
import { railwayImporter } from './railway';
import { renderImporter } from './render';
import type { Importer } from './types';

/**
 * Every importer, in the order detection asks them: the specific names first (railway.json
 * before a generic JSON reader, ecosystem.config.js before anything reading JavaScript), the
 * ones that sniff content last. Each format lives in core/importers/<format>/index.ts.
 */
export const IMPORTERS: readonly Importer[] = [
  railwayImporter,
  renderImporter,
  netlifyImporter,
  herokuImporter,
  pm2Importer,
  composeImporter,
  nginxImporter,
  dotenvImporter,
];

/** The importer that reads this file, or null when none does. */
export function importerFor(file: { path: string; content: string }): Importer | null {
  for (const importer of IMPORTERS) {
    try {
      if (importer.detect(file)) return importer;
    } catch {
      // A detector that throws cannot claim the file; the next one may.
    }
  }
  return null;
}

/** Whether a file met while walking a folder looks like something an importer reads. */
export { isImportCandidate as isCandidateName } from '../../contract/imports';
