import type { InventoryDraft } from './contract';
import { importFiles } from './core/importers';
import { readImportPaths } from './core/importers/read-paths';

/** The shape `opsdeck import --json` prints (docs/IMPORT-JSON.md); bump `schema` on a breaking change. */
export const IMPORT_JSON_SCHEMA = 'opsdeck.import/1';

export interface ImportCliIo {
  out(text: string): void;
  err(text: string): void;
  /** Applies the draft to the inventory of a data folder; absent when the caller cannot. */
  apply?(draft: InventoryDraft, opts: { dataDir: string; project: string; environment: string }): Promise<unknown>;
}

const IMPORT_HELP = `Usage: opsdeck import PATH… [--dry-run] [--json] [--data-dir DIR --project NAME [--environment NAME]]

Reads docker-compose, render.yaml, railway.json/toml, netlify.toml, Procfile/app.json, PM2
ecosystem files, nginx configs and .env.example files (folders are walked; node_modules and .git
are skipped) and prints what they describe: services, hosts, links, env vars, warnings and
errors with file:line:column. Nothing is executed.

  --dry-run            only print the draft (the default when no data folder is named)
  --json               print the draft as JSON (shape: docs/IMPORT-JSON.md)
  --data-dir DIR       write into the inventory of this data folder (needs --project)
  --project NAME       the project to import into; created when it does not exist
  --environment NAME   its environment (default: production)

Exit status: 0 when every file was read, 1 when any file had an error (nothing is written then),
2 on a usage error.`;

function takeFlag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value.`);
  args.splice(i, 2);
  return v;
}

function takeSwitch(args: string[], name: string): boolean {
  const i = args.indexOf(name);
  if (i < 0) return false;
  args.splice(i, 1);
  return true;
}

const loc = (i: { file: string; line: number; column?: number }) => `${i.file}:${i.line}${i.column !== undefined ? `:${i.column}` : ''}`;
const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));

/** The readable summary printed without --json. */
export function formatDraft(d: InventoryDraft, skipped: readonly { file: string; reason: string }[]): string {
  const lines: string[] = [];
  const secretCount = d.envVars.filter((v) => v.secret).length;
  lines.push(
    `Read ${d.files.length} file(s)${d.formats.length ? ` (${d.formats.join(', ')})` : ''}: ${d.services.length} service(s), ${d.hosts.length} host(s), ${d.links.length} link(s), ${d.envVars.length} env var(s)${secretCount ? ` (${secretCount} secret, values not kept)` : ''}.`,
  );
  if (d.environments.length) lines.push(`Environments named: ${d.environments.join(', ')}`);
  if (d.hosts.length) {
    lines.push('', 'Hosts:');
    for (const h of d.hosts) lines.push(`  ${pad(h.name, 24)} ${pad(h.address, 20)} ${loc(h.source)}`);
  }
  if (d.services.length) {
    lines.push('', 'Services:');
    const w = Math.min(32, Math.max(...d.services.map((s) => s.name.length)) + 1);
    for (const s of d.services) {
      const extra = [s.config.port ? `:${s.config.port}` : '', s.config.platform ?? '', s.config.schedule ? `"${s.config.schedule}"` : ''].filter(Boolean).join(' ');
      lines.push(`  ${pad(s.name, w)} ${pad(s.kind, 16)} ${pad(extra, 20)} ${loc(s.source)}`);
    }
  }
  if (d.links.length) {
    const name = (k: string) => d.services.find((s) => s.key === k)?.name ?? k;
    lines.push('', 'Links:');
    for (const l of d.links) lines.push(`  ${name(l.fromKey)} ${l.kind} ${name(l.toKey)}   (${l.reason}) ${loc(l.source)}`);
  }
  if (skipped.length) {
    lines.push('', `Left out (${skipped.length}):`);
    for (const s of skipped) lines.push(`  ${s.file}: ${s.reason}`);
  }
  if (d.warnings.length) {
    lines.push('', `Warnings (${d.warnings.length}):`);
    for (const w of d.warnings) lines.push(`  ${loc(w)}  [${w.format}] ${w.message}`);
  }
  if (d.errors.length) {
    lines.push('', `Errors (${d.errors.length}) — nothing was imported from these files:`);
    for (const e of d.errors) lines.push(`  ${loc(e)}  [${e.format}] ${e.message}`);
  }
  return lines.join('\n');
}

/** `opsdeck import PATH… [--dry-run] [--json] [--data-dir DIR --project NAME]`. */
export async function importCommand(argv: string[], io: ImportCliIo): Promise<number> {
  const args = [...argv];
  let json: boolean, dryRun: boolean, dataDir: string | undefined, project: string | undefined, environment: string | undefined;
  try {
    if (takeSwitch(args, '--help') || takeSwitch(args, '-h')) {
      io.out(IMPORT_HELP);
      return 0;
    }
    json = takeSwitch(args, '--json');
    dryRun = takeSwitch(args, '--dry-run');
    dataDir = takeFlag(args, '--data-dir');
    project = takeFlag(args, '--project');
    environment = takeFlag(args, '--environment');
  } catch (err) {
    io.err(`${(err as Error).message}\n\n${IMPORT_HELP}`);
    return 2;
  }
  const unknown = args.find((a) => a.startsWith('--'));
  if (unknown) {
    io.err(`Unknown option "${unknown}".\n\n${IMPORT_HELP}`);
    return 2;
  }
  if (!args.length) {
    io.err(`Name at least one file or folder.\n\n${IMPORT_HELP}`);
    return 2;
  }
  const writing = !dryRun && dataDir !== undefined;
  if (!dryRun && dataDir === undefined) dryRun = true; // Nothing is written unless a data folder is named.
  if (writing && !project) {
    io.err('Writing into a data folder needs --project NAME (created when it does not exist). Add --dry-run to only look.');
    return 2;
  }

  const skipped: { file: string; reason: string }[] = [];
  const files = readImportPaths(args, { onSkip: (file, reason) => skipped.push({ file, reason }) });
  const draft = importFiles(files);
  for (const s of skipped) {
    if (/no such file|cannot be read/.test(s.reason)) draft.errors.push({ severity: 'error', format: 'file', file: s.file, line: 0, message: s.reason });
  }
  const failed = draft.errors.length > 0;

  let summary: unknown = null;
  if (writing && !failed && io.apply) {
    try {
      summary = await io.apply(draft, { dataDir: dataDir!, project: project!, environment: environment ?? 'production' });
    } catch (err) {
      const e = err as { message?: string; hint?: string };
      io.err(`The import was not written: ${e.message ?? String(err)}${e.hint ? `\n${e.hint}` : ''}`);
      return 1;
    }
  }

  if (json) {
    io.out(JSON.stringify({ schema: IMPORT_JSON_SCHEMA, ok: !failed, dryRun: !writing, ...draft, skipped, ...(summary ? { summary } : {}) }, null, 2));
  } else {
    io.out(formatDraft(draft, skipped));
    if (summary) io.out(`\nWritten to ${dataDir}: ${JSON.stringify(summary)}`);
    else if (writing && failed) io.out('\nNothing was written: fix the errors above first.');
    else io.out('\nDry run: nothing was written.');
  }
  return failed ? 1 : 0;
}

/** Writes a draft into a data folder's inventory: every item that adds or changes something. */
async function applyToDataDir(draft: InventoryDraft, opts: { dataDir: string; project: string; environment: string; version: string }) {
  const { createCore } = await import('./core/create-core');
  const { defaultSelection } = await import('./core/inventory-merge');
  const envKey = process.env.OPSDECK_VAULT_KEY;
  const core = await createCore({ dataDir: opts.dataDir, host: 'serve', version: opts.version, envKey: envKey || undefined });
  try {
    const { merge } = core;
    const existing = core.inventory.tree().projects.find((p) => p.name.toLowerCase() === opts.project.toLowerCase());
    const target = existing ? { projectId: existing.id, environmentName: opts.environment } : { newProjectName: opts.project, environmentName: opts.environment };
    const plan = merge.planMerge(draft, target);
    const picked = defaultSelection(plan);
    // Importing the same files twice is not an error: there is simply nothing to write.
    if (!picked.length) return { upToDate: true, unchanged: plan.items.length };
    return merge.applyMerge(draft, plan, picked, target);
  } finally {
    core.close();
  }
}

/** The command line's entry: prints to stdout/stderr and returns the exit status. */
export function runImportCommand(argv: string[], version: string): Promise<number> {
  return importCommand(argv, {
    out: (t) => console.log(t),
    err: (t) => console.error(t),
    apply: (draft, opts) => applyToDataDir(draft, { ...opts, version }),
  });
}
