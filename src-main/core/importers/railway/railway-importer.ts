import type { DraftService, ServiceConfig } from '../../../contract';
import { emptyPart, type DraftPart, type ImportFile, type Importer } from '../types';
import { brokenFilePart, IssueList, provenance } from '../shared/issues';
import { readJson } from '../shared/json-with-positions';
import { describeKind, getNumber, getValue, scalarText, type LMap, type LValue, type Loc } from '../shared/located';
import { baseName, dirName } from '../shared/paths';
import { isQueueWorkerCommand } from '../shared/kind-from-image';
import { readToml } from '../shared/toml-with-positions';

export const RAILWAY_FORMAT = 'railway';

/**
 * Keys of Railway "config as code" (docs.railway.com/config-as-code/reference and
 * railway.com/railway.schema.json): one service's build and deploy settings, optionally
 * overridden per environment under `environments.<name>`.
 */
const TOP_KEYS = new Set(['$schema', 'build', 'deploy', 'environments']);
const BUILD_KEYS = new Set([
  'builder', 'buildCommand', 'watchPatterns', 'dockerfilePath', 'nixpacksConfigPath', 'nixpacksPlan',
  'nixpacksVersion', 'railpackVersion', 'buildEnvironment',
]);
const DEPLOY_KEYS = new Set([
  'startCommand', 'preDeployCommand', 'healthcheckPath', 'healthcheckTimeout', 'restartPolicyType',
  'restartPolicyMaxRetries', 'numReplicas', 'multiRegionConfig', 'cronSchedule', 'region', 'sleepApplication',
  'overlapSeconds', 'deploymentOverlapSeconds', 'drainingSeconds', 'requiredMountPath', 'runtime', 'limitOverride',
  'ipv6EgressEnabled', 'useLegacyStacker', 'registryCredentials', 'teardown',
]);
const ENV_KEYS = new Set(['build', 'deploy']);

export function detectRailway(file: ImportFile): boolean {
  return /(^|[-_.])railway\.(json|toml)$/i.test(baseName(file.path));
}

/** Railway files describe one service: named after the folder, or the file's prefix when it has one ("api.railway.toml"). */
export function railwayServiceName(path: string): string {
  const base = baseName(path);
  const prefix = base.replace(/[-_.]?railway\.(json|toml)$/i, '');
  if (prefix) return prefix;
  return baseName(dirName(path)) || 'railway-service';
}

function checkKeys(map: LMap, allowed: Set<string>, what: string, issues: IssueList): void {
  for (const e of map.entries) if (!allowed.has(e.key)) issues.warn(e.keyLoc, `${what}: unknown key '${e.key}' (not in Railway's config-as-code reference); ignored`);
}

interface Sections {
  build?: LMap;
  deploy?: LMap;
}

function sectionsOf(map: LMap, where: string, issues: IssueList): Sections {
  const out: Sections = {};
  for (const k of ['build', 'deploy'] as const) {
    const v = getValue(map, k);
    if (!v || (v.kind === 'scalar' && v.value === null)) continue;
    if (v.kind !== 'map') {
      issues.warn(v.loc, `${where}${k} is ${describeKind(v)}; expected a table; ignored`);
      continue;
    }
    checkKeys(v, k === 'build' ? BUILD_KEYS : DEPLOY_KEYS, `${where}${k}`, issues);
    out[k] = v;
  }
  return out;
}

/** Replicas: numReplicas, else the sum over multiRegionConfig regions. */
function replicasOf(deploy: LMap | undefined): { replicas?: number; regions?: string } {
  if (!deploy) return {};
  const n = getNumber(deploy, 'numReplicas');
  const multi = getValue(deploy, 'multiRegionConfig');
  let regions: string | undefined;
  let sum: number | undefined;
  if (multi?.kind === 'map') {
    const parts: string[] = [];
    sum = 0;
    for (const e of multi.entries) {
      const r = e.value.kind === 'map' ? getNumber(e.value, 'numReplicas') : undefined;
      parts.push(`${e.key}×${r ?? '?'}`);
      sum += r ?? 0;
    }
    regions = parts.join(', ');
  }
  const replicas = n ?? sum;
  return { replicas: replicas !== undefined && Number.isInteger(replicas) && replicas >= 0 && replicas <= 1000 ? replicas : undefined, regions };
}

function firstOf(key: string, ...maps: (LMap | undefined)[]): LValue | undefined {
  for (const m of maps) {
    const v = getValue(m, key);
    if (v) return v;
  }
  return undefined;
}

function buildService(
  name: string,
  key: string,
  environment: string | null,
  base: Sections,
  over: Sections,
  source: Loc,
): DraftService {
  // Environment values override the base ones key by key (Railway merges them the same way).
  const pick = (section: 'build' | 'deploy', k: string) => {
    const v = firstOf(k, over[section], base[section]);
    // preDeployCommand (and, in older files, startCommand) may be a list of commands.
    return v?.kind === 'seq' ? v.items.map((i) => scalarText(i)).filter(Boolean).join(' && ') || undefined : scalarText(v);
  };
  const config: ServiceConfig = { platform: 'railway' };
  const notes: string[] = [];
  const start = pick('deploy', 'startCommand');
  if (start) config.command = start.slice(0, 4000);
  const health = pick('deploy', 'healthcheckPath');
  if (health) config.healthPath = health.slice(0, 512);
  const cron = pick('deploy', 'cronSchedule');
  if (cron) config.schedule = cron.slice(0, 200);
  const overReplicas = replicasOf(over.deploy);
  const baseReplicas = replicasOf(base.deploy);
  const replicas = overReplicas.replicas ?? baseReplicas.replicas;
  if (replicas !== undefined) config.replicas = replicas;
  const regions = overReplicas.regions ?? baseReplicas.regions;
  if (regions) notes.push(`regions: ${regions}`);
  const builder = pick('build', 'builder');
  if (builder) notes.push(`builder: ${builder.toUpperCase()}`);
  const buildCommand = pick('build', 'buildCommand');
  if (buildCommand) notes.push(`build: ${buildCommand}`);
  const dockerfile = pick('build', 'dockerfilePath');
  if (dockerfile) notes.push(`Dockerfile: ${dockerfile}`);
  const watch = firstOf('watchPatterns', over.build, base.build);
  if (watch?.kind === 'seq') notes.push(`watch: ${watch.items.map((i) => scalarText(i)).filter(Boolean).join(', ')}`);
  const pre = pick('deploy', 'preDeployCommand');
  if (pre) notes.push(`pre-deploy: ${pre}`);
  const restart = pick('deploy', 'restartPolicyType');
  if (restart) notes.push(`restart: ${restart}${pick('deploy', 'restartPolicyMaxRetries') ? ` (max ${pick('deploy', 'restartPolicyMaxRetries')} retries)` : ''}`);
  const region = pick('deploy', 'region');
  if (region) notes.push(`region: ${region}`);
  if (pick('deploy', 'sleepApplication') === 'true') notes.push('sleeps when idle (serverless)');
  const overridden = [
    ...Object.entries(over).flatMap(([section, m]) => (m as LMap).entries.map((e) => `${section}.${e.key}`)),
  ];
  if (environment && overridden.length) notes.push(`overrides for ${environment}: ${overridden.join(', ')}`);
  return {
    key,
    name,
    // a Celery/RQ/Sidekiq start command without a health check takes no HTTP traffic: a worker
    kind: cron ? 'cron-job' : !health && isQueueWorkerCommand(start) ? 'worker' : 'paas-service',
    config,
    hostKey: null,
    environment,
    notes: notes.join('\n'),
    source: provenance(source),
  };
}

function parseRailway(file: ImportFile): DraftPart {
  const isToml = /\.toml$/i.test(file.path) || (!/\.json$/i.test(file.path) && !file.content.trimStart().startsWith('{'));
  const read = isToml ? readToml(file.path, file.content) : readJson(file.path, file.content);
  if (!read.ok) return brokenFilePart(RAILWAY_FORMAT, file.path, read.error);
  const root = read.root;
  if (root.kind !== 'map') {
    return brokenFilePart(RAILWAY_FORMAT, file.path, {
      line: root.loc.line,
      column: root.loc.column,
      message: `not a Railway config: the top level is ${describeKind(root)}, expected an object with build/deploy`,
    });
  }
  const part = emptyPart(RAILWAY_FORMAT);
  const issues = new IssueList(RAILWAY_FORMAT);
  checkKeys(root, TOP_KEYS, 'railway', issues);
  const base = sectionsOf(root, '', issues);
  const name = railwayServiceName(file.path);
  const baseKey = `railway:${name}`;
  part.services.push(buildService(name, baseKey, null, base, {}, root.loc));

  const envs = getValue(root, 'environments');
  if (envs && envs.kind !== 'map') issues.warn(envs.loc, `environments is ${describeKind(envs)}; expected a table of environment names; ignored`);
  if (envs?.kind === 'map') {
    for (const e of envs.entries) {
      if (e.value.kind !== 'map') {
        issues.warn(e.keyLoc, `environment ${e.key} is ${describeKind(e.value)}; expected a table; ignored`);
        continue;
      }
      checkKeys(e.value, ENV_KEYS, `environments.${e.key}`, issues);
      const over = sectionsOf(e.value, `environments.${e.key}.`, issues);
      part.environments.push(e.key);
      part.services.push(buildService(name, `${baseKey}@${e.key}`, e.key, base, over, e.keyLoc));
    }
  }
  part.warnings.push(...issues.sorted());
  return part;
}

export const railwayImporter: Importer = {
  format: RAILWAY_FORMAT,
  detect: detectRailway,
  parse: (file) => parseRailway(file),
};
