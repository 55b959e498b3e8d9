import { ROLE_ORDER, type Role, type TopoGraph, type TopoNode } from './topology-model';

const ROLE_TITLE: Record<Role, string> = {
  internet: 'Internet',
  edge: 'Internet / CDN',
  proxy: 'Proxy',
  app: 'Apps',
  worker: 'Workers',
  cron: 'Cron jobs',
  data: 'Data',
  external: 'External services',
};

/** Mermaid ids: letters, digits and underscores, never a keyword. */
function idOf(n: TopoNode, used: Map<string, string>, taken: Set<string>): string {
  const hit = used.get(n.id);
  if (hit) return hit;
  let base = n.label.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(\d)/, 'n$1') || 'node';
  if (/^(end|graph|subgraph|flowchart|style|class|click|default)$/i.test(base)) base = `${base}_`;
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}_${i}`;
  taken.add(id);
  used.set(n.id, id);
  return id;
}

/** Text inside ["…"]: quotes and angle brackets as Mermaid entities. */
const text = (s: string) => s.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');

function shape(n: TopoNode, id: string): string {
  const label = n.detail ? `${text(n.label)}<br/><small>${text(n.detail)}</small>` : text(n.label);
  if (n.role === 'internet') return `${id}((${text(n.label)}))`;
  if (n.role === 'data') return `${id}[("${label}")]`;
  if (n.role === 'external') return `${id}(["${label}"])`;
  if (n.role === 'cron') return `${id}{{"${label}"}}`;
  return `${id}["${label}"]`;
}

/**
 * The diagram as a Mermaid flowchart, the way the seed documents draw theirs: one subgraph per
 * tier, left to right, links labelled with their kind (proxies-to drawn plain, depends-on dotted).
 */
export function toMermaid(g: TopoGraph, direction: 'LR' | 'TD' = 'LR'): string {
  const used = new Map<string, string>();
  const taken = new Set<string>();
  const lines = [`flowchart ${direction}`, `    %% ${g.title.replace(/[\r\n]/g, ' ')} (Opsdeck)`];
  for (const role of ROLE_ORDER) {
    const members = g.nodes.filter((n) => n.role === role);
    if (!members.length) continue;
    if (role === 'internet') {
      for (const n of members) lines.push(`    ${shape(n, idOf(n, used, taken))}`);
      continue;
    }
    lines.push(`    subgraph tier_${role}["${ROLE_TITLE[role]}"]`);
    for (const n of members) lines.push(`        ${shape(n, idOf(n, used, taken))}`);
    lines.push('    end');
  }
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  for (const e of g.edges) {
    const a = byId.get(e.source);
    const b = byId.get(e.target);
    if (!a || !b) continue;
    const from = idOf(a, used, taken);
    const to = idOf(b, used, taken);
    if (e.kind === 'internet' || e.kind === 'proxies-to') lines.push(`    ${from} --> ${to}`);
    else if (e.kind === 'depends-on') lines.push(`    ${from} -.-> ${to}`);
    else lines.push(`    ${from} -->|${e.kind === 'uses-database' ? 'db' : 'cache'}| ${to}`);
  }
  return lines.join('\n') + '\n';
}
