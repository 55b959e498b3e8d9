import { z } from 'zod';
import { Id, Name } from './common';
import { InventoryDraft, MergePlan } from './drafts';

/** Limits of one import: how many files, and how large each may be (the router also caps a call at 1 MB). */
export const IMPORT_MAX_FILES = 200;
export const IMPORT_MAX_FILE_BYTES = 2_000_000;

/** One file as the UI read it: the path the user sees (relative inside a picked folder) and its text. */
export const ImportFileInput = z
  .object({
    path: z.string().min(1).max(1024),
    content: z.string().max(IMPORT_MAX_FILE_BYTES, `must be at most ${IMPORT_MAX_FILE_BYTES} bytes`),
  })
  .strict();
export type ImportFileInput = z.infer<typeof ImportFileInput>;

/**
 * Where a draft goes: an existing project or a new one, and one environment of it (by id, or by
 * name: created when missing; default "production"). Exactly one of projectId / newProjectName.
 */
export const ImportTarget = z
  .object({
    projectId: Id.optional(),
    newProjectName: Name.optional(),
    environmentId: Id.optional(),
    environmentName: Name.optional(),
  })
  .strict()
  .refine((t) => (t.projectId ? !t.newProjectName : !!t.newProjectName), {
    message: 'give either projectId or newProjectName',
    path: ['projectId'],
  })
  .refine((t) => !(t.newProjectName && t.environmentId), {
    message: 'a new project has no environment id yet; give environmentName',
    path: ['environmentId'],
  });
export type ImportTarget = z.infer<typeof ImportTarget>;

const ImportFiles = z.array(ImportFileInput).min(1, 'pick at least one file').max(IMPORT_MAX_FILES, `at most ${IMPORT_MAX_FILES} files`);

export const ImportPreviewInput = z.object({ files: ImportFiles, target: ImportTarget }).strict();
export const ImportPreviewOutput = z.object({ draft: InventoryDraft, plan: MergePlan });
export type ImportPreviewOutput = z.infer<typeof ImportPreviewOutput>;

/** The files are sent again and parsed again: a draft coming back from the UI is never trusted. */
export const ImportApplyInput = z
  .object({ files: ImportFiles, target: ImportTarget, selectedKeys: z.array(z.string().max(2000)).max(20_000) })
  .strict();

const Counts = z.object({
  environments: z.number().int().min(0),
  hosts: z.number().int().min(0),
  services: z.number().int().min(0),
  links: z.number().int().min(0),
  envVars: z.number().int().min(0),
});
export type MergeCounts = z.infer<typeof Counts>;

/** What applying did. Links whose ends were not both kept are listed with the reason. */
export const MergeSummary = z.object({
  projectId: Id,
  environmentId: Id,
  projectCreated: z.boolean(),
  added: Counts,
  updated: Counts,
  unchanged: z.number().int().min(0),
  skipped: z.array(z.object({ key: z.string(), reason: z.string() })),
});
export type MergeSummary = z.infer<typeof MergeSummary>;

/**
 * Names worth reading when walking a folder (files picked one by one are always read), so a
 * large repository is not read whole. Shared by the command line and the UI's folder picker.
 */
const CANDIDATE_NAMES: readonly RegExp[] = [
  /^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/i,
  /^render\.ya?ml$/i,
  /^railway\.(json|toml)$/i,
  /^netlify\.toml$/i,
  /^procfile([.-][\w.-]+)?$/i,
  /^app\.json$/i,
  /^(ecosystem|pm2)([.-][\w.-]+)?\.(config\.)?(c?js|mjs|json|ya?ml)$/i,
  /\.conf$/i,
  /^nginx[\w.-]*$/i,
  /^\.env\.(example|sample|template|dist|defaults?)$/i,
  /^\.env\.[\w.-]+\.(example|sample|template)$/i,
  /^(env|\.env)\.(example|sample|template)$/i,
];

/** Folders never walked: dependencies, VCS data, build output, virtualenvs. */
export const IMPORT_SKIP_DIRS: readonly string[] = ['node_modules', '.git', '.hg', '.svn', 'dist', 'build', 'out', 'vendor', '.venv', 'venv', '__pycache__', '.next', '.cache', 'coverage'];

/** Whether a file met while walking a folder looks like something an importer reads. */
export function isImportCandidate(name: string, parentDir = ''): boolean {
  if (/(^|\/)(sites-available|sites-enabled|conf\.d)\/?$/.test(parentDir)) return true;
  return CANDIDATE_NAMES.some((re) => re.test(name));
}
