import { describe, expect, it } from 'vitest';
import { importFiles } from '../../../src-main/core/importers';
import { readImportPaths } from '../../../src-main/core/importers/read-paths';
import { defaultSelection } from '../../../src-main/core/inventory-merge';
import { makeMergeWorld } from '../../unit/inventory-merge/merge-fixture';

/**
 * Each seed system's files (test/fixtures/seeds/<system>, written from its document in
 * shared/seeds) import without errors, and the links of the resulting inventory are the edges
 * the document draws. Edges are [from, kind, to] by service name; "kind" may be a list of
 * accepted kinds. What the files cannot say is listed in `excluded`, each with its reason, and
 * must stay absent (so a fake never creeps in); what the files add beyond the diagram, because
 * the document's text says it, is in `extra`.
 */
type Edge = readonly [string, string | readonly string[], string];
type Excluded = readonly [from: string, to: string, reason: string];

interface Seed {
  folder: string;
  project: string;
  /** The diagram of the document: every edge the files can express. */
  edges: readonly Edge[];
  /** Edges the files draw that the diagram leaves out but the document's text states. */
  extra?: readonly Edge[];
  /** Diagram edges no file of these formats can express (by diagram node names). */
  excluded: readonly Excluded[];
  services: readonly string[];
}

const SEEDS: readonly Seed[] = [
  {
    // 001: CLOUDFLARE → NGINX → {API :3001, WebSocket :3002, Cron} → {PostgreSQL, PgBouncer, Redis}
    folder: 'servistech',
    project: 'SERVISTECH ERP v4',
    services: ['servistech', 'postgres', 'pgbouncer', 'redis', 'api', 'websocket', 'nginx', 'cron', 'AWS S3', 'Slack'],
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
    extra: [
      // "Backup a S3 con notificaciones"; pre-deploy: "Verificar acceso a servicios externos (AWS S3, Slack)"
      ['cron', 'depends-on', 'AWS S3'],
      ['cron', 'depends-on', 'Slack'],
    ],
    excluded: [
      ['CLOUDFLARE', 'nginx', 'Cloudflare is DNS + CDN in front of the VPS, configured in its dashboard; no config file names it'],
      ['nginx', 'cron', 'the diagram draws Cron under NGINX, but nginx does not proxy to the cron container (it takes no requests)'],
    ],
  },
  {
    // 002: RENDER WEB SERVICE → RENDER POSTGRES, RENDER REDIS (TLS) → BACKGROUND WORKER (Celery
    // worker + beat); WEB SERVICE → SERVICIOS EXTERNOS (Twilio, Wompi, Gemini, Sentry, SendGrid, Cloudinary optional)
    folder: 'studiozens',
    project: 'StudioZens',
    services: [
      'studiozens-backend', 'studiozens-db', 'studiozens-redis', 'studiozens-celery-worker', 'studiozens-celery-beat',
      'Twilio', 'Wompi', 'Gemini API', 'SendGrid', 'Sentry',
    ],
    edges: [
      ['studiozens-backend', 'uses-database', 'studiozens-db'],
      ['studiozens-backend', 'uses-cache', 'studiozens-redis'],
      // drawn Redis → worker (the broker feeds it); the link is the worker's use of the broker
      ['studiozens-celery-worker', ['uses-cache', 'depends-on'], 'studiozens-redis'],
      ['studiozens-celery-beat', ['uses-cache', 'depends-on'], 'studiozens-redis'],
      ['studiozens-backend', 'depends-on', 'Twilio'],
      ['studiozens-backend', 'depends-on', 'Wompi'],
      ['studiozens-backend', 'depends-on', 'Gemini API'],
      ['studiozens-backend', 'depends-on', 'SendGrid'],
      ['studiozens-backend', 'depends-on', 'Sentry'],
    ],
    extra: [
      // the workers' DATABASE_URL (django_celery_beat's DatabaseScheduler, task results)
      ['studiozens-celery-worker', 'uses-database', 'studiozens-db'],
      ['studiozens-celery-beat', 'uses-database', 'studiozens-db'],
    ],
    excluded: [
      ['FRONTEND', 'studiozens-backend', 'the browser client at estudiozens.com is not a service of the blueprint (only its domains are)'],
      ['studiozens-backend', 'Cloudinary', '"opcional" in the document; no variable of the blueprint configures it'],
    ],
  },
  {
    // 000 (mermaid, production): CF → Static (Netlify), CF → LB → App1/App2; App → PG, Redis_Prod,
    // S3, Gateway, Sentry; Beat/Worker1/Worker2 → Redis_Prod; Worker → SendGrid, Sentry; PG → PG_Backup.
    folder: 'prexcol',
    project: 'PREXCOL',
    services: ['prexcol', 'backend', 'celery-worker', 'celery-beat', 'Postgres', 'Redis', 'AWS S3', 'Sentry', 'SendGrid'],
    edges: [
      ['backend', 'uses-database', 'Postgres'],
      ['backend', 'uses-cache', 'Redis'],
      ['backend', 'depends-on', 'AWS S3'],
      ['backend', 'depends-on', 'Sentry'],
      ['celery-beat', 'uses-cache', 'Redis'],
      ['celery-worker', 'uses-cache', 'Redis'],
      ['celery-worker', 'depends-on', 'SendGrid'],
      ['celery-worker', 'depends-on', 'Sentry'],
    ],
    extra: [
      // the path browser → CF → LB → App, with CF out: the SPA's /api/* proxy to api.prexcol.com,
      // the host the backend's ALLOWED_HOSTS answers to
      ['prexcol', ['depends-on', 'proxies-to'], 'backend'],
    ],
    excluded: [
      ['CF', 'Static / LB', 'Cloudflare (DNS + CDN) is configured in its dashboard; no config file names it'],
      ['LB', 'App1 / App2', "Railway's balancer across numReplicas = 2: one service with 2 replicas, not two nodes"],
      ['Worker1', 'Worker2', 'the two Celery workers are celery-worker with numReplicas = 2'],
      ['Static', 'Build', "Netlify's build pipeline, not a service"],
      ['PG', 'PG_Backup', "the managed database's automated backups; no file configures them"],
      ['App', 'Gateway', 'the document names no payment provider and no variable for it'],
    ],
  },
  {
    // 003 (no diagram): nginx upstream stock_management = 3 instances of the app on 5000-5002
    // (gunicorn.conf.py binds :5000) in front; the app with its PostgreSQL (Heroku add-on).
    folder: 'inventario',
    project: 'Gestión de Inventario',
    services: ['stock-management-app', 'DATABASE', 'tu-dominio.com'],
    edges: [
      ['tu-dominio.com', 'proxies-to', 'stock-management-app'],
      ['stock-management-app', 'uses-database', 'DATABASE'],
    ],
    excluded: [
      ['stock-management-app', 'Redis', '"Cache con Redis" is optional (REDIS_URL read only if set) and no file provisions it'],
    ],
  },
  {
    // 004: INTERNET → NGINX (443, TLS) → localhost:3000 → PM2 → NODE.JS APPLICATION → SQLite
    // db/leads.db; → EXTERNAL APIS (OpenAI, WhatsApp Cloud API, Instagram Messaging, Gmail SMTP)
    folder: 'ia-comercial',
    project: 'IA Comercial',
    services: ['tuempresa.com', 'ia-comercial', 'leads.db', 'OpenAI API', 'WhatsApp Cloud API', 'Instagram Messaging API', 'Gmail SMTP'],
    edges: [
      ['tuempresa.com', 'proxies-to', 'ia-comercial'],
      ['ia-comercial', 'uses-database', 'leads.db'],
      ['ia-comercial', 'depends-on', 'OpenAI API'],
      ['ia-comercial', 'depends-on', 'WhatsApp Cloud API'],
      ['ia-comercial', 'depends-on', 'Instagram Messaging API'],
      ['ia-comercial', 'depends-on', 'Gmail SMTP'],
    ],
    excluded: [
      ['INTERNET', 'UFW', 'the firewall (ufw allow 22/80/443) is host state, not in any imported file'],
      ['cron', 'leads.db', 'the daily 3 AM backup is a line of the system crontab (crontab -e); Opsdeck imports no crontab'],
    ],
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
      for (const [from, kind, to] of seed.extra ?? []) {
        const kinds = typeof kind === 'string' ? [kind] : kind;
        expect(links.some((l) => l.from === from && l.to === to && kinds.includes(l.kind)), `extra ${from} → ${to}`).toBe(true);
      }
      // And no link the document does not draw (or state), nor one listed as not expressible.
      const pairs = new Set([...seed.edges, ...(seed.extra ?? [])].map(([f, , t]) => `${f}→${t}`));
      expect(links.filter((l) => !pairs.has(`${l.from}→${l.to}`))).toEqual([]);
      for (const [from, to, reason] of seed.excluded) {
        expect(reason.length, `${from} → ${to} says why it is left out`).toBeGreaterThan(10);
        expect(links.some((l) => l.from === from && l.to === to), `${from} → ${to} is listed as not expressible`).toBe(false);
      }
    });
  }
});
