import { describe, expect, it } from 'vitest';
import type { InventoryTree, Service } from '../../../src-main/contract';
import { toMermaid } from '../../../src-renderer/features/topology/mermaid-export';
import { buildTopology } from '../../../src-renderer/features/topology/topology-model';

const T = '2026-01-01T00:00:00.000Z';
const svc = (id: string, name: string, kind: Service['kind'], config: Service['config'] = {}): Service => ({
  id, environmentId: 'env_a', hostId: null, name, kind, config, credentialId: null, notes: '', createdAt: T, updatedAt: T,
});

function tree(): InventoryTree {
  return {
    projects: [{ id: 'prj_a', name: 'Shop', description: '', createdAt: T, updatedAt: T }],
    environments: [{ id: 'env_a', projectId: 'prj_a', name: 'production', kind: 'production', createdAt: T, updatedAt: T }],
    hosts: [],
    services: [
      svc('svc_cdn', 'cloudflare', 'http-endpoint'),
      svc('svc_web', 'web', 'nginx-site', { port: 443 }),
      svc('svc_api', 'api', 'pm2-app', { port: 3000 }),
      svc('svc_pool', 'pgbouncer', 'container', { port: 6432 }),
      svc('svc_db', 'db', 'postgres', { port: 5432 }),
      svc('svc_mail', 'sendgrid', 'http-endpoint'),
      svc('svc_cron', 'backup', 'cron-job', { schedule: '0 3 * * *' }),
    ],
    links: [
      ['svc_cdn', 'proxies-to', 'svc_web'],
      ['svc_web', 'proxies-to', 'svc_api'],
      ['svc_api', 'uses-database', 'svc_pool'],
      ['svc_api', 'depends-on', 'svc_pool'],
      ['svc_pool', 'uses-database', 'svc_db'],
      ['svc_api', 'depends-on', 'svc_mail'],
      ['svc_cron', 'uses-database', 'svc_db'],
    ].map(([f, k, t], i) => ({ id: `lnk_${i}`, fromServiceId: f!, toServiceId: t!, kind: k as never, createdAt: T })),
    credentials: [],
  };
}

describe('topology model', () => {
  it('assigns tiers from kinds and links, and lets traffic in at the CDN', () => {
    const g = buildTopology(tree(), 'prj_a', 'env_a');
    const role = Object.fromEntries(g.nodes.map((n) => [n.label, n.role]));
    expect(role).toEqual({ Internet: 'internet', cloudflare: 'edge', web: 'proxy', api: 'app', pgbouncer: 'data', db: 'data', sendgrid: 'external', backup: 'cron' });
    expect(g.edges.filter((e) => e.kind === 'internet').map((e) => e.target)).toEqual(['svc_cdn']);
    // Two links between api and pgbouncer draw one arrow, the more specific one.
    expect(g.edges.filter((e) => e.source === 'svc_api' && e.target === 'svc_pool').map((e) => e.kind)).toEqual(['uses-database']);
  });

  it('exports a Mermaid flowchart like the seed documents', () => {
    const m = toMermaid(buildTopology(tree(), 'prj_a', 'env_a'));
    expect(m.startsWith('flowchart LR\n')).toBe(true);
    expect(m).toContain('Internet((Internet))');
    expect(m).toContain('db[("db<br/><small>postgres · :5432</small>")]');
    expect(m).toContain('Internet --> cloudflare');
    expect(m).toContain('web --> api');
    expect(m).toContain('api -->|db| pgbouncer');
    expect(m).toContain('api -.-> sendgrid');
    expect(m).toMatch(/subgraph tier_data\["Data"\]/);
  });
});
