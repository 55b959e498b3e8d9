import type {
  DraftEnvVar,
  DraftHost,
  DraftLink,
  DraftService,
  Environment,
  Host,
  InventoryDraft,
  Link,
  MergeItem,
  MergePlan,
  Project,
  Provenance,
  Service,
  ServiceConfig,
} from '../../contract';
import { AppError } from '../../contract/errors';
import type { ImportTarget } from '../../contract/imports';
import type { ServiceEnvVar } from './env-var-repository';

/** What the plan is made against: the inventory as it is now (hosts without secrets suffice). */
export interface MergeSnapshot {
  projects: readonly Project[];
  environments: readonly Environment[];
  hosts: readonly Pick<Host, 'id' | 'environmentId' | 'name' | 'address' | 'port' | 'username'>[];
  services: readonly Service[];
  links: readonly Link[];
  envVars: (serviceId: string) => readonly ServiceEnvVar[];
}

export const DEFAULT_ENVIRONMENT = 'production';

const same = (a: string, b: string) => a.toLocaleLowerCase() === b.toLocaleLowerCase();

export const hostItemKey = (k: string) => `host:${k}`;
export const serviceItemKey = (k: string) => `service:${k}`;
export const linkItemKey = (l: Pick<DraftLink, 'fromKey' | 'toKey' | 'kind'>) => `link:${l.fromKey}→${l.toKey}:${l.kind}`;
export const environmentItemKey = (name: string) => `environment:${name}`;

/** Everything apply needs besides the plan: which draft item is which inventory row. */
export interface MergeResolution {
  projectId: string | null;
  projectName: string;
  environmentId: string | null;
  environmentName: string;
  hosts: Map<string, { draft: DraftHost; existing: MergeSnapshot['hosts'][number] | null; item: MergeItem }>;
  services: Map<string, { draft: DraftService; existing: Service | null; item: MergeItem; envVars: DraftEnvVar[] }>;
  /** Draft service key → the key that stands for it (two draft entries for one service). */
  serviceAlias: Map<string, string>;
  links: { draft: DraftLink; from: string; to: string; item: MergeItem }[];
}

function resolveTarget(target: ImportTarget, snap: MergeSnapshot) {
  const envName = target.environmentName ?? DEFAULT_ENVIRONMENT;
  if (target.newProjectName) {
    const clash = snap.projects.find((p) => same(p.name, target.newProjectName!));
    if (clash) {
      throw new AppError(
        'CONFLICT',
        `A project named "${clash.name}" already exists.`,
        'Import into that project instead, or choose another name for the new one.',
        { kind: 'project', name: clash.name },
      );
    }
    return { projectId: null, projectName: target.newProjectName, environmentId: null, environmentName: envName };
  }
  const project = snap.projects.find((p) => p.id === target.projectId);
  if (!project) throw new AppError('NOT_FOUND', `Project ${target.projectId} no longer exists.`, 'Reload the inventory.', { kind: 'project', id: target.projectId });
  const envs = snap.environments.filter((e) => e.projectId === project.id);
  if (target.environmentId) {
    const env = envs.find((e) => e.id === target.environmentId);
    if (!env) {
      throw new AppError('NOT_FOUND', `Environment ${target.environmentId} is not in project "${project.name}".`, 'Pick an environment of that project, or reload the inventory.', {
        kind: 'environment',
        id: target.environmentId,
      });
    }
    return { projectId: project.id, projectName: project.name, environmentId: env.id, environmentName: env.name };
  }
  const env = envs.find((e) => same(e.name, envName));
  return { projectId: project.id, projectName: project.name, environmentId: env?.id ?? null, environmentName: env?.name ?? envName };
}

const show = (v: unknown) => (Array.isArray(v) ? v.join(',') : String(v));

/** Config fields of the draft that differ from the stored ones; fields the draft lacks are kept. */
export function configChanges(current: ServiceConfig, next: ServiceConfig): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(next)) {
    if (v === undefined) continue;
    if (JSON.stringify(v) !== JSON.stringify((current as Record<string, unknown>)[k])) out.push(`config.${k}`);
  }
  return out;
}

function envVarChanges(stored: readonly ServiceEnvVar[], drafted: readonly DraftEnvVar[]): string[] {
  const out: string[] = [];
  for (const v of drafted) {
    const s = stored.find((x) => x.name === v.name);
    const value = v.secret ? null : v.value;
    if (!s || s.secret !== v.secret || s.missing !== v.missing || s.value !== value) out.push(`env.${v.name}`);
  }
  return out;
}

/**
 * Matches a draft against the inventory inside one target environment and says, per item, what
 * applying would do: add, update (with the changed field names) or nothing. Hosts match by
 * name, then address; services by name, then PM2 name, container name, or kind + port on the
 * same host. Every draft service goes into the target environment (its `environment`, when an
 * importer names one, is only shown); to fill several environments, import once per environment.
 */
export function computeMerge(draft: InventoryDraft, target: ImportTarget, snap: MergeSnapshot): { plan: MergePlan; resolution: MergeResolution } {
  const t = resolveTarget(target, snap);
  const envHosts = t.environmentId ? snap.hosts.filter((h) => h.environmentId === t.environmentId) : [];
  const envServices = t.environmentId ? snap.services.filter((s) => s.environmentId === t.environmentId) : [];
  const res: MergeResolution = { ...t, hosts: new Map(), services: new Map(), serviceAlias: new Map(), links: [] };
  const items: MergeItem[] = [];

  if (!t.environmentId) {
    items.push({
      key: environmentItemKey(t.environmentName),
      entity: 'environment',
      action: 'add',
      existingId: null,
      label: t.projectId ? `${t.projectName} / ${t.environmentName}` : `${t.projectName} (new project) / ${t.environmentName}`,
      changes: [],
      source: null,
    });
  }

  // Hosts.
  const hostIdByKey = new Map<string, string | null>();
  for (const h of draft.hosts) {
    if (res.hosts.has(h.key)) continue;
    const existing = envHosts.find((x) => same(x.name, h.name)) ?? envHosts.find((x) => same(x.address, h.address)) ?? null;
    const changes: string[] = [];
    if (existing) {
      if (!same(existing.address, h.address)) changes.push('address');
      if (h.port !== undefined && h.port !== existing.port) changes.push('port');
      if (h.username !== undefined && h.username !== existing.username) changes.push('username');
    }
    const item: MergeItem = {
      key: hostItemKey(h.key),
      entity: 'host',
      action: existing ? (changes.length ? 'update' : 'unchanged') : 'add',
      existingId: existing?.id ?? null,
      label: `${h.name} (${h.address}${h.port && h.port !== 22 ? `:${h.port}` : ''})`,
      changes,
      source: h.source,
    };
    hostIdByKey.set(h.key, existing?.id ?? null);
    res.hosts.set(h.key, { draft: h, existing, item });
    items.push(item);
  }

  // Services.
  const claimed = new Map<string, string>(); // existing service id → draft key that took it
  const byName = new Map<string, string>(); // lower-cased name → draft key
  for (const s of disambiguate(withOverrides(draft.services, t.environmentName, res.serviceAlias))) {
    if (res.services.has(s.key) || res.serviceAlias.has(s.key)) continue;
    const nameKey = s.name.toLocaleLowerCase();
    const twin = byName.get(nameKey);
    if (twin) {
      res.serviceAlias.set(s.key, twin);
      res.services.get(twin)!.envVars.push(...draft.envVars.filter((v) => v.serviceKey === s.key));
      continue;
    }
    const hostId = s.hostKey ? (hostIdByKey.get(s.hostKey) ?? null) : null;
    const free = (x: Service) => !claimed.has(x.id);
    const existing =
      envServices.find((x) => free(x) && same(x.name, s.name)) ??
      (s.config.pm2Name ? envServices.find((x) => free(x) && x.config.pm2Name === s.config.pm2Name) : undefined) ??
      (s.config.containerName ? envServices.find((x) => free(x) && x.config.containerName === s.config.containerName) : undefined) ??
      (s.config.port && hostId
        ? envServices.find((x) => free(x) && x.kind === s.kind && x.hostId === hostId && x.config.port === s.config.port)
        : undefined) ??
      null;
    if (existing) {
      const other = claimed.get(existing.id);
      if (other) {
        res.serviceAlias.set(s.key, other);
        continue;
      }
      claimed.set(existing.id, s.key);
    }
    byName.set(nameKey, s.key);
    const envVars = draft.envVars.filter((v) => v.serviceKey === s.key || (v.serviceKey !== null && res.serviceAlias.get(v.serviceKey) === s.key));
    const changes: string[] = [];
    if (existing) {
      if (existing.kind !== s.kind) changes.push('kind');
      if (s.hostKey && hostIdByKey.has(s.hostKey) && (hostId ?? null) !== existing.hostId) changes.push('host');
      changes.push(...configChanges(existing.config, s.config));
      if (!existing.notes && s.notes) changes.push('notes');
      changes.push(...envVarChanges(snap.envVars(existing.id), envVars));
    }
    const item: MergeItem = {
      key: serviceItemKey(s.key),
      entity: 'service',
      action: existing ? (changes.length ? 'update' : 'unchanged') : 'add',
      existingId: existing?.id ?? null,
      label: existing && !same(existing.name, s.name) ? `${existing.name} ← ${s.name} (${s.kind})` : `${s.name} (${s.kind})`,
      changes,
      source: s.source,
    };
    res.services.set(s.key, { draft: s, existing, item, envVars });
    items.push(item);
  }

  // Env vars without a service (a lone .env.example) go with the only service when there is one.
  const loose = draft.envVars.filter((v) => v.serviceKey === null || !draft.services.some((s) => s.key === v.serviceKey));
  if (loose.length && res.services.size === 1) {
    const only = [...res.services.values()][0]!;
    only.envVars.push(...loose.filter((v) => !only.envVars.some((x) => x.name === v.name)));
    if (only.existing) {
      const extra = envVarChanges(snap.envVars(only.existing.id), loose).filter((c) => !only.item.changes.includes(c));
      if (extra.length) {
        only.item.changes.push(...extra);
        only.item.action = 'update';
      }
    }
  }

  // Links, between the entities above (after aliases), never to themselves, never twice.
  const canon = (k: string) => {
    for (let i = 0; i < 5 && res.serviceAlias.has(k); i++) k = res.serviceAlias.get(k)!;
    return k;
  };
  const seen = new Set<string>();
  for (const l of draft.links) {
    const from = canon(l.fromKey);
    const to = canon(l.toKey);
    const a = res.services.get(from);
    const b = res.services.get(to);
    if (!a || !b || from === to) continue;
    const key = linkItemKey({ fromKey: from, toKey: to, kind: l.kind });
    if (seen.has(key)) continue;
    seen.add(key);
    const exists =
      !!a.existing && !!b.existing && snap.links.some((x) => x.fromServiceId === a.existing!.id && x.toServiceId === b.existing!.id && x.kind === l.kind);
    const existing = exists ? snap.links.find((x) => x.fromServiceId === a.existing!.id && x.toServiceId === b.existing!.id && x.kind === l.kind)! : null;
    const item: MergeItem = {
      key,
      entity: 'link',
      action: existing ? 'unchanged' : 'add',
      existingId: existing?.id ?? null,
      label: `${a.existing?.name ?? a.draft.name} ${l.kind} ${b.existing?.name ?? b.draft.name}`,
      changes: [],
      source: l.source as Provenance,
    };
    res.links.push({ draft: l, from, to, item });
    items.push(item);
  }

  return { plan: { projectId: t.projectId, environmentId: t.environmentId, items }, resolution: res };
}

/**
 * A service an importer gives per environment ("netlify:site@production", next to the base
 * "netlify:site"): for the target environment its settings override the base's; for any other
 * environment it is left out. Either way it stands for the base service (links follow).
 */
function withOverrides(services: readonly DraftService[], envName: string, alias: Map<string, string>): DraftService[] {
  const keys = new Set(services.map((s) => s.key));
  const merged = new Map<string, DraftService>();
  const out: DraftService[] = [];
  for (const s of services) {
    const at = s.key.lastIndexOf('@');
    const base = at > 0 ? s.key.slice(0, at) : '';
    if (base && keys.has(base) && s.environment) {
      alias.set(s.key, base);
      if (same(s.environment, envName)) {
        const b = merged.get(base) ?? services.find((x) => x.key === base)!;
        merged.set(base, { ...b, config: { ...b.config, ...s.config } });
      }
      continue;
    }
    out.push(s);
  }
  return out.map((s) => merged.get(s.key) ?? s);
}

/**
 * Two files naming different things alike (netlify.toml and railway.json both call their service
 * after the folder): the second kind of thing gets its platform or kind as a suffix
 * ("prexcol-railway"). The same name with the same kind and platform is one service.
 */
function disambiguate(services: readonly DraftService[]): DraftService[] {
  const sig = (s: DraftService) => `${s.kind}|${s.config.platform ?? ''}`;
  const firstSig = new Map<string, string>();
  const taken = new Set(services.map((s) => s.name.toLocaleLowerCase()));
  return services.map((s) => {
    const key = s.name.toLocaleLowerCase();
    const first = firstSig.get(key);
    if (first === undefined) {
      firstSig.set(key, sig(s));
      return s;
    }
    if (first === sig(s)) return s;
    let name = `${s.name}-${s.config.platform ?? s.kind}`;
    for (let i = 2; taken.has(name.toLocaleLowerCase()); i++) name = `${s.name}-${s.config.platform ?? s.kind}-${i}`;
    taken.add(name.toLocaleLowerCase());
    return { ...s, name };
  });
}

/** The keys a user would keep by default: everything that adds or changes something. */
export function defaultSelection(plan: MergePlan): string[] {
  return plan.items.filter((i) => i.action !== 'unchanged').map((i) => i.key);
}

/** For messages: "a, b (+3 more)". */
export function listShort(xs: readonly string[], max = 5): string {
  return xs.length <= max ? xs.join(', ') : `${xs.slice(0, max).join(', ')} (+${xs.length - max} more)`;
}

export { show as showValue };
