import type { DraftEnvVar, DraftIssue, DraftService, InventoryDraft } from '../../contract';
import { IMPORTERS, importerFor } from './registry';
import { envDependencies } from './shared/env-dependencies';
import { dirName } from './shared/paths';
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
  const localPorts = new Map<string, number[]>();

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
    for (const [k, ports] of Object.entries(part.localPorts ?? {})) localPorts.set(k, ports);
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
      // a variable of no service yet is told apart by its file: env files of different folders belong to different services
      const id = `${v.serviceKey ?? `file:${v.source.file}`}\u0000${v.name}`;
      if (envVarSeen.has(id)) continue;
      envVarSeen.add(id);
      draft.envVars.push(v);
    }
  }

  attachFolderEnvFiles(draft);
  resolveLocalPorts(draft, localPorts);
  addEnvDependencies(draft);
  resolveServedHosts(draft);

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
/** Services that stand for something other files run (not where an env file's variables belong). */
const PLACEHOLDER_KINDS = new Set(['http-endpoint']);

/** Replaces placeholder `ph` by `owner` in every link and env var. */
function replacePlaceholder(draft: InventoryDraft, ph: DraftService, owner: DraftService, why: string): void {
  for (const l of draft.links) {
    if (l.toKey === ph.key) l.toKey = owner.key;
    if (l.fromKey === ph.key) l.fromKey = owner.key;
    if (l.toKey === owner.key && !l.reason.includes(owner.name)) l.reason = `${l.reason} = ${owner.name} (${why})`;
  }
  draft.services = draft.services.filter((s) => s !== ph);
  for (const v of draft.envVars) if (v.serviceKey === ph.key) v.serviceKey = owner.key;
}

/**
 * One file says "proxy to localhost:3000" (nginx), another runs the app on port 3000 (PM2,
 * compose, a Procfile's --bind): when exactly one service of the import listens on that port,
 * the placeholder for the local port is replaced by that service, so the link joins the two
 * files. An nginx upstream whose servers are all on the same host (127.0.0.1:5000, :5001, :5002)
 * is joined the same way when exactly one imported app listens on one of its ports: the other
 * servers are more instances of it.
 */
function resolveLocalPorts(draft: InventoryDraft, upstreamPorts: ReadonlyMap<string, number[]>): void {
  const placeholders = draft.services.filter(
    (s) => s.kind === 'http-endpoint' && (s.key.startsWith('local-port:') || LOCAL_NAME.test(s.name) || upstreamPorts.has(s.key)),
  );
  for (const ph of placeholders) {
    const ports = upstreamPorts.get(ph.key) ?? [ph.config.port ?? Number(LOCAL_NAME.exec(ph.name)?.[2])];
    if (!ports.every((p) => p > 0)) continue;
    const owners = draft.services.filter(
      (s) => s !== ph && !placeholders.includes(s) && APP_KINDS.has(s.kind) && s.config.port !== undefined && ports.includes(s.config.port),
    );
    if (owners.length !== 1) continue;
    const owner = owners[0]!;
    const why = ports.length > 1 ? `port ${owner.config.port}; ${ph.name} balances ${ports.length} of its instances on ports ${ports.join(', ')}` : `port ${owner.config.port}`;
    replacePlaceholder(draft, ph, owner, why);
  }
}

/**
 * Env files (.env.example) name no service. One that sits in the folder of the file defining a
 * service (the railway.json, Procfile/app.json, ecosystem file next to it) holds that service's
 * variables. With several services (or none) in that folder they stay unattached, for the merge
 * step to decide.
 */
function attachFolderEnvFiles(draft: InventoryDraft): void {
  const owned = new Set(draft.envVars.filter((v) => v.serviceKey !== null).map((v) => `${v.serviceKey}\u0000${v.name}`));
  const ownersIn = new Map<string, DraftService[]>();
  const ownersOf = (dir: string): DraftService[] => {
    let found = ownersIn.get(dir);
    if (!found) {
      found = draft.services.filter((s) => s.environment === null && !PLACEHOLDER_KINDS.has(s.kind) && dirName(s.source.file) === dir);
      ownersIn.set(dir, found);
    }
    return found;
  };
  const keep: DraftEnvVar[] = [];
  for (const v of draft.envVars) {
    if (v.serviceKey === null) {
      const owners = ownersOf(dirName(v.source.file));
      if (owners.length === 1) {
        const id = `${owners[0]!.key}\u0000${v.name}`;
        if (owned.has(id)) continue; // the service's own file already sets it; that one wins
        owned.add(id);
        v.serviceKey = owners[0]!.key;
      }
    }
    keep.push(v);
  }
  draft.envVars = keep;
}

/** Variables naming a hosted API, a Railway service or a SQLite file: a service and a link (shared/env-dependencies.ts). */
function addEnvDependencies(draft: InventoryDraft): void {
  const byKey = new Map(draft.services.map((s) => [s.key, s]));
  const linkSeen = new Set(draft.links.map((l) => `${l.fromKey}\u0000${l.toKey}`));
  for (const v of draft.envVars) {
    const from = v.serviceKey === null ? undefined : byKey.get(v.serviceKey);
    if (!from || from.kind === 'http-endpoint') continue;
    for (const dep of envDependencies(v.name, v.secret ? null : v.value)) {
      if (dep.key === from.key) continue;
      if (!byKey.has(dep.key)) {
        const s: DraftService = {
          key: dep.key,
          name: dep.name,
          kind: dep.kind,
          config: { ...(dep.url ? { url: dep.url } : {}), ...(dep.filePath ? { filePath: dep.filePath } : {}), ...(dep.key.startsWith('railway:') ? { platform: 'railway' } : {}) },
          hostKey: dep.kind === 'sqlite-file' ? from.hostKey : null,
          environment: null,
          notes: dep.notes,
          source: v.source,
        };
        byKey.set(s.key, s);
        draft.services.push(s);
      }
      const id = `${from.key}\u0000${dep.key}`;
      if (linkSeen.has(id)) continue;
      linkSeen.add(id);
      draft.links.push({ fromKey: from.key, toKey: dep.key, kind: dep.linkKind, reason: dep.reason, source: v.source });
    }
  }
}

/** Variables in which an app lists the host names it answers to. */
const SERVED_HOSTS = /^(ALLOWED_HOSTS|DJANGO_ALLOWED_HOSTS|VIRTUAL_HOST|SERVER_NAME|APP_DOMAIN|PUBLIC_DOMAIN)$/i;

/**
 * A placeholder for a remote origin (https://api.example.com, proxied to by a Netlify redirect)
 * is replaced by the one imported service that says it answers to that host name (Django's
 * ALLOWED_HOSTS, VIRTUAL_HOST, SERVER_NAME…), so the link joins the two files.
 */
function resolveServedHosts(draft: InventoryDraft): void {
  const served = new Map<string, Set<string>>();
  for (const v of draft.envVars) {
    if (!v.serviceKey || !v.value || !SERVED_HOSTS.test(v.name)) continue;
    for (const h of v.value.split(/[\s,]+/)) {
      const host = h.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/[:/].*$/, '');
      if (!host || host.startsWith('*') || host === 'localhost') continue;
      if (!served.has(host)) served.set(host, new Set());
      served.get(host)!.add(v.serviceKey);
    }
  }
  if (served.size === 0) return;
  const placeholders = draft.services.filter((s) => s.kind === 'http-endpoint' && s.config.url && !s.key.startsWith('external:'));
  for (const ph of placeholders) {
    let host: string;
    try {
      host = new URL(ph.config.url!).hostname.toLowerCase();
    } catch {
      continue;
    }
    const owners = [...(served.get(host) ?? [])].map((k) => draft.services.find((s) => s.key === k)).filter((s): s is DraftService => !!s && s !== ph);
    if (owners.length !== 1) continue;
    replacePlaceholder(draft, ph, owners[0]!, `answers to ${host}`);
  }
}
