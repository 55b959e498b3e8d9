import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DraftEnvVar, DraftLink, DraftService } from '../../../../src-main/contract';
import { composeImporter, composeProjectName } from '../../../../src-main/core/importers/compose';
import type { ImportFile } from '../../../../src-main/core/importers/types';

const FIXTURES = resolve(__dirname, '../../../fixtures/importers/compose');
/** A fixture with its path relative to the compose fixture folder, as an import would name it. */
const fixture = (_format: string, path: string): ImportFile => ({ path, content: readFileSync(join(FIXTURES, path), 'utf8') });
const fixtureFolder = (_format: string, folder: string): ImportFile[] =>
  readdirSync(join(FIXTURES, folder)).map((name) => fixture('compose', `${folder}/${name}`));

const files = fixtureFolder('compose', 'full');
const main = files.find((f) => f.path === 'full/docker-compose.yml')!;
const part = composeImporter.parse(main, files);
const svc = (name: string) => part.services.find((s) => s.name === name)!;
const envOf = (name: string) => part.envVars.filter((e) => e.serviceKey === svc(name).key);
const linksFrom = (name: string) => part.links.filter((l) => l.fromKey === svc(name).key);
const warningsMatching = (re: RegExp) => part.warnings.filter((w) => re.test(w.message));

describe('compose importer', () => {
  it('detects compose files by name and by content', () => {
    expect(composeImporter.detect({ path: 'x/docker-compose.yml', content: '' })).toBe(true);
    expect(composeImporter.detect({ path: 'compose.yaml', content: '' })).toBe(true);
    expect(composeImporter.detect({ path: 'docker-compose.prod.yaml', content: '' })).toBe(true);
    expect(composeImporter.detect({ path: 'deploy/docker-stack.yml', content: '' })).toBe(true);
    expect(composeImporter.detect({ path: 'app.yaml', content: 'services:\n  web:\n    image: nginx\n' })).toBe(true);
    expect(composeImporter.detect({ path: 'render.yaml', content: 'services:\n  - type: web\n    name: api\n' })).toBe(false);
    expect(composeImporter.detect({ path: 'railway.json', content: '{}' })).toBe(false);
  });

  it('drafts valid items only', () => {
    expect(part.errors).toEqual([]);
    for (const s of part.services) DraftService.parse(s);
    for (const l of part.links) DraftLink.parse(l);
    for (const e of part.envVars) DraftEnvVar.parse(e);
  });

  it('makes one compose-project service (top-level name) plus one service per compose service', () => {
    const project = part.services.find((s) => s.kind === 'compose-project')!;
    expect(project).toMatchObject({ key: 'compose:shopfront', name: 'shopfront', config: { composeProject: 'shopfront', composeFile: 'full/docker-compose.yml' } });
    expect(project.notes).toContain('volumes: pgdata');
    expect(project.notes).toContain('secrets: stripe_key (from ./stripe.txt)');
    expect(part.services.map((s) => s.name).sort()).toEqual(['api', 'cache', 'db', 'proxy', 'shopfront', 'worker']);
    expect(svc('api').key).toBe('compose:shopfront/api');
    expect(svc('api').source).toEqual({ file: 'full/docker-compose.yml', line: 26, column: 3 });
  });

  it('picks kinds from images: postgres, valkey → redis, nginx stays a container (a proxy)', () => {
    expect(svc('db').kind).toBe('postgres');
    expect(svc('cache').kind).toBe('redis');
    expect(svc('proxy').kind).toBe('container');
    expect(svc('proxy').notes).toContain('reverse proxy');
    expect(svc('api').kind).toBe('container');
  });

  it('reads ports (short with host ip, long), command, working_dir, container_name, replicas, healthcheck', () => {
    expect(svc('api').config).toMatchObject({
      port: 8080,
      command: 'node dist/server.js',
      workingDir: '/srv/app',
      containerName: 'shop-api',
      replicas: 3,
      healthPath: '/healthz',
    });
    expect(svc('api').notes).toContain('ports: 127.0.0.1:8080:3000, 9229:9229');
    expect(svc('api').notes).toContain('healthcheck: curl -f http://localhost:3000/healthz (every 30s)');
    expect(svc('db').notes).toContain('healthcheck: pg_isready -U postgres');
    expect(svc('proxy').config.port).toBe(80);
  });

  it('follows extends across files, with !override and !reset', () => {
    // api extends node-base from base.yml: inherits TZ, DEBUG is reset, stop_grace_period noted.
    const api = envOf('api').map((e) => e.name);
    expect(api).toContain('TZ');
    expect(api).not.toContain('DEBUG');
    expect(svc('api').notes).toContain('image: node:20-alpine');
    expect(svc('api').notes).toMatch(/also sets: .*stop_grace_period/);
    // worker extends api in the same file: own command replaces, ports reset, env merged.
    const worker = svc('worker');
    expect(worker.config.command).toBe('node dist/worker.js');
    // ports are reset; the port still known is the one the inherited healthcheck probes.
    expect(worker.notes).not.toContain('ports:');
    expect(worker.config.port).toBe(3000);
    expect(worker.config.containerName).toBe('shop-worker');
    expect(worker.config.replicas).toBe(3);
    expect(envOf('worker').map((e) => e.name)).toEqual(expect.arrayContaining(['QUEUE', 'NODE_ENV', 'DATABASE_URL', 'TZ']));
  });

  it('applies YAML anchors and merge keys (<<) and ignores x- extension fields silently', () => {
    expect(svc('api').notes).toContain('restart: unless-stopped');
    expect(envOf('api').find((e) => e.name === 'NODE_ENV')?.value).toBe('production');
    expect(part.warnings.some((w) => w.message.includes('x-'))).toBe(false);
  });

  it('notes profiles without making them environments', () => {
    expect(svc('cache').notes).toContain('profiles: cache');
    expect(svc('cache').environment).toBeNull();
    expect(part.environments).toEqual([]);
  });

  it('reads env_file siblings, keeps secret values out, and marks declared-only variables missing', () => {
    const api = envOf('api');
    const session = api.find((e) => e.name === 'SESSION_SECRET')!;
    expect(session).toMatchObject({ secret: true, value: null, missing: false, source: { file: 'full/api.env', line: 2 } });
    expect(api.find((e) => e.name === 'PUBLIC_URL')).toMatchObject({ secret: false, value: 'https://shop.example.com' });
    expect(api.find((e) => e.name === 'FEATURE_FLAGS')?.value).toBe('beta,new-cart');
    expect(api.find((e) => e.name === 'EMPTY_ONE')).toMatchObject({ missing: true, value: null });
    expect(api.find((e) => e.name === 'UNSET_HERE')).toMatchObject({ missing: true, value: null });
    // A URL with user:password@ is a secret whatever its name.
    expect(api.find((e) => e.name === 'DATABASE_URL')).toMatchObject({ secret: true, value: null });
    expect(envOf('db').find((e) => e.name === 'POSTGRES_PASSWORD')).toMatchObject({ secret: true, value: null });
    expect(JSON.stringify(part)).not.toContain('hunter2');
    expect(JSON.stringify(part)).not.toContain('s3cret-value');
    expect(JSON.stringify(part)).not.toContain('abc123');
    expect(svc('api').notes).toContain('optional env_file ./optional.env not imported');
  });

  it('links depends_on (database, cache), env URLs and proxies', () => {
    const api = linksFrom('api');
    expect(api).toContainEqual(expect.objectContaining({ toKey: svc('db').key, kind: 'uses-database', reason: 'depends_on (condition: service_healthy); DATABASE_URL → db' }));
    expect(api).toContainEqual(expect.objectContaining({ toKey: svc('cache').key, kind: 'uses-cache' }));
    expect(api.find((l) => l.toKey === svc('cache').key)?.reason).toContain('(optional)');
    expect(linksFrom('proxy')).toEqual([expect.objectContaining({ toKey: svc('api').key, kind: 'proxies-to', reason: 'depends_on' })]);
    // API_HOST=shop-backend: a network alias of api.
    expect(linksFrom('worker')).toContainEqual(expect.objectContaining({ toKey: svc('api').key, kind: 'depends-on', reason: 'API_HOST → shop-backend' }));
    for (const l of part.links) expect(l.reason).not.toContain('hunter2');
  });

  it('notes volumes, networks and secrets', () => {
    expect(svc('db').notes).toContain('volumes: pgdata:/var/lib/postgresql/data');
    expect(svc('api').notes).toContain('networks: backend');
    expect(svc('api').notes).toContain('secrets: stripe_key');
    expect(svc('proxy').notes).toContain('./nginx.conf:/etc/nginx/nginx.conf (bind)');
  });

  it('warns, with file and line, about what it does not understand or cannot find', () => {
    expect(warningsMatching(/unknown key 'frobnicate'/)).toEqual([expect.objectContaining({ severity: 'warning', format: 'compose', file: 'full/docker-compose.yml', line: 67, column: 5 })]);
    expect(warningsMatching(/missing\.env is not among the imported files/)).toHaveLength(1);
    expect(warningsMatching(/missing\.env/)[0].line).toBe(88);
    expect(warningsMatching(/env_file: not a NAME=value line/)).toEqual([expect.objectContaining({ file: 'full/api.env', line: 6 })]);
  });

  it('warns when extends points at a file the import does not include', () => {
    const alone = composeImporter.parse(main, [main]);
    expect(alone.errors).toEqual([]);
    const w = alone.warnings.find((x) => x.message.includes('base.yml'));
    expect(w).toMatchObject({ line: 28, message: expect.stringContaining("extends 'node-base' from ./base.yml, which is not among the imported files") });
    expect(alone.services.find((s) => s.name === 'api')).toBeDefined();
  });

  it('reads Swarm stack files: replicas, mysql as a container with a database role, traefik routing, host env links', () => {
    const stack = composeImporter.parse(fixture('compose', 'docker-stack.yml'), []);
    const by = (n: string) => stack.services.find((s) => s.name === n)!;
    expect(stack.errors).toEqual([]);
    expect(by('vote').config).toMatchObject({ replicas: 2, port: 5000 });
    expect(by('db').kind).toBe('container');
    expect(by('db').notes).toContain('MySQL database');
    expect(by('redis').kind).toBe('redis');
    expect(stack.links).toContainEqual(expect.objectContaining({ fromKey: by('web').key, toKey: by('db').key, kind: 'uses-database', reason: 'DB_HOST → db' }));
    expect(stack.links).toContainEqual(expect.objectContaining({ fromKey: by('web').key, toKey: by('redis').key, kind: 'uses-cache', reason: 'CACHE_URL → redis' }));
    expect(stack.links).toContainEqual(expect.objectContaining({ fromKey: by('traefik').key, toKey: by('web').key, kind: 'proxies-to', reason: 'traefik labels' }));
    expect(stack.services.find((s) => s.kind === 'compose-project')?.notes).toContain('version: 3.8 (obsolete');
    expect(stack.warnings).toEqual([]);
  });

  it.each([
    ['broken-indent.yml', 4, 1, /^YAML: /],
    ['not-compose.yml', 1, 1, /top level is a list/],
    ['services-list.yml', 2, 3, /services is a list/],
    ['laughs.yml', undefined, undefined, /too many values after expanding aliases/],
  ])('a broken file (%s) gives exactly one located error and nothing else', (name, line, column, message) => {
    const broken = composeImporter.parse(fixture('compose', name), []);
    expect(broken.errors).toHaveLength(1);
    const [err] = broken.errors;
    expect(err).toMatchObject({ severity: 'error', format: 'compose', file: name });
    expect(err.message).toMatch(message);
    if (line !== undefined) expect(err).toMatchObject({ line, column });
    expect(err.line).toBeGreaterThan(0);
    expect(err.column).toBeGreaterThan(0);
    expect([...broken.services, ...broken.links, ...broken.envVars, ...broken.warnings]).toEqual([]);
  });

  it('names the project like Compose: declared name, folder for standard names, else the file stem', () => {
    expect(composeProjectName({ path: 'Shop Front/docker-compose.yml', content: '' }, undefined)).toBe('shopfront');
    expect(composeProjectName({ path: 'a/compose.yaml', content: '' }, '${PROJECT:-demo}')).toBe('demo');
    expect(composeProjectName({ path: 'a/postgres.yaml', content: '' }, undefined)).toBe('postgres');
  });
});
