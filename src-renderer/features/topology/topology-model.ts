import type { InventoryTree, LinkKind, Service, ServiceKind } from '../../../src-main/contract';

export type Health = 'healthy' | 'degraded' | 'down' | 'unknown';

/** Columns of the diagram, left to right: how a request travels, then what the apps lean on. */
export type Role = 'internet' | 'edge' | 'proxy' | 'app' | 'worker' | 'cron' | 'data' | 'external';
export const ROLE_ORDER: readonly Role[] = ['internet', 'edge', 'proxy', 'app', 'worker', 'cron', 'data', 'external'];
/** ELK partition per role: workers and cron jobs share the apps' column band. */
export const ROLE_PARTITION: Record<Role, number> = { internet: 0, edge: 1, proxy: 2, app: 3, worker: 3, cron: 3, data: 4, external: 5 };

export interface TopoNode {
  id: string;
  /** null for the synthetic Internet node. */
  serviceId: string | null;
  label: string;
  kind: ServiceKind | 'internet';
  role: Role;
  detail: string;
  environment: string;
  health: Health;
}

export interface TopoEdge {
  id: string;
  source: string;
  target: string;
  kind: LinkKind | 'internet';
}

export interface TopoGraph {
  title: string;
  nodes: TopoNode[];
  edges: TopoEdge[];
}

export const INTERNET_ID = 'internet';
const DATA_KINDS: ReadonlySet<ServiceKind> = new Set(['postgres', 'redis', 'sqlite-file']);

function detailOf(s: Service): string {
  const c = s.config;
  const bits: string[] = [s.kind];
  if (c.platform) bits.push(c.platform);
  if (c.port) bits.push(`:${c.port}`);
  if (c.replicas && c.replicas > 1) bits.push(`×${c.replicas}`);
  if (c.schedule) bits.push(c.schedule);
  return bits.join(' · ');
}

/**
 * The role of each service from its kind and its links: an http-endpoint that forwards traffic
 * is the edge (CDN, public domain), one that only receives calls is an external service; a
 * service whose every outgoing link proxies to apps is a proxy (an nginx container), to data it
 * is part of the data tier (PgBouncer).
 */
export function roleOf(s: Service, out: readonly { kind: LinkKind; to: Service }[], incoming: readonly LinkKind[]): Role {
  switch (s.kind) {
    case 'nginx-site':
      return 'proxy';
    case 'postgres':
    case 'redis':
    case 'sqlite-file':
      return 'data';
    case 'worker':
      return 'worker';
    case 'cron-job':
      return 'cron';
    case 'http-endpoint':
      if (out.length) return 'edge';
      // Behind a proxy it is the proxied app (an nginx upstream); otherwise an API we call.
      if (incoming.includes('proxies-to')) return 'app';
      return incoming.length ? 'external' : 'edge';
    default: {
      // Others use it as their database: a pooler such as PgBouncer belongs to the data tier.
      if (incoming.includes('uses-database') && out.every((l) => DATA_KINDS.has(l.to.kind))) return 'data';
      const proxies = out.filter((l) => l.kind === 'proxies-to');
      if (proxies.length && proxies.length === out.length) {
        return proxies.every((l) => DATA_KINDS.has(l.to.kind)) ? 'data' : 'proxy';
      }
      return 'app';
    }
  }
}

/**
 * The graph of one project (one environment, or all of them) from the inventory's links, with a
 * synthetic Internet node in front of the edge: the CDN / public endpoints when there are any,
 * else the proxies, else the apps nothing else reaches.
 */
export function buildTopology(tree: InventoryTree, projectId: string, environmentId: string | null, health: Record<string, Health> = {}): TopoGraph {
  const project = tree.projects.find((p) => p.id === projectId);
  const envs = tree.environments.filter((e) => e.projectId === projectId && (!environmentId || e.id === environmentId));
  const envName = new Map(envs.map((e) => [e.id, e.name]));
  const services = tree.services.filter((s) => envName.has(s.environmentId));
  const byId = new Map(services.map((s) => [s.id, s]));
  // Two links between the same services (depends_on and DATABASE_URL) are one arrow: the most specific.
  const rank: Record<LinkKind, number> = { 'proxies-to': 0, 'uses-database': 1, 'uses-cache': 2, 'depends-on': 3 };
  const best = new Map<string, InventoryTree['links'][number]>();
  for (const l of tree.links) {
    if (!byId.has(l.fromServiceId) || !byId.has(l.toServiceId)) continue;
    const pair = `${l.fromServiceId}>${l.toServiceId}`;
    const had = best.get(pair);
    if (!had || rank[l.kind] < rank[had.kind]) best.set(pair, l);
  }
  const links = [...best.values()];

  const out = new Map<string, { kind: LinkKind; to: Service }[]>();
  const inKinds = new Map<string, LinkKind[]>();
  for (const l of links) {
    const list = out.get(l.fromServiceId) ?? [];
    list.push({ kind: l.kind, to: byId.get(l.toServiceId)! });
    out.set(l.fromServiceId, list);
    inKinds.set(l.toServiceId, [...(inKinds.get(l.toServiceId) ?? []), l.kind]);
  }

  // A compose project with no links is a grouping, not a box in the request path.
  const drawn = services.filter((s) => s.kind !== 'compose-project' || out.has(s.id) || inKinds.has(s.id));
  const nodes: TopoNode[] = drawn.map((s) => ({
    id: s.id,
    serviceId: s.id,
    label: s.name,
    kind: s.kind,
    role: roleOf(s, out.get(s.id) ?? [], inKinds.get(s.id) ?? []),
    detail: detailOf(s),
    environment: envName.get(s.environmentId) ?? '',
    health: health[s.id] ?? 'unknown',
  }));
  const edges: TopoEdge[] = links.map((l) => ({ id: l.id, source: l.fromServiceId, target: l.toServiceId, kind: l.kind }));

  // Traffic enters at the CDN / public endpoints when the inventory has them; else at every
  // proxy and PaaS app nothing else reaches; else at the apps nothing else reaches.
  const unreached = (n: TopoNode) => !inKinds.has(n.id);
  let entry = nodes.filter((n) => n.role === 'edge' && unreached(n));
  if (!entry.length) entry = nodes.filter((n) => unreached(n) && (n.role === 'proxy' || (n.role === 'app' && n.kind === 'paas-service')));
  if (!entry.length) entry = nodes.filter((n) => n.role === 'app' && unreached(n) && n.kind !== 'compose-project');
  if (nodes.length) {
    nodes.unshift({ id: INTERNET_ID, serviceId: null, label: 'Internet', kind: 'internet', role: 'internet', detail: '', environment: '', health: 'unknown' });
    for (const n of entry) edges.push({ id: `internet-${n.id}`, source: INTERNET_ID, target: n.id, kind: 'internet' });
  }
  const envLabel = environmentId ? (envName.get(environmentId) ?? '') : envs.map((e) => e.name).join(', ');
  return { title: `${project?.name ?? projectId}${envLabel ? ` / ${envLabel}` : ''}`, nodes, edges };
}

/** A synthetic layered graph for the benchmark: n nodes in the diagram's tiers, ~1.3 links each. */
export function syntheticTopology(n: number): TopoGraph {
  const roles: Role[] = ['edge', 'proxy', 'app', 'app', 'app', 'worker', 'data', 'external'];
  const nodes: TopoNode[] = [];
  const edges: TopoEdge[] = [];
  for (let i = 0; i < n; i++) {
    const role = i === 0 ? 'internet' : roles[i % roles.length]!;
    nodes.push({ id: `n${i}`, serviceId: null, label: `${role}-${i}`, kind: role === 'internet' ? 'internet' : 'container', role, detail: 'container', environment: 'production', health: 'unknown' });
  }
  const tier = (r: Role) => ROLE_PARTITION[r];
  for (let i = 1; i < n; i++) {
    const a = nodes[i]!;
    const prev = nodes.slice(Math.max(0, i - 12), i).filter((p) => tier(p.role) < tier(a.role));
    const from = prev[(i * 7) % Math.max(1, prev.length)] ?? nodes[0]!;
    edges.push({ id: `e${i}`, source: from.id, target: a.id, kind: 'depends-on' });
    if (i % 3 === 0 && prev.length > 1) edges.push({ id: `f${i}`, source: prev[(i * 5) % prev.length]!.id, target: a.id, kind: 'depends-on' });
  }
  return { title: `synthetic ${n}`, nodes, edges };
}

/** The same graph with each service node coloured by its health (layout unchanged). */
export function paintHealth(graph: TopoGraph, health: Record<string, Health>): TopoGraph {
  return { ...graph, nodes: graph.nodes.map((n) => (n.serviceId ? { ...n, health: health[n.serviceId] ?? 'unknown' } : n)) };
}
