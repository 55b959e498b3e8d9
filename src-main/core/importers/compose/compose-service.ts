import type { DraftEnvVar, DraftService, ServiceConfig } from '../../../contract';
import type { ImportFile } from '../types';
import { readEnvFile } from '../shared/env-file-reader';
import { draftEnvVar } from '../shared/env-refs';
import { provenance, type IssueList } from '../shared/issues';
import { kindFromImage, type ServiceRole } from '../shared/kind-from-image';
import {
  describeKind,
  entryOf,
  getNumber,
  getString,
  getValue,
  scalarText,
  type LEntry,
  type LMap,
  type LValue,
  type Loc,
} from '../shared/located';
import { findSibling } from '../shared/paths';
import { BUILD_KEYS, DEPLOY_KEYS, HEALTHCHECK_KEYS, RUNTIME_ONLY_SERVICE_KEYS, USED_SERVICE_KEYS } from './compose-keys';
import { asKeyValueMap } from './compose-merge';
import { interpolationDefault, parseHealthcheck, parsePort } from './compose-ports';

export interface RawEnv {
  name: string;
  value: string | null;
  loc: Loc;
}

export interface Dependency {
  target: string;
  reason: string;
  loc: Loc;
}

/** One Compose service read into a draft, plus what the file-level pass needs for links. */
export interface ComposeServiceRead {
  service: DraftService;
  role: ServiceRole;
  envVars: DraftEnvVar[];
  /** Raw values, only to find links; never stored in the draft. */
  rawEnv: RawEnv[];
  dependencies: Dependency[];
  /** Names other containers reach it by: service name, container_name, hostname, network aliases. */
  hostNames: string[];
  /** Labels that ask a Traefik proxy to route to it. */
  traefikRouted: boolean;
}

interface Ctx {
  file: ImportFile;
  siblings: readonly ImportFile[];
  issues: IssueList;
  project: string;
  serviceKey: (name: string) => string;
}

function listOfNames(v: LValue | undefined): string[] {
  if (!v) return [];
  if (v.kind === 'seq') return v.items.map((i) => scalarText(i) ?? (i.kind === 'map' ? getString(i, 'source') ?? '' : '')).filter(Boolean);
  if (v.kind === 'map') return v.entries.map((e) => e.key);
  const s = scalarText(v);
  return s ? [s] : [];
}

function commandText(v: LValue | undefined): string | undefined {
  if (!v) return undefined;
  if (v.kind === 'seq') {
    return v.items
      .map((i) => scalarText(i) ?? '')
      .map((w) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`))
      .join(' ');
  }
  return scalarText(v);
}

function clip(text: string, max = 200): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

export function readComposeService(name: string, entryLoc: Loc, svc: LMap, ctx: Ctx): ComposeServiceRead {
  const { issues } = ctx;
  const key = ctx.serviceKey(name);
  const notes: string[] = [];
  const config: ServiceConfig = { composeProject: ctx.project, composeFile: ctx.file.path };
  const runtimeKeys: string[] = [];

  for (const e of svc.entries) {
    if (e.key.startsWith('x-') || USED_SERVICE_KEYS.has(e.key)) continue;
    if (RUNTIME_ONLY_SERVICE_KEYS.has(e.key)) runtimeKeys.push(e.key);
    else issues.warnOnce(e.keyLoc, `service '${name}': unknown key '${e.key}' (not in the Compose specification); ignored`);
  }

  const image = getString(svc, 'image');
  const imageKind = kindFromImage(image);
  if (image) notes.push(`image: ${image}`);
  if (imageKind.label && imageKind.kind === 'container') notes.push(`${imageKind.label} in a container (no dedicated kind; managed as a container)`);
  const build = getValue(svc, 'build');
  if (build) {
    if (build.kind === 'map') {
      for (const e of build.entries) {
        if (!BUILD_KEYS.has(e.key) && !e.key.startsWith('x-')) issues.warnOnce(e.keyLoc, `service '${name}': unknown build key '${e.key}'; ignored`);
      }
      const context = getString(build, 'context') ?? '.';
      const dockerfile = getString(build, 'dockerfile');
      const target = getString(build, 'target');
      notes.push(`built from ${context}${dockerfile ? ` (${dockerfile})` : ''}${target ? ` target ${target}` : ''}`);
    } else if (scalarText(build)) notes.push(`built from ${scalarText(build)}`);
    else issues.warn(build.loc, `service '${name}': build is ${describeKind(build)}; expected a path or a mapping`);
  }
  if (!image && !build) notes.push('no image or build in this file (an override of a service defined elsewhere?)');

  const containerName = getString(svc, 'container_name');
  if (containerName) config.containerName = containerName;
  const command = commandText(getValue(svc, 'command'));
  if (command) config.command = command.slice(0, 4000);
  const entrypoint = commandText(getValue(svc, 'entrypoint'));
  if (entrypoint) notes.push(`entrypoint: ${clip(entrypoint)}`);
  const workingDir = getString(svc, 'working_dir');
  if (workingDir) config.workingDir = workingDir;
  const restart = getString(svc, 'restart');
  if (restart) notes.push(`restart: ${restart}`);
  const platform = getString(svc, 'platform');
  if (platform) notes.push(`platform: ${platform}`);

  // ports / expose
  const ports = getValue(svc, 'ports');
  const portTexts: string[] = [];
  if (ports) {
    if (ports.kind !== 'seq') issues.warn(ports.loc, `service '${name}': ports is ${describeKind(ports)}; expected a list`);
    else {
      for (const p of ports.items) {
        const m = parsePort(p);
        if (!m) {
          issues.warn(p.loc, `service '${name}': port entry not understood; ignored`);
          continue;
        }
        portTexts.push(m.text);
        if (config.port === undefined) {
          const chosen = m.published ?? m.target;
          if (chosen !== undefined) config.port = chosen;
        }
      }
    }
  }
  const expose = getValue(svc, 'expose');
  if (expose?.kind === 'seq') {
    const exp = expose.items.map((i) => scalarText(i)).filter((s): s is string => !!s);
    if (exp.length) notes.push(`exposes (inside the network only): ${exp.join(', ')}`);
    if (config.port === undefined) {
      const first = exp.map((s) => Number(interpolationDefault(s)?.split(/[-/]/)[0])).find((n) => n >= 1 && n <= 65535);
      if (first) config.port = first;
    }
  }
  if (portTexts.length) notes.push(`ports: ${portTexts.join(', ')}`);

  // healthcheck
  const hcEntry = entryOf(svc, 'healthcheck');
  if (hcEntry) {
    if (hcEntry.value.kind === 'map') {
      for (const e of hcEntry.value.entries) {
        if (!HEALTHCHECK_KEYS.has(e.key) && !e.key.startsWith('x-')) issues.warnOnce(e.keyLoc, `service '${name}': unknown healthcheck key '${e.key}'; ignored`);
      }
    }
    const hc = parseHealthcheck(hcEntry.value);
    if (!hc) issues.warn(hcEntry.keyLoc, `service '${name}': healthcheck is ${describeKind(hcEntry.value)}; expected a mapping`);
    else if (hc.disabled) notes.push('healthcheck: disabled');
    else if (hc.command) {
      notes.push(`healthcheck: ${clip(hc.command)}${hc.interval ? ` (every ${hc.interval})` : ''}`);
      if (hc.path) config.healthPath = hc.path.slice(0, 512);
      if (hc.port && config.port === undefined) config.port = hc.port;
    }
  }

  // replicas
  const deploy = getValue(svc, 'deploy');
  if (deploy) {
    if (deploy.kind !== 'map') issues.warn(deploy.loc, `service '${name}': deploy is ${describeKind(deploy)}; expected a mapping`);
    else {
      for (const e of deploy.entries) {
        if (!DEPLOY_KEYS.has(e.key) && !e.key.startsWith('x-')) issues.warnOnce(e.keyLoc, `service '${name}': unknown deploy key '${e.key}'; ignored`);
      }
      const replicas = getNumber(deploy, 'replicas');
      if (replicas !== undefined && Number.isInteger(replicas) && replicas >= 0 && replicas <= 1000) config.replicas = replicas;
      const mode = getString(deploy, 'mode');
      if (mode) notes.push(`deploy mode: ${mode}`);
      const limits = getValue(getValue(deploy, 'resources') as LMap | undefined, 'limits');
      if (limits?.kind === 'map') {
        const parts = limits.entries.map((e) => `${e.key} ${scalarText(e.value) ?? ''}`.trim());
        if (parts.length) notes.push(`limits: ${parts.join(', ')}`);
      }
    }
  }
  const scale = getNumber(svc, 'scale');
  if (scale !== undefined && config.replicas === undefined && Number.isInteger(scale) && scale >= 0 && scale <= 1000) config.replicas = scale;

  // profiles
  const profiles = listOfNames(getValue(svc, 'profiles'));
  if (profiles.length) notes.push(`profiles: ${profiles.join(', ')} (started only with --profile)`);

  // networks (and the aliases other containers use)
  const hostNames = [name];
  if (containerName) hostNames.push(containerName);
  const hostname = getString(svc, 'hostname');
  if (hostname) hostNames.push(hostname);
  const networks = getValue(svc, 'networks');
  if (networks) {
    if (networks.kind === 'map') {
      for (const e of networks.entries) {
        if (e.value.kind === 'map') {
          const aliases = getValue(e.value, 'aliases');
          if (aliases?.kind === 'seq') for (const a of aliases.items) if (scalarText(a)) hostNames.push(scalarText(a) as string);
        } else if (!(e.value.kind === 'scalar' && e.value.value === null)) {
          issues.warn(e.keyLoc, `service '${name}': network '${e.key}' settings not understood; ignored`);
        }
      }
    } else if (networks.kind !== 'seq') issues.warn(networks.loc, `service '${name}': networks is ${describeKind(networks)}; expected a list or a mapping`);
    const names = listOfNames(networks);
    if (names.length) notes.push(`networks: ${names.join(', ')}`);
  }
  const networkMode = getString(svc, 'network_mode');
  if (networkMode) notes.push(`network_mode: ${networkMode}`);

  // volumes
  const volumes = getValue(svc, 'volumes');
  if (volumes) {
    if (volumes.kind !== 'seq') issues.warn(volumes.loc, `service '${name}': volumes is ${describeKind(volumes)}; expected a list`);
    else {
      const texts: string[] = [];
      for (const v of volumes.items) {
        if (v.kind === 'scalar' && v.value !== null) texts.push(String(v.value));
        else if (v.kind === 'map') {
          const src = getString(v, 'source');
          const dst = getString(v, 'target');
          texts.push(`${src ? `${src}:` : ''}${dst ?? '?'}${getString(v, 'type') ? ` (${getString(v, 'type')})` : ''}`);
        } else issues.warn(v.loc, `service '${name}': volume entry not understood; ignored`);
      }
      if (texts.length) notes.push(`volumes: ${texts.join(', ')}`);
    }
  }
  const volumesFrom = listOfNames(getValue(svc, 'volumes_from'));
  if (volumesFrom.length) notes.push(`volumes_from: ${volumesFrom.join(', ')}`);

  // secrets / configs
  for (const k of ['secrets', 'configs'] as const) {
    const v = getValue(svc, k);
    if (!v) continue;
    if (v.kind !== 'seq') {
      issues.warn(v.loc, `service '${name}': ${k} is ${describeKind(v)}; expected a list`);
      continue;
    }
    const names: string[] = [];
    for (const it of v.items) {
      const n = scalarText(it) ?? (it.kind === 'map' ? getString(it, 'source') : undefined);
      if (n) names.push(n);
      else issues.warn(it.loc, `service '${name}': ${k} entry not understood; ignored`);
    }
    if (names.length) notes.push(`${k}: ${names.join(', ')}`);
  }

  // labels (only what matters to routing)
  const labels = getValue(svc, 'labels');
  const labelMap = labels ? asKeyValueMap(labels) : undefined;
  let traefikRouted = false;
  if (labelMap?.kind === 'map') {
    for (const e of labelMap.entries) {
      const v = scalarText(e.value) ?? '';
      if (/^traefik\.http\.routers\.[^.]+\.rule$/.test(e.key)) {
        traefikRouted = true;
        notes.push(`traefik rule: ${clip(v, 120)}`);
      }
      if (e.key === 'traefik.enable' && v === 'true') traefikRouted = true;
    }
  }

  // depends_on / links
  const dependencies: Dependency[] = [];
  const dependsEntry = entryOf(svc, 'depends_on');
  if (dependsEntry) {
    const v = dependsEntry.value;
    if (v.kind === 'seq') {
      for (const it of v.items) {
        const t = scalarText(it);
        if (t) dependencies.push({ target: t, reason: 'depends_on', loc: it.loc });
        else issues.warn(it.loc, `service '${name}': depends_on entry not understood; ignored`);
      }
    } else if (v.kind === 'map') {
      for (const e of v.entries) {
        const cond = e.value.kind === 'map' ? getString(e.value, 'condition') : undefined;
        const required = e.value.kind === 'map' ? getString(e.value, 'required') : undefined;
        const reason = `depends_on${cond ? ` (condition: ${cond})` : ''}${required === 'false' ? ' (optional)' : ''}`;
        dependencies.push({ target: e.key, reason, loc: e.keyLoc });
      }
    } else issues.warn(v.loc, `service '${name}': depends_on is ${describeKind(v)}; expected a list or a mapping`);
  }
  const links = getValue(svc, 'links');
  if (links?.kind === 'seq') {
    for (const it of links.items) {
      const t = scalarText(it);
      if (t) dependencies.push({ target: t.split(':')[0], reason: 'links', loc: it.loc });
    }
  }
  const externalLinks = listOfNames(getValue(svc, 'external_links'));
  if (externalLinks.length) notes.push(`external_links: ${externalLinks.join(', ')}`);

  // environment (env_file first, environment overrides)
  const byName = new Map<string, { ev: DraftEnvVar; raw: RawEnv }>();
  const envFileEntry = entryOf(svc, 'env_file');
  if (envFileEntry) readEnvFiles(name, key, envFileEntry, ctx, byName, notes);
  const envEntry = entryOf(svc, 'environment');
  if (envEntry) {
    const envMap = asKeyValueMap(envEntry.value);
    if (envMap.kind !== 'map') issues.warn(envEntry.keyLoc, `service '${name}': environment is ${describeKind(envEntry.value)}; expected a list or a mapping`);
    else {
      for (const e of envMap.entries) {
        if (e.value.kind !== 'scalar') {
          issues.warn(e.keyLoc, `service '${name}': environment ${e.key} is ${describeKind(e.value)}; expected a value`);
          continue;
        }
        const value = e.value.value === null ? null : String(e.value.value);
        const previous = byName.get(e.key);
        if (value === null && previous) continue; // declared here, value from env_file
        byName.set(e.key, {
          ev: draftEnvVar(key, e.key, value, provenance(e.keyLoc)),
          raw: { name: e.key, value, loc: e.keyLoc },
        });
      }
    }
  }
  if (runtimeKeys.length) notes.push(`also sets: ${runtimeKeys.join(', ')}`);

  const service: DraftService = {
    key,
    name,
    kind: imageKind.kind,
    config,
    hostKey: null,
    environment: null,
    notes: notes.join('\n'),
    source: provenance(entryLoc),
  };
  return {
    service,
    role: imageKind.role,
    envVars: [...byName.values()].map((x) => x.ev),
    rawEnv: [...byName.values()].map((x) => x.raw),
    dependencies,
    hostNames,
    traefikRouted,
  };
}

function readEnvFiles(
  name: string,
  key: string,
  entry: LEntry,
  ctx: Ctx,
  byName: Map<string, { ev: DraftEnvVar; raw: RawEnv }>,
  notes: string[],
): void {
  const v = entry.value;
  const refs: { path: string; required: boolean; loc: Loc }[] = [];
  const items = v.kind === 'seq' ? v.items : [v];
  for (const it of items) {
    const p = scalarText(it);
    if (p) refs.push({ path: p, required: true, loc: it.loc });
    else if (it.kind === 'map' && getString(it, 'path')) {
      refs.push({ path: getString(it, 'path') as string, required: getString(it, 'required') !== 'false', loc: it.loc });
    } else ctx.issues.warn(it.loc, `service '${name}': env_file entry not understood; ignored`);
  }
  for (const ref of refs) {
    const sib = findSibling(ctx.file.path, ref.path, ctx.siblings);
    if (!sib) {
      if (ref.required) ctx.issues.warn(ref.loc, `service '${name}': env_file ${ref.path} is not among the imported files; its variables are unknown`);
      else notes.push(`optional env_file ${ref.path} not imported`);
      continue;
    }
    const read = readEnvFile(sib.content);
    for (const p of read.problems) ctx.issues.warn({ file: sib.path, line: p.line, column: p.column }, `env_file: ${p.message}; ignored`);
    for (const e of read.entries) {
      const loc = { file: sib.path, line: e.line, column: e.column };
      byName.set(e.name, { ev: draftEnvVar(key, e.name, e.value, provenance(loc)), raw: { name: e.name, value: e.value, loc } });
    }
    notes.push(`env_file: ${ref.path}`);
  }
}
