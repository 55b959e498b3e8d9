import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DraftEnvVar, DraftLink, DraftService } from '../../../../src-main/contract';
import { renderImporter } from '../../../../src-main/core/importers/render';
import type { ImportFile } from '../../../../src-main/core/importers/types';

const FIXTURES = resolve(__dirname, '../../../fixtures/importers/render');
/** A fixture with its path relative to the format's fixture folder, as an import would name it. */
const fixture = (_format: string, path: string): ImportFile => ({ path, content: readFileSync(join(FIXTURES, path), 'utf8') });

const file = fixture('render', 'render.yaml');
const part = renderImporter.parse(file, [file]);
const svc = (name: string) => part.services.find((s) => s.name === name)!;
const env = (service: string, name: string) => part.envVars.find((e) => e.serviceKey === svc(service).key && e.name === name)!;
const warn = (re: RegExp) => part.warnings.filter((w) => re.test(w.message));

describe('render importer', () => {
  it('detects render.yaml by name and Blueprint-shaped YAML by content', () => {
    expect(renderImporter.detect({ path: 'repo/render.yaml', content: '' })).toBe(true);
    expect(renderImporter.detect({ path: 'blueprint.yml', content: 'services:\n  - type: web\n    name: api\n' })).toBe(true);
    expect(renderImporter.detect({ path: 'b.yaml', content: 'projects:\n  - name: shop\n' })).toBe(true);
    expect(renderImporter.detect({ path: 'docker-compose.yml', content: 'services:\n  web:\n    image: nginx\n' })).toBe(false);
  });

  it('drafts valid items only, all on the render platform', () => {
    expect(part.errors).toEqual([]);
    for (const s of part.services) {
      DraftService.parse(s);
      expect(s.config.platform).toBe('render');
    }
    for (const l of part.links) DraftLink.parse(l);
    for (const e of part.envVars) DraftEnvVar.parse(e);
  });

  it('maps service types to kinds', () => {
    expect(svc('api').kind).toBe('paas-service');
    expect(svc('jobs').kind).toBe('worker');
    expect(svc('nightly-report').kind).toBe('cron-job');
    expect(svc('search').kind).toBe('paas-service');
    expect(svc('search').notes).toContain('private service');
    expect(svc('site').kind).toBe('paas-service');
    expect(svc('site').notes).toContain('static site');
    expect(svc('cache').kind).toBe('redis');
    expect(svc('main-db')).toMatchObject({ kind: 'postgres', config: { platform: 'render', databaseName: 'shop' } });
  });

  it('reads commands, health path, schedule, instances, port, plan and region', () => {
    expect(svc('api').config).toMatchObject({ command: 'npm start', healthPath: '/healthz', replicas: 2, port: 3000 });
    expect(svc('api').notes).toContain('plan: starter');
    expect(svc('api').notes).toContain('region: frankfurt');
    expect(svc('api').notes).toContain('domains: api.example.com');
    expect(svc('jobs').config.replicas).toBe(1);
    expect(svc('jobs').notes).toContain('autoscaling: 1–4 instances');
    expect(svc('nightly-report').config).toMatchObject({ schedule: '0 3 * * *', command: './report.sh' });
    expect(svc('search').notes).toContain('image: docker.io/getmeili/meilisearch:v1.8');
    expect(svc('search').notes).toContain('disk: data at /meili_data (10 GB)');
    expect(svc('main-db').notes).toContain('PostgreSQL 16');
    expect(svc('api').source).toMatchObject({ file: 'render.yaml', line: 18, column: 5 });
  });

  it('links fromDatabase (uses-database), fromService keyvalue (uses-cache) and others (depends-on)', () => {
    const from = part.links.filter((l) => l.fromKey === svc('api').key);
    expect(from).toContainEqual(
      expect.objectContaining({ toKey: svc('main-db').key, kind: 'uses-database', reason: 'DATABASE_URL fromDatabase main-db.connectionString; DB_NAME fromDatabase main-db.database' }),
    );
    expect(from).toContainEqual(expect.objectContaining({ toKey: svc('cache').key, kind: 'uses-cache' }));
    expect(from).toContainEqual(expect.objectContaining({ toKey: svc('search').key, kind: 'depends-on', reason: 'SEARCH_HOSTPORT fromService search.hostport' }));
    expect(from).toContainEqual(expect.objectContaining({ toKey: svc('jobs').key, kind: 'depends-on', reason: 'SHARED_TOKEN fromService jobs.WORKER_TOKEN' }));
    expect(from.find((l) => l.kind === 'uses-database')?.source.line).toBe(31);
  });

  it('keeps secrets as names only: generateValue, sync:false (missing), connection strings', () => {
    expect(env('api', 'DATABASE_URL')).toMatchObject({ secret: true, value: null, missing: false });
    expect(env('api', 'DB_NAME')).toMatchObject({ secret: false, value: null, missing: false });
    expect(env('api', 'SESSION_SECRET')).toMatchObject({ secret: true, value: null, missing: false });
    expect(env('api', 'STRIPE_KEY')).toMatchObject({ secret: true, value: null, missing: true });
    expect(env('api', 'SHARED_TOKEN')).toMatchObject({ secret: true, value: null });
    expect(env('api', 'PORT')).toMatchObject({ secret: false, value: '3000' });
    expect(env('api', 'API_MODE').value).toBe('live');
    expect(svc('api').notes).toContain('API_MODE has its own value in preview environments');
  });

  it('brings env group variables to the services that use them; keeps unused groups unattached', () => {
    expect(env('api', 'LOG_LEVEL')).toMatchObject({ value: 'info', source: { line: 8 } });
    expect(env('api', 'SENTRY_DSN')).toMatchObject({ secret: true, missing: true });
    expect(env('jobs', 'LOG_LEVEL').value).toBe('info');
    expect(svc('api').notes).toContain('env group: shared-settings');
    expect(part.envVars.find((e) => e.serviceKey === null && e.name === 'FEATURE_X')).toMatchObject({ value: 'on' });
    expect(warn(/fromGroup 'dashboard-only-group' is not defined/)).toEqual([expect.objectContaining({ line: 62, column: 9 })]);
  });

  it('turns enabled previews into a preview environment and notes them on services', () => {
    expect(part.environments).toEqual(['preview']);
    expect(svc('api').environment).toBeNull();
    expect(svc('api').notes).toContain('preview environments: automatic, expire after 5 days');
  });

  it('warns with the line of keys outside the Blueprint specification', () => {
    expect(warn(/unknown key 'turbo'/)).toEqual([expect.objectContaining({ severity: 'warning', format: 'render', file: 'render.yaml', line: 63, column: 5 })]);
    expect(part.warnings).toHaveLength(2);
  });

  it('gives project environments their own services, resolving references inside each environment', () => {
    const p = renderImporter.parse(fixture('render', 'render-projects.yaml'), []);
    expect(p.errors).toEqual([]);
    expect(p.environments).toEqual(['production', 'staging']);
    const apis = p.services.filter((s) => s.name === 'api');
    expect(apis.map((s) => [s.key, s.environment])).toEqual([
      ['render:production/api', 'production'],
      ['render:staging/api', 'staging'],
    ]);
    expect(p.links.map((l) => `${l.fromKey}→${l.toKey}`)).toEqual(['render:production/api→render:production/db', 'render:staging/api→render:staging/db']);
    expect(p.services.find((s) => s.key === 'render:production/api')?.notes).toContain('project: shop');
  });

  it('reads legacy keys: previewsEnabled, env, type redis; host env values link too', () => {
    const p = renderImporter.parse(fixture('render', 'legacy-previews.yaml'), []);
    expect(p.errors).toEqual([]);
    expect(p.environments).toEqual(['preview']);
    expect(p.services.find((s) => s.name === 'queue')?.kind).toBe('redis');
    expect(p.services.find((s) => s.name === 'app')?.notes).toContain('runtime: ruby');
    expect(p.links).toEqual([expect.objectContaining({ fromKey: 'render:app', toKey: 'render:queue', kind: 'uses-cache', reason: 'REDIS_HOST → queue' })]);
  });

  it.each([
    ['broken.yaml', /^YAML: /],
    ['wrong-shape.yaml', /services is a mapping, expected a list/],
    ['not-blueprint.yaml', /not a Render Blueprint/],
  ])('a broken file (%s) gives exactly one located error and nothing else', (name, message) => {
    const p = renderImporter.parse(fixture('render', name), []);
    expect(p.errors).toHaveLength(1);
    expect(p.errors[0]).toMatchObject({ severity: 'error', format: 'render', file: name });
    expect(p.errors[0].message).toMatch(message);
    expect(p.errors[0].line).toBeGreaterThan(0);
    expect(p.errors[0].column).toBeGreaterThan(0);
    expect([...p.services, ...p.links, ...p.envVars, ...p.warnings]).toEqual([]);
  });
});
