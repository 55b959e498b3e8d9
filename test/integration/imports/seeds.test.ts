import { describe, expect, it } from 'vitest';
import { importFiles } from '../../../src-main/core/importers';
import { readImportPaths } from '../../../src-main/core/importers/read-paths';
import { defaultSelection } from '../../../src-main/core/inventory-merge';
import { makeMergeWorld } from '../../unit/inventory-merge/merge-fixture';

/**
 * Each seed system's files (test/fixtures/seeds/<system>, written from its document in
 * shared/seeds) import without errors, and the links of the resulting inventory are the edges
 * the document draws — as far as those files can say (a CDN or an external API appears in no
 * config file). Edges are [from, kind, to] by service name; "kind" may be a list of accepted kinds.
 */
type Edge = readonly [string, string | readonly string[], string];

interface Seed {
  folder: string;
  project: string;
  /** The diagram of the document, reduced to what the files describe. */
  edges: readonly Edge[];
  services: readonly string[];
}

const SEEDS: readonly Seed[] = [
  {
    // 001: CLOUDFLARE → NGINX → {API :3001, WebSocket :3002, Cron} → {PostgreSQL, PgBouncer, Redis}
    folder: 'servistech',
    project: 'SERVISTECH ERP v4',
    services: ['servistech', 'postgres', 'pgbouncer', 'redis', 'api', 'websocket', 'nginx', 'cron'],
    edges: [
      ['nginx', 'proxies-to', 'api'],
      ['nginx', 'proxies-to', 'websocket'],
      ['api', ['uses-database', 'depends-on'], 'pgbouncer'],
      ['api', 'uses-cache', 'redis'],
      ['websocket', ['uses-database', 'depends-on'], 'pgbouncer'],
      ['websocket', ['uses-cache', 'depends-on'], 'redis'],
      ['pgbouncer', ['uses-database', 'proxies-to'], 'postgres'],
      ['cron', 'uses-database', 'postgres'],
    ],
  },
  {
    // 002: RENDER WEB SERVICE → RENDER POSTGRES, RENDER REDIS (TLS) → BACKGROUND WORKER (Celery worker + beat)
    folder: 'studiozens',
    project: 'StudioZens',
    services: ['studiozens-backend', 'studiozens-db', 'studiozens-redis', 'studiozens-celery-worker', 'studiozens-celery-beat'],
    edges: [
      ['studiozens-backend', 'uses-database', 'studiozens-db'],
      ['studiozens-backend', 'uses-cache', 'studiozens-redis'],
      ['studiozens-celery-worker', ['uses-cache', 'depends-on'], 'studiozens-redis'],
      ['studiozens-celery-worker', 'uses-database', 'studiozens-db'],
      ['studiozens-celery-beat', ['uses-cache', 'depends-on'], 'studiozens-redis'],
      ['studiozens-celery-beat', 'uses-database', 'studiozens-db'],
    ],
  },
  {
    // 000 (mermaid, production): CF → Static (Netlify) ; CF → LB → App1/App2 (Railway). The
    // frontend reaches the API through its /api/* proxy redirect; railway.json names no domain,
    // PostgreSQL or Redis (Railway plugins), so the backend stands alone.
    folder: 'prexcol',
    project: 'PREXCOL',
    services: ['prexcol', 'api.prexcol.com', 'prexcol-railway'],
    edges: [['prexcol', ['depends-on', 'proxies-to'], 'api.prexcol.com']],
  },
  {
    // 003: nginx upstream stock_management (3 instances) ; the app on Heroku with its PostgreSQL.
    folder: 'inventario',
    project: 'Gestión de Inventario',
    services: ['stock-management-app', 'DATABASE', 'tu-dominio.com', 'upstream stock_management'],
    edges: [
      ['tu-dominio.com', 'proxies-to', 'upstream stock_management'],
      ['stock-management-app', 'uses-database', 'DATABASE'],
    ],
  },
  {
    // 004: INTERNET → NGINX (443, TLS) → localhost:3000 → PM2 → NODE.JS APPLICATION
    folder: 'ia-comercial',
    project: 'IA Comercial',
    services: ['tuempresa.com', 'ia-comercial'],
    edges: [['tuempresa.com', 'proxies-to', 'ia-comercial']],
  },
];

describe('seed fixtures import into the topology their documents draw', () => {
  for (const seed of SEEDS) {
    it(`${seed.folder}: no errors, the documented services and links`, () => {
      const files = readImportPaths([`test/fixtures/seeds/${seed.folder}`]);
      expect(files.length).toBeGreaterThan(0);
      const draft = importFiles(files);
      expect(draft.errors, JSON.stringify(draft.errors, null, 1)).toEqual([]);
      expect(draft.warnings.filter((w) => w.format === 'unknown'), 'every file is read by an importer').toEqual([]);

      const { merge, inv } = makeMergeWorld();
      const target = { newProjectName: seed.project, environmentName: 'production' };
      const plan = merge.planMerge(draft, target);
      const sum = merge.applyMerge(draft, plan, defaultSelection(plan), target);
      expect(sum.skipped).toEqual([]);

      const tree = inv.tree();
      const name = new Map(tree.services.map((s) => [s.id, s.name]));
      expect(tree.services.map((s) => s.name).sort()).toEqual([...seed.services].sort());
      const links = tree.links.map((l) => ({ from: name.get(l.fromServiceId)!, kind: l.kind as string, to: name.get(l.toServiceId)! }));
      for (const [from, kind, to] of seed.edges) {
        const kinds = typeof kind === 'string' ? [kind] : kind;
        expect(
          links.some((l) => l.from === from && l.to === to && kinds.includes(l.kind)),
          `${from} ${kinds.join('|')} ${to} in ${JSON.stringify(links)}`,
        ).toBe(true);
      }
      // And no link the document does not draw.
      const pairs = new Set(seed.edges.map(([f, , t]) => `${f}→${t}`));
      expect(links.filter((l) => !pairs.has(`${l.from}→${l.to}`))).toEqual([]);
    });
  }
});
