import { IMPORT_MAX_FILE_BYTES, IMPORT_MAX_FILES, IMPORT_SKIP_DIRS, isImportCandidate, type ImportFileInput } from '../../../src-main/contract';

/** The router refuses calls over 1 MB; leave room for the target and the selection. */
export const MAX_IMPORT_CALL_BYTES = 950_000;

export interface PickedFiles {
  files: ImportFileInput[];
  skipped: { path: string; reason: 'too-large' | 'too-many' | 'not-text' | 'total-too-large' }[];
}

/**
 * Reads what the user picked: single files always, files from a picked folder only when their
 * name is one an importer reads (node_modules, .git and build folders are skipped). Paths keep
 * the folder-relative form the browser gives (webkitRelativePath), which is what provenance shows.
 */
export async function readPickedFiles(list: readonly File[]): Promise<PickedFiles> {
  const out: PickedFiles = { files: [], skipped: [] };
  let total = 0;
  for (const f of list) {
    const rel = (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name;
    const parts = rel.split('/');
    if (parts.length > 1) {
      if (parts.slice(0, -1).some((p) => IMPORT_SKIP_DIRS.includes(p))) continue;
      if (!isImportCandidate(f.name, parts.slice(0, -1).join('/'))) continue;
    }
    if (out.files.length >= IMPORT_MAX_FILES) {
      out.skipped.push({ path: rel, reason: 'too-many' });
      continue;
    }
    if (f.size > IMPORT_MAX_FILE_BYTES) {
      out.skipped.push({ path: rel, reason: 'too-large' });
      continue;
    }
    const content = (await f.text()).replace(/^\uFEFF/, '');
    if (content.includes('\u0000')) {
      out.skipped.push({ path: rel, reason: 'not-text' });
      continue;
    }
    if (total + content.length + rel.length > MAX_IMPORT_CALL_BYTES) {
      out.skipped.push({ path: rel, reason: 'total-too-large' });
      continue;
    }
    total += content.length + rel.length;
    out.files.push({ path: rel, content });
  }
  out.files.sort((a, b) => a.path.localeCompare(b.path));
  return out;
}
