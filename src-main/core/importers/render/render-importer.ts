import type { DraftEnvVar, DraftLink, DraftService, ServiceConfig, ServiceKind } from '../../../contract';
import { emptyPart, type DraftPart, type ImportFile, type Importer } from '../types';
import type { LinkTarget } from '../shared/env-refs';
import { brokenFilePart, IssueList, provenance } from '../shared/issues';
import { roleOfKind } from '../shared/kind-from-image';
import { describeKind, getBoolean, getNumber, getString, getValue, scalarText, type LMap, type LValue } from '../shared/located';
import { baseName } from '../shared/paths';
import { readYaml } from '../shared/yaml-with-positions';
import { readRenderEnvVars, type RenderIndex } from './render-env-vars';
import { RENDER_KEYS, RENDER_SERVICE_TYPES } from './render-keys';

export const RENDER_FORMAT = 'render';

/** render.yaml / render.yml / render-*.yaml by name; other YAML when it has a list of typed services or databases. */
export function detectRender(file: ImportFile): boolean {
  const name = baseName(file.path).toLowerCase();
  if (!/\.ya?ml$/.test(name)) return false;
  if (/(^|[-_.])render\.ya?ml$/.test(name)) return true;
  return /^services:[ \t]*\r?\n(?:[ \t]*(?:#.*)?\r?\n)*[ \t]*-[ \t]+(type|name):/m.test(file.content) || /^(databases|envVarGroups|projects):[ \t]*\r?\n(?:[ \t]*(?:#.*)?\r?\n)*[ \t]*-[ \t]+name:/m.test(file.content);
}

interface Scope {
  environment: string | null;
  project: string | null;
  services?: LValue;
  databases?: LValue;
  groups: LValue[];
}

interface Resource {
  key: string;
  name: string;
  type: string;
  kind: ServiceKind;
  map: LMap;
  scope: Scope;
  isDatabase: boolean;
  nameLoc: LValue['loc'];
}

function checkKeys(map: LMap, allowed: Set<string>, what: string, issues: IssueList): void {
  for (const e of map.entries) if (!allowed.has(e.key)) issues.warn(e.keyLoc, `${what}: unknown key '${e.key}' (not in the Render Blueprint specification); ignored`);
}

function kindOfType(type: string, runtime: string | undefined): { kind: ServiceKind; note: string } {
  switch (type) {
    case 'worker':
      return { kind: 'worker', note: 'background worker' };
    case 'cron':
      return { kind: 'cron-job', note: 'cron job' };
    case 'redis':
    case 'keyvalue':
      return { kind: 'redis', note: 'Render Key Value (Redis-compatible)' };
    case 'pserv':
      return { kind: 'paas-service', note: 'private service (reachable only inside Render)' };
    case 'workflow':
      return { kind: 'worker', note: 'Render Workflows service' };
    default:
      return { kind: 'paas-service', note: runtime === 'static' ? 'static site' : 'web service' };
  }
}

function collectScopes(root: LMap, issues: IssueList): Scope[] {
  const scopes: Scope[] = [];
  const rootGroups = getValue(root, 'envVarGroups');
  scopes.push({ environment: null, project: null, services: getValue(root, 'services'), databases: getValue(root, 'databases'), groups: rootGroups ? [rootGroups] : [] });
  const ungrouped = getValue(root, 'ungrouped');
  if (ungrouped?.kind === 'map') {
    const g = getValue(ungrouped, 'envVarGroups');
    scopes.push({ environment: null, project: null, services: getValue(ungrouped, 'services'), databases: getValue(ungrouped, 'databases'), groups: g ? [g] : [] });
  } else if (ungrouped) issues.warn(ungrouped.loc, `ungrouped is ${describeKind(ungrouped)}; expected a mapping; ignored`);
  const projects = getValue(root, 'projects');
  if (projects && projects.kind !== 'seq') issues.warn(projects.loc, `projects is ${describeKind(projects)}; expected a list; ignored`);
  for (const p of projects?.kind === 'seq' ? projects.items : []) {
    if (p.kind !== 'map') {
      issues.warn(p.loc, `project entry is ${describeKind(p)}; expected a mapping; ignored`);
      continue;
    }
    const projectName = getString(p, 'name') ?? null;
    checkKeys(p, RENDER_KEYS.project, `project ${projectName ?? '?'}`, issues);
    const projectGroups = getValue(p, 'envVarGroups');
    const envs = getValue(p, 'environments');
    for (const env of envs?.kind === 'seq' ? envs.items : []) {
      if (env.kind !== 'map') {
        issues.warn(env.loc, `environment entry is ${describeKind(env)}; expected a mapping; ignored`);
        continue;
      }
      const envName = getString(env, 'name') ?? 'default';
      checkKeys(env, RENDER_KEYS.environment, `environment ${envName}`, issues);
      const g = getValue(env, 'envVarGroups');
      scopes.push({
        environment: envName,
        project: projectName,
        services: getValue(env, 'services'),
        databases: getValue(env, 'databases'),
        groups: [g, projectGroups].filter((x): x is LValue => !!x),
      });
      for (const k of ['networking', 'permissions', 'protectedStatus']) {
        if (getValue(env, k)) issues.warn(getValue(env, k)!.loc, `environment ${envName}: ${k} settings are not imported (no place for them in the inventory)`);
      }
    }
  }
  return scopes;
}

function parseRender(file: ImportFile): DraftPart {
  const read = readYaml(file.path, file.content);
  if (!read.ok) return brokenFilePart(RENDER_FORMAT, file.path, read.error);
  const root = read.root;
  const hasContent = root?.kind === 'map' && ['services', 'databases', 'projects', 'envVarGroups', 'ungrouped'].some((k) => getValue(root, k));
  if (!root || root.kind !== 'map' || !hasContent) {
    const loc = root?.loc ?? { line: 1, column: 1 };
    return brokenFilePart(RENDER_FORMAT, file.path, {
      line: loc.line,
      column: loc.column,
      message: `not a Render Blueprint: expected a mapping with services, databases or projects, found ${root ? describeKind(root) : 'an empty file'}`,
    });
  }
  for (const k of ['services', 'databases', 'projects', 'envVarGroups']) {
    const v = getValue(root, k);
    if (v && v.kind !== 'seq' && !(v.kind === 'scalar' && v.value === null)) {
      return brokenFilePart(RENDER_FORMAT, file.path, { line: v.loc.line, column: v.loc.column, message: `not a Render Blueprint: ${k} is ${describeKind(v)}, expected a list` });
    }
  }

  const part = emptyPart(RENDER_FORMAT);
  const issues = new IssueList(RENDER_FORMAT);
  for (const w of read.warnings) issues.warn(w.loc, w.message);
  checkKeys(root, RENDER_KEYS.root, 'render.yaml', issues);

  const previews = getValue(root, 'previews');
  let previewNote: string | null = null;
  if (previews?.kind === 'map') {
    checkKeys(previews, RENDER_KEYS.previews, 'previews', issues);
    const generation = getString(previews, 'generation') ?? 'off';
    if (generation !== 'off' && generation !== 'none') {
      const days = getNumber(previews, 'expireAfterDays');
      previewNote = `preview environments: ${generation}${days ? `, expire after ${days} days` : ''}`;
    }
  }
  if (getBoolean(root, 'previewsEnabled') === true) previewNote ??= 'preview environments: enabled (previewsEnabled)';

  const scopes = collectScopes(root, issues);
  const resources: Resource[] = [];
  const usedKeys = new Set<string>();
  const makeKey = (name: string, env: string | null, isDb: boolean) => {
    let k = `render:${env ? `${env}/` : ''}${name}`;
    if (usedKeys.has(k)) k = `${k}#${isDb ? 'database' : 'service'}`;
    for (let i = 2; usedKeys.has(k); i++) k = `render:${env ? `${env}/` : ''}${name}#${i}`;
    usedKeys.add(k);
    return k;
  };
  for (const scope of scopes) {
    for (const [list, isDb] of [
      [scope.services, false],
      [scope.databases, true],
    ] as const) {
      if (!list || list.kind !== 'seq') continue;
      for (const item of list.items) {
        const what = isDb ? 'database' : 'service';
        if (item.kind !== 'map') {
          issues.warn(item.loc, `${what} entry is ${describeKind(item)}; expected a mapping; skipped`);
          continue;
        }
        const name = getString(item, 'name');
        if (!name) {
          issues.warn(item.loc, `${what} without a name; skipped`);
          continue;
        }
        let type = isDb ? 'postgres' : getString(item, 'type');
        if (!type) {
          issues.warn(item.loc, `service ${name}: no type; imported as a web service`);
          type = 'web';
        } else if (!isDb && !RENDER_SERVICE_TYPES.has(type)) {
          issues.warn(getValue(item, 'type')!.loc, `service ${name}: unknown type '${type}'; imported as a web service`);
        }
        const runtime = getString(item, 'runtime') ?? getString(item, 'env');
        const kind = isDb ? 'postgres' : kindOfType(type, runtime).kind;
        if (scope.environment && !part.environments.includes(scope.environment)) part.environments.push(scope.environment);
        resources.push({ key: makeKey(name, scope.environment, isDb), name, type, kind, map: item, scope, isDatabase: isDb, nameLoc: item.loc });
      }
    }
  }
  if (previewNote && !part.environments.includes('preview')) part.environments.push('preview');

  const hostTargets = new Map<string, LinkTarget>();
  for (const r of resources) if (!hostTargets.has(r.name.toLowerCase())) hostTargets.set(r.name.toLowerCase(), { key: r.key, role: roleOfKind(r.kind) });
  const index: RenderIndex = {
    find(name, environment, wantDatabase) {
      const candidates = resources.filter((r) => r.name === name && (wantDatabase ? r.isDatabase || r.kind === 'redis' : !r.isDatabase));
      return candidates.find((r) => r.scope.environment === environment) ?? candidates.find((r) => r.scope.environment === null) ?? candidates[0];
    },
    group(name, environment) {
      const scopesToSearch = [scopes.filter((s) => s.environment === environment), scopes.filter((s) => s.environment === null)].flat();
      for (const s of scopesToSearch) {
        for (const list of s.groups) {
          if (list.kind !== 'seq') continue;
          for (const g of list.items) if (g.kind === 'map' && getString(g, 'name') === name) return getValue(g, 'envVars') ?? { kind: 'seq', items: [], loc: g.loc };
        }
      }
      return undefined;
    },
    hostTargets,
  };

  for (const r of resources) {
    const built = buildResource(r, index, issues, previewNote);
    part.services.push(built.service);
    part.envVars.push(...built.envVars);
    part.links.push(...built.links);
  }

  // Groups: their keys are checked; variables of groups no service uses are kept unattached.
  const usedGroups = new Set(part.services.flatMap((s) => [...s.notes.matchAll(/^env group: (.+)$/gm)].map((m) => m[1])));
  for (const scope of scopes) {
    for (const list of scope.groups) {
      if (list.kind !== 'seq') {
        issues.warn(list.loc, `envVarGroups is ${describeKind(list)}; expected a list; ignored`);
        continue;
      }
      for (const g of list.items) {
        if (g.kind !== 'map') continue;
        const name = getString(g, 'name') ?? '?';
        checkKeys(g, RENDER_KEYS.group, `envVarGroup ${name}`, issues);
        if (usedGroups.has(name)) continue;
        const envVars = getValue(g, 'envVars');
        if (envVars) part.envVars.push(...readRenderEnvVars({ key: null, name: `envVarGroup ${name}`, role: null, environment: scope.environment }, envVars, index, issues, name).envVars);
      }
    }
  }
  part.warnings.push(...issues.sorted());
  return part;
}

function buildResource(r: Resource, index: RenderIndex, issues: IssueList, previewNote: string | null): { service: DraftService; envVars: DraftEnvVar[]; links: DraftLink[] } {
  const m = r.map;
  const what = `${r.isDatabase ? 'database' : 'service'} ${r.name}`;
  checkKeys(m, r.isDatabase ? RENDER_KEYS.database : RENDER_KEYS.service, what, issues);
  const config: ServiceConfig = { platform: 'render' };
  const notes: string[] = [];
  const runtime = getString(m, 'runtime') ?? getString(m, 'env');
  if (r.isDatabase) {
    notes.push('Render Postgres');
    const db = getString(m, 'databaseName');
    if (db) config.databaseName = db.slice(0, 200);
    const user = getString(m, 'user');
    if (user) notes.push(`user: ${user}`);
    const version = getString(m, 'postgresMajorVersion');
    if (version) notes.push(`PostgreSQL ${version}`);
    const disk = getString(m, 'diskSizeGB');
    if (disk) notes.push(`disk: ${disk} GB`);
  } else {
    notes.push(kindOfType(r.type, runtime).note);
    if (runtime) notes.push(`runtime: ${runtime}`);
    const start = getString(m, 'startCommand') ?? getString(m, 'dockerCommand');
    if (start) config.command = start.slice(0, 4000);
    const health = getString(m, 'healthCheckPath');
    if (health) config.healthPath = health.slice(0, 512);
    const schedule = getString(m, 'schedule');
    if (schedule) config.schedule = schedule.slice(0, 200);
    if (r.type === 'cron' && !schedule) issues.warn(m.loc, `${what}: cron job without a schedule`);
    const numInstances = getNumber(m, 'numInstances');
    const scaling = getValue(m, 'scaling');
    if (numInstances !== undefined && Number.isInteger(numInstances) && numInstances >= 0 && numInstances <= 1000) config.replicas = numInstances;
    if (scaling?.kind === 'map') {
      checkKeys(scaling, RENDER_KEYS.scaling, `${what} scaling`, issues);
      const min = getNumber(scaling, 'minInstances');
      const max = getNumber(scaling, 'maxInstances');
      if (config.replicas === undefined && min !== undefined && Number.isInteger(min) && min >= 0 && min <= 1000) config.replicas = min;
      notes.push(`autoscaling: ${min ?? '?'}–${max ?? '?'} instances`);
    }
    const build = getString(m, 'buildCommand');
    if (build) notes.push(`build: ${build}`);
    const pre = getString(m, 'preDeployCommand');
    if (pre) notes.push(`pre-deploy: ${pre}`);
    const image = getValue(m, 'image');
    const imageUrl = image?.kind === 'map' ? getString(image, 'url') : scalarText(image);
    if (imageUrl) notes.push(`image: ${imageUrl}`);
    const dockerfile = getString(m, 'dockerfilePath');
    if (dockerfile) notes.push(`Dockerfile: ${dockerfile}${getString(m, 'dockerContext') ? ` (context ${getString(m, 'dockerContext')})` : ''}`);
    const publish = getString(m, 'staticPublishPath');
    if (publish) notes.push(`publishes ${publish}`);
    const disk = getValue(m, 'disk');
    if (disk?.kind === 'map') {
      checkKeys(disk, RENDER_KEYS.disk, `${what} disk`, issues);
      notes.push(`disk: ${getString(disk, 'name') ?? '?'} at ${getString(disk, 'mountPath') ?? '?'}${getString(disk, 'sizeGB') ? ` (${getString(disk, 'sizeGB')} GB)` : ''}`);
    }
    const domains = getValue(m, 'domains');
    if (domains?.kind === 'seq') notes.push(`domains: ${domains.items.map((d) => scalarText(d)).filter(Boolean).join(', ')}`);
    const repo = getString(m, 'repo');
    if (repo) notes.push(`repo: ${repo}${getString(m, 'branch') ? ` (${getString(m, 'branch')})` : ''}`);
    const rootDir = getString(m, 'rootDir');
    if (rootDir) notes.push(`rootDir: ${rootDir}`);
    const maxmem = getString(m, 'maxmemoryPolicy');
    if (maxmem) notes.push(`maxmemory policy: ${maxmem}`);
    const svcPreviews = getValue(m, 'previews');
    if (svcPreviews?.kind === 'map' && getString(svcPreviews, 'plan')) notes.push(`preview plan: ${getString(svcPreviews, 'plan')}`);
    if (getBoolean(m, 'pullRequestPreviewsEnabled') === true) notes.push('pull request previews enabled');
  }
  const plan = getString(m, 'plan');
  if (plan) notes.push(`plan: ${plan}`);
  const previewPlan = getString(m, 'previewPlan');
  if (previewPlan) notes.push(`preview plan: ${previewPlan}`);
  const region = getString(m, 'region');
  if (region) notes.push(`region: ${region}`);
  if (getValue(m, 'ipAllowList')) notes.push('has an IP allow list');
  if (r.scope.project) notes.push(`project: ${r.scope.project}`);
  if (previewNote) notes.push(previewNote);

  const envList = getValue(m, 'envVars');
  const env = envList
    ? readRenderEnvVars({ key: r.key, name: what, role: roleOfKind(r.kind), environment: r.scope.environment }, envList, index, issues)
    : { envVars: [], links: [], notes: [] as string[], port: undefined };
  if (env.port !== undefined) config.port = env.port;
  notes.push(...env.notes);

  const service: DraftService = {
    key: r.key,
    name: r.name,
    kind: r.kind,
    config,
    hostKey: null,
    environment: r.scope.environment,
    notes: notes.join('\n'),
    source: provenance(r.nameLoc),
  };
  return { service, envVars: env.envVars, links: env.links };
}

export const renderImporter: Importer = {
  format: RENDER_FORMAT,
  detect: detectRender,
  parse: (file) => parseRender(file),
};
