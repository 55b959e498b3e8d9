import type { DraftIssue, InventoryDraft } from '../../contract';
import { IMPORTERS, importerFor } from './registry';
import type { DraftPart, ImportFile } from './types';

export type { DraftPart, ImportFile, Importer } from './types';
export { IMPORTERS, importerFor, isCandidateName } from './registry';

const uniq = (xs: readonly string[]) => [...new Set(xs)];

/** Fills the fields `b` has and `a` lacks: the same entity met again (compose override file). */
function fillMissing<T extends object>(a: T, b: T): T {
  const out = { ...a } as Record<string, unknown>;
  for (const [k, v] of Object.entries(b)) if (out[k] === undefined && v !== undefined) out[k] = v;
  return out as T;
}

function fileIssue(file: string, severity: DraftIssue['severity'], format: string, message: string): DraftIssue {
  return { severity, format, file, line: 0, message };
}

/**
 * Reads every file with the importer that detects it and combines what they propose into one
 * draft. Nothing is dropped silently: a file no importer reads is a warning, an importer that
 * fails is an error for that file, and a file with an error contributes nothing but its errors
 * and warnings. The same key in two files is one entity (an override file, or a reference from
 * another format): the first keeps its fields, later ones only fill what it lacked.
 */
export function importFiles(files: readonly ImportFile[]): InventoryDraft {
  const draft: InventoryDraft = {
    formats: [],
    files: files.map((f) => f.path),
    environments: [],
    hosts: [],
    services: [],
    links: [],
    envVars: [],
    warnings: [],
    errors: [],
  };
  const hostAt = new Map<string, number>();
  const serviceAt = new Map<string, number>();
  const linkSeen = new Set<string>();
  const envVarSeen = new Set<string>();

  for (const file of files) {
    const importer = importerFor(file);
    if (!importer) {
      draft.warnings.push(
        fileIssue(file.path, 'warning', 'unknown', `Not a format Opsdeck imports; skipped. Known: ${IMPORTERS.map((i) => i.format).join(', ') || 'none'}.`),
      );
      continue;
    }
    let part: DraftPart;
    try {
      const siblings = files.filter((f) => f !== file);
      part = importer.parse(file, siblings);
    } catch (err) {
      draft.errors.push(fileIssue(file.path, 'error', importer.format, `The ${importer.format} importer could not read this file: ${(err as Error).message}`));
      continue;
    }
    draft.formats = uniq([...draft.formats, part.format || importer.format]);
    draft.warnings.push(...part.warnings);
    if (part.errors.length) {
      // A broken file imports nothing: only its located errors (and warnings) are kept.
      draft.errors.push(...part.errors);
      continue;
    }
    draft.environments = uniq([...draft.environments, ...part.environments]);
    for (const h of part.hosts) {
      const at = hostAt.get(h.key);
      if (at === undefined) {
        hostAt.set(h.key, draft.hosts.length);
        draft.hosts.push(h);
      } else draft.hosts[at] = fillMissing(draft.hosts[at]!, h);
    }
    for (const s of part.services) {
      const at = serviceAt.get(s.key);
      if (at === undefined) {
        serviceAt.set(s.key, draft.services.length);
        draft.services.push(s);
      } else {
        const first = draft.services[at]!;
        draft.services[at] = { ...first, config: fillMissing(first.config, s.config), hostKey: first.hostKey ?? s.hostKey, notes: first.notes || s.notes };
      }
    }
    for (const l of part.links) {
      const id = `${l.fromKey}\u0000${l.toKey}\u0000${l.kind}`;
      if (linkSeen.has(id)) continue;
      linkSeen.add(id);
      draft.links.push(l);
    }
    for (const v of part.envVars) {
      const id = `${v.serviceKey ?? ''}\u0000${v.name}`;
      if (envVarSeen.has(id)) continue;
      envVarSeen.add(id);
      draft.envVars.push(v);
    }
  }

  resolveLocalPorts(draft);

  // Links whose ends no file defined cannot be drawn; say so rather than drop them later unseen.
  const known = new Set(draft.services.map((s) => s.key));
  for (const l of draft.links) {
    for (const end of [l.fromKey, l.toKey]) {
      if (!known.has(end)) {
        draft.warnings.push({
          severity: 'warning',
          format: 'link',
          file: l.source.file,
          line: l.source.line,
          ...(l.source.column !== undefined ? { column: l.source.column } : {}),
          message: `Link ${l.fromKey} ${l.kind} ${l.toKey} (${l.reason}): "${end}" is not defined by any imported file.`,
        });
      }
    }
  }
  return draft;
}

const LOCAL_NAME = /^(localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]):(\d+)$/;
const APP_KINDS = new Set(['pm2-app', 'container', 'paas-service', 'worker', 'http-endpoint']);

/**
 * One file says "proxy to localhost:3000" (nginx), another runs the app on port 3000 (PM2,
 * compose): when exactly one service of the import listens on that port, the placeholder for
 * the local port is replaced by that service, so the link joins the two files.
 */
function resolveLocalPorts(draft: InventoryDraft): void {
  const placeholders = draft.services.filter((s) => s.kind === 'http-endpoint' && (s.key.startsWith('local-port:') || LOCAL_NAME.test(s.name)));
  for (const ph of placeholders) {
    const port = ph.config.port ?? Number(LOCAL_NAME.exec(ph.name)?.[2]);
    if (!port) continue;
    const owners = draft.services.filter((s) => s !== ph && !placeholders.includes(s) && APP_KINDS.has(s.kind) && s.config.port === port);
    if (owners.length !== 1) continue;
    const owner = owners[0]!;
    for (const l of draft.links) {
      if (l.toKey === ph.key) l.toKey = owner.key;
      if (l.fromKey === ph.key) l.fromKey = owner.key;
      if (l.toKey === owner.key && !l.reason.includes(owner.name)) l.reason = `${l.reason} = ${owner.name} (port ${port})`;
    }
    draft.services = draft.services.filter((s) => s !== ph);
    for (const v of draft.envVars) if (v.serviceKey === ph.key) v.serviceKey = owner.key;
  }
}
