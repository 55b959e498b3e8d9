import { describe, expect, it } from 'vitest';
import { Link, Service } from '../../../src-main/contract';
import { expectAppError, ID_PATTERN, makeInventory } from './inventory-fixture';

describe('services', () => {
  it('creates and updates services with their config', () => {
    const t = makeInventory();
    const { env } = t.projectWithEnv();
    const h = t.make.host({ environmentId: env.id, name: 'droplet', address: '203.0.113.40' });
    const s = t.make.service({
      environmentId: env.id,
      hostId: h.id,
      name: 'ia-comercial',
      kind: 'pm2-app',
      config: { pm2Name: 'ia-comercial', port: 3000, healthPath: '/health/detailed' },
    });
    expect(Service.parse(s)).toEqual(s);
    expect(s.id).toMatch(/^svc_/);
    expect(s.id).toMatch(ID_PATTERN);
    expect(t.auditEntries().at(-1)!.details).toBe('kind: pm2-app; in Acme / production');

    const u = t.update.service({ id: s.id, config: { pm2Name: 'ia-comercial', port: 3001 }, notes: 'port moved' });
    expect(u.config).toEqual({ pm2Name: 'ia-comercial', port: 3001 });
    expect(t.auditEntries().at(-1)).toMatchObject({ action: 'service.update', details: 'fields: config, notes' });
    expect(t.inv.tree().services).toEqual([u]);

    // PaaS or external: no host.
    const paas = t.make.service({ environmentId: env.id, name: 'backend', kind: 'paas-service', config: { platform: 'render' } });
    expect(paas.hostId).toBeNull();
  });

  it('keeps service names unique per environment', () => {
    const t = makeInventory();
    const { project, env } = t.projectWithEnv();
    const staging = t.make.environment({ projectId: project.id, name: 'staging' });
    const a = t.make.service({ environmentId: env.id, name: 'api', kind: 'container' });
    t.make.service({ environmentId: staging.id, name: 'api', kind: 'container' });
    expectAppError(() => t.make.service({ environmentId: env.id, name: 'API', kind: 'container' }), 'CONFLICT');
    const b = t.make.service({ environmentId: env.id, name: 'worker', kind: 'worker' });
    expectAppError(() => t.update.service({ id: b.id, name: 'api' }), 'CONFLICT');
    expect(t.update.service({ id: a.id, name: 'Api' }).name).toBe('Api');
  });

  it('runs a service only on a host of its own environment', () => {
    const t = makeInventory();
    const { project, env } = t.projectWithEnv();
    const staging = t.make.environment({ projectId: project.id, name: 'staging' });
    const stagingHost = t.make.host({ environmentId: staging.id, name: 'stg-1', address: '203.0.113.9' });
    const e = expectAppError(
      () => t.make.service({ environmentId: env.id, hostId: stagingHost.id, name: 'api', kind: 'pm2-app' }),
      'VALIDATION',
    );
    expect(e.message).toContain('Host "stg-1" is in Acme / staging');
    const s = t.make.service({ environmentId: env.id, name: 'api', kind: 'pm2-app' });
    expectAppError(() => t.update.service({ id: s.id, hostId: stagingHost.id }), 'VALIDATION');
    expectAppError(() => t.update.service({ id: s.id, hostId: 'hst_gone' }), 'NOT_FOUND');
    expectAppError(() => t.update.service({ id: s.id, credentialId: 'crd_gone' }), 'NOT_FOUND');
    expectAppError(() => t.make.service({ environmentId: 'env_gone', name: 'x', kind: 'redis' }), 'NOT_FOUND');
  });

  it('deletes a service with its links', () => {
    const t = makeInventory();
    const { env } = t.projectWithEnv();
    const a = t.make.service({ environmentId: env.id, name: 'nginx', kind: 'nginx-site' });
    const b = t.make.service({ environmentId: env.id, name: 'api', kind: 'container' });
    const c = t.make.service({ environmentId: env.id, name: 'db', kind: 'postgres' });
    t.make.link({ fromServiceId: a.id, toServiceId: b.id, kind: 'proxies-to' });
    t.make.link({ fromServiceId: b.id, toServiceId: c.id, kind: 'uses-database' });
    t.inv.deleteService({ id: b.id });
    const tree = t.inv.tree();
    expect(tree.services.map((s) => s.name)).toEqual(['db', 'nginx']);
    expect(tree.links).toEqual([]);
    expect(t.auditEntries().at(-1)).toMatchObject({ action: 'service.delete', details: 'also deleted 2 link(s)' });
  });
});

describe('links', () => {
  function setup() {
    const t = makeInventory();
    const { project, env } = t.projectWithEnv();
    const nginx = t.make.service({ environmentId: env.id, name: 'nginx', kind: 'nginx-site' });
    const api = t.make.service({ environmentId: env.id, name: 'api', kind: 'pm2-app' });
    return { t, project, env, nginx, api };
  }

  it('creates and deletes a link', () => {
    const { t, nginx, api } = setup();
    const l = t.make.link({ fromServiceId: nginx.id, toServiceId: api.id, kind: 'proxies-to' });
    expect(Link.parse(l)).toEqual(l);
    expect(l.id).toMatch(/^lnk_/);
    expect(l.id).toMatch(ID_PATTERN);
    expect(t.auditEntries().at(-1)).toMatchObject({ action: 'link.create', targetName: 'nginx proxies-to api' });
    // The same pair with another kind is another link.
    t.make.link({ fromServiceId: nginx.id, toServiceId: api.id, kind: 'depends-on' });
    expect(t.inv.deleteLink({ id: l.id })).toEqual({ ok: true });
    expect(t.inv.tree().links.map((x) => x.kind)).toEqual(['depends-on']);
    expect(t.auditEntries().at(-1)).toMatchObject({ action: 'link.delete', targetName: 'nginx proxies-to api' });
    expectAppError(() => t.inv.deleteLink({ id: l.id }), 'NOT_FOUND');
  });

  it('refuses duplicates, self-links, missing services and links between projects', () => {
    const { t, nginx, api } = setup();
    t.make.link({ fromServiceId: nginx.id, toServiceId: api.id, kind: 'proxies-to' });
    const dup = expectAppError(() => t.make.link({ fromServiceId: nginx.id, toServiceId: api.id, kind: 'proxies-to' }), 'CONFLICT');
    expect(dup.message).toBe('Service "nginx" already has a proxies-to link to "api".');
    expectAppError(() => t.make.link({ fromServiceId: api.id, toServiceId: api.id, kind: 'depends-on' }), 'VALIDATION');
    expectAppError(() => t.make.link({ fromServiceId: api.id, toServiceId: 'svc_gone', kind: 'depends-on' }), 'NOT_FOUND');
    const other = t.projectWithEnv('Other');
    const foreign = t.make.service({ environmentId: other.env.id, name: 'db', kind: 'postgres' });
    const e = expectAppError(() => t.make.link({ fromServiceId: api.id, toServiceId: foreign.id, kind: 'uses-database' }), 'VALIDATION');
    expect(e.message).toContain('different projects');
    expect(t.inv.tree().links).toHaveLength(1);
  });

  it('allows links across environments of one project (the self-check reports them)', () => {
    const { t, project, api } = setup();
    const staging = t.make.environment({ projectId: project.id, name: 'staging' });
    const shared = t.make.service({ environmentId: staging.id, name: 'shared-redis', kind: 'redis' });
    expect(t.make.link({ fromServiceId: api.id, toServiceId: shared.id, kind: 'uses-cache' }).kind).toBe('uses-cache');
  });
});
