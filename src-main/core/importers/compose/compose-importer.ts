import type { DraftLink, DraftService, LinkKind } from '../../../contract';
import { emptyPart, type DraftPart, type ImportFile, type Importer } from '../types';
import { envLinks, linkKindFor, type LinkTarget } from '../shared/env-refs';
import { brokenFilePart, IssueList, provenance } from '../shared/issues';
import { describeKind, getString, getValue, scalarText, type LMap, type LValue } from '../shared/located';
import { baseName, dirName, findSibling } from '../shared/paths';
import { readYaml } from '../shared/yaml-with-positions';
import { COMPOSE_TAGS, resolveExtends } from './compose-extends';
import { TOP_LEVEL_KEYS } from './compose-keys';
import { stripResets } from './compose-merge';
import { interpolationDefault } from './compose-ports';
import { readComposeService, type ComposeServiceRead } from './compose-service';

export const COMPOSE_FORMAT = 'compose';

const STANDARD_NAME = /^(docker-)?compose(\.[\w.-]+)?\.ya?ml$/i;
const STACK_NAME = /(^|[-_.])stack([-_.][\w.-]*)?\.ya?ml$/i;

/** By name (compose.yaml, docker-compose.*.yml, *stack*.yml); other YAML by a top-level `services:` mapping. */
export function detectCompose(file: ImportFile): boolean {
  const name = baseName(file.path);
  if (STANDARD_NAME.test(name) || STACK_NAME.test(name) || /docker-compose/i.test(name)) return /\.ya?ml$/i.test(name);
  if (!/\.ya?ml$/i.test(name)) return false;
  // A mapping of services (Compose) rather than a list of them (Render).
  return /^services:[ \t]*(#.*)?\r?\n(?:[ \t]*(?:#.*)?\r?\n)*[ \t]+[A-Za-z0-9_.-]+:[ \t]*(?:#.*)?$/m.test(file.content);
}

/** The project name Compose would use: top-level `name`, else the folder (for standard file names) or the file's stem. */
export function composeProjectName(file: ImportFile, declared: string | undefined): string {
  const fromDecl = declared ? interpolationDefault(declared) : undefined;
  const stem = baseName(file.path).replace(/\.ya?ml$/i, '');
  const folder = baseName(dirName(file.path));
  const raw = fromDecl || (STANDARD_NAME.test(baseName(file.path)) || STACK_NAME.test(baseName(file.path)) ? folder : stem) || stem;
  const clean = raw.toLowerCase().replace(/[^a-z0-9_-]/g, '');
  return clean || 'compose';
}

function notesForTopLevel(root: LMap, issues: IssueList): string[] {
  const notes: string[] = [];
  for (const k of ['networks', 'volumes', 'secrets', 'configs'] as const) {
    const v = getValue(root, k);
    if (!v) continue;
    if (v.kind !== 'map') {
      if (!(v.kind === 'scalar' && v.value === null)) issues.warn(v.loc, `top-level ${k} is ${describeKind(v)}; expected a mapping`);
      continue;
    }
    const parts = v.entries.map((e) => {
      if (e.value.kind !== 'map') return e.key;
      const ext = getValue(e.value, 'external');
      const from = getString(e.value, 'file') ?? (getString(e.value, 'environment') ? `env ${getString(e.value, 'environment')}` : undefined);
      const driver = getString(e.value, 'driver');
      const extra = [ext && scalarText(ext) !== 'false' ? 'external' : '', from ? `from ${from}` : '', driver ? `driver ${driver}` : ''].filter(Boolean);
      return extra.length ? `${e.key} (${extra.join(', ')})` : e.key;
    });
    if (parts.length) notes.push(`${k}: ${parts.join(', ')}`);
  }
  return notes;
}

function parseCompose(file: ImportFile, siblings: readonly ImportFile[]): DraftPart {
  const read = readYaml(file.path, file.content, { localTags: COMPOSE_TAGS });
  if (!read.ok) return brokenFilePart(COMPOSE_FORMAT, file.path, read.error);
  const root = read.root;
  if (!root || root.kind !== 'map') {
    const loc = root?.loc ?? { line: 1, column: 1 };
    return brokenFilePart(COMPOSE_FORMAT, file.path, {
      line: loc.line,
      column: loc.column,
      message: `not a Compose file: the top level is ${root ? describeKind(root) : 'empty'}, expected a mapping with services`,
    });
  }
  const servicesValue = getValue(root, 'services');
  const include = getValue(root, 'include');
  if (!include && (!servicesValue || servicesValue.kind !== 'map')) {
    const loc = servicesValue?.loc ?? root.loc;
    return brokenFilePart(COMPOSE_FORMAT, file.path, {
      line: loc.line,
      column: loc.column,
      message: servicesValue
        ? `not a Compose file: services is ${describeKind(servicesValue)}, expected a mapping of service names`
        : 'not a Compose file: no top-level services',
    });
  }

  const part = emptyPart(COMPOSE_FORMAT);
  const issues = new IssueList(COMPOSE_FORMAT);
  for (const w of read.warnings) issues.warn(w.loc, w.message);
  for (const e of root.entries) {
    if (!TOP_LEVEL_KEYS.has(e.key) && !e.key.startsWith('x-')) issues.warn(e.keyLoc, `unknown top-level key '${e.key}' (not in the Compose specification); ignored`);
  }

  const project = composeProjectName(file, getString(root, 'name'));
  const projectKey = `compose:${project}`;
  const serviceKey = (n: string) => `${projectKey}/${n}`;
  const projectNotes = notesForTopLevel(root, issues);
  const version = getString(root, 'version');
  if (version) projectNotes.unshift(`version: ${version} (obsolete in the Compose specification; ignored)`);

  if (include) {
    const items: LValue[] = include.kind === 'seq' ? include.items : [include];
    for (const it of items) {
      const paths: LValue[] = it.kind === 'map' ? ((v) => (v?.kind === 'seq' ? v.items : v ? [v] : []))(getValue(it, 'path')) : [it];
      for (const p of paths) {
        const rel = scalarText(p);
        if (!rel) issues.warn(p.loc, 'include entry not understood; ignored');
        else if (!findSibling(file.path, rel, siblings)) issues.warn(p.loc, `include: ${rel} is not among the imported files; its services are not imported`);
        else projectNotes.push(`includes ${rel} (imported as its own file)`);
      }
    }
  }

  part.services.push({
    key: projectKey,
    name: project,
    kind: 'compose-project',
    config: { composeProject: project, composeFile: file.path },
    hostKey: null,
    environment: null,
    notes: projectNotes.join('\n'),
    source: provenance(root.loc),
  });

  const reads: ComposeServiceRead[] = [];
  if (servicesValue?.kind === 'map') {
    for (const entry of servicesValue.entries) {
      if (entry.key.startsWith('x-')) continue;
      if (entry.value.kind === 'scalar' && entry.value.value === null) {
        issues.warn(entry.keyLoc, `service '${entry.key}' is empty; imported as a container without settings`);
      } else if (entry.value.kind !== 'map') {
        issues.warn(entry.keyLoc, `service '${entry.key}' is ${describeKind(entry.value)}, expected a mapping; skipped`);
        continue;
      }
      const resolved =
        entry.value.kind === 'map' ? resolveExtends(entry.key, { file: file.path, services: servicesValue }, siblings, issues) : undefined;
      const svcMap = stripResets(resolved ?? { kind: 'map', entries: [], loc: entry.value.loc }) as LMap;
      reads.push(readComposeService(entry.key, entry.keyLoc, svcMap, { file, siblings, issues, project, serviceKey }));
    }
  }

  addLinks(part, reads, issues, serviceKey);
  for (const r of reads) {
    part.services.push(r.service);
    part.envVars.push(...r.envVars);
  }
  part.warnings.push(...issues.sorted());
  return part;
}

function addLinks(part: DraftPart, reads: ComposeServiceRead[], issues: IssueList, serviceKey: (n: string) => string): void {
  const byName = new Map(reads.map((r) => [r.service.name, r]));
  const targets = new Map<string, LinkTarget>();
  for (const r of reads) for (const h of r.hostNames) if (!targets.has(h.toLowerCase())) targets.set(h.toLowerCase(), { key: r.service.key, role: r.role });
  const index = new Map<string, DraftLink>();
  const add = (from: DraftService, toKey: string, kind: LinkKind, reason: string, source: DraftLink['source']) => {
    const id = `${from.key}→${toKey}:${kind}`;
    const existing = index.get(id);
    if (existing) {
      if (!existing.reason.split('; ').includes(reason)) existing.reason = `${existing.reason}; ${reason}`;
      return;
    }
    const link: DraftLink = { fromKey: from.key, toKey, kind, reason, source };
    index.set(id, link);
    part.links.push(link);
  };
  for (const r of reads) {
    for (const d of r.dependencies) {
      const target = byName.get(d.target);
      if (!target) issues.warn(d.loc, `service '${r.service.name}': ${d.reason.split(' ')[0]} names '${d.target}', which this file does not define`);
      const kind: LinkKind = target ? linkKindFor('', null, target.role, r.role) : r.role === 'proxy' ? 'proxies-to' : 'depends-on';
      add(r.service, target?.service.key ?? serviceKey(d.target), kind, d.reason, provenance(d.loc));
    }
    for (const e of r.rawEnv) {
      if (e.value === null) continue;
      for (const l of envLinks(r.service.key, r.role, e.name, e.value, targets)) add(r.service, l.toKey, l.kind, l.reason, provenance(e.loc));
    }
  }
  const traefik = reads.filter((r) => r.role === 'proxy' && /traefik/i.test(r.service.notes));
  for (const t of traefik) {
    for (const r of reads) if (r !== t && r.traefikRouted) add(t.service, r.service.key, 'proxies-to', 'traefik labels', r.service.source);
  }
}

export const composeImporter: Importer = {
  format: COMPOSE_FORMAT,
  detect: detectCompose,
  parse: parseCompose,
};
