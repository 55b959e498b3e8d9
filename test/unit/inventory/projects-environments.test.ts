import { describe, expect, it } from 'vitest';
import { Environment, Project } from '../../../src-main/contract';
import { expectAppError, ID_PATTERN, makeInventory } from './inventory-fixture';

describe('projects', () => {
  it('creates, updates and lists projects with contract-shaped output', () => {
    const t = makeInventory();
    const p = t.make.project({ name: 'PREXCOL', description: 'Django + React' });
    expect(Project.parse(p)).toEqual(p);
    expect(p.id).toMatch(/^prj_/);
    expect(p.id).toMatch(ID_PATTERN);

    const updated = t.update.project({ id: p.id, name: 'PREXCOL v2' });
    expect(updated.name).toBe('PREXCOL v2');
    expect(updated.description).toBe('Django + React');
    expect(updated.updatedAt >= p.updatedAt).toBe(true);
    expect(t.inv.tree().projects).toEqual([updated]);

    const actions = t.auditEntries().map((a) => [a.action, a.targetId, a.details]);
    expect(actions).toEqual([
      ['project.create', p.id, ''],
      ['project.update', p.id, 'fields: name'],
    ]);
    expect(t.events).toEqual([
      { entity: 'project', id: p.id },
      { entity: 'project', id: p.id },
    ]);
  });

  it('treats an update that changes nothing as no change (no audit, no event)', () => {
    const t = makeInventory();
    const p = t.make.project({ name: 'Same' });
    const again = t.update.project({ id: p.id, name: 'Same', description: '' });
    expect(again).toEqual(p);
    expect(t.auditEntries()).toHaveLength(1);
    expect(t.events).toHaveLength(1);
  });

  it('refuses a second project with the same name, whatever its case', () => {
    const t = makeInventory();
    const a = t.make.project({ name: 'Acme' });
    const e = expectAppError(() => t.make.project({ name: 'ACME' }), 'CONFLICT');
    expect(e.message).toContain('"ACME"');
    const b = t.make.project({ name: 'Other' });
    expectAppError(() => t.update.project({ id: b.id, name: 'acme' }), 'CONFLICT');
    // Renaming a project to its own name in another case is allowed.
    expect(t.update.project({ id: a.id, name: 'ACME' }).name).toBe('ACME');
  });

  it('answers NOT_FOUND with a reload hint for unknown ids', () => {
    const t = makeInventory();
    const e = expectAppError(() => t.update.project({ id: 'prj_missing', name: 'x' }), 'NOT_FOUND');
    expect(e.message).toBe('Project prj_missing no longer exists.');
    expect(e.hint).toBe('Reload the inventory.');
    expectAppError(() => t.inv.deleteProject({ id: 'prj_missing' }), 'NOT_FOUND');
  });

  it('deletes a project with everything in it, including host secrets', () => {
    const t = makeInventory();
    const { project, env } = t.projectWithEnv();
    const staging = t.make.environment({ projectId: project.id, name: 'staging', kind: 'staging' });
    const host = t.make.host({
      environmentId: env.id,
      name: 'web-1',
      address: '203.0.113.10',
      secrets: { privateKey: { action: 'set', value: 'KEY-MATERIAL' } },
    });
    const api = t.make.service({ environmentId: env.id, hostId: host.id, name: 'api', kind: 'pm2-app' });
    const db = t.make.service({ environmentId: env.id, name: 'db', kind: 'postgres' });
    t.make.link({ fromServiceId: api.id, toServiceId: db.id, kind: 'uses-database' });
    t.make.host({ environmentId: staging.id, name: 'web-1', address: '203.0.113.11' });
    const other = t.projectWithEnv('Other');
    t.make.host({ environmentId: other.env.id, name: 'keep', address: '203.0.113.12', jumpHostId: host.id });

    expect(t.count('secrets')).toBe(1);
    expect(t.inv.deleteProject({ id: project.id })).toEqual({ ok: true });

    const tree = t.inv.tree();
    expect(tree.projects.map((p) => p.name)).toEqual(['Other']);
    expect(tree.environments.map((e) => e.id)).toEqual([other.env.id]);
    expect(tree.hosts.map((h) => h.name)).toEqual(['keep']);
    expect(tree.hosts[0]!.jumpHostId).toBeNull();
    expect(tree.services).toEqual([]);
    expect(tree.links).toEqual([]);
    expect(t.count('secrets')).toBe(0);

    const last = t.auditEntries().at(-1)!;
    expect(last.action).toBe('project.delete');
    expect(last.details).toBe('also deleted 2 environments, 2 hosts, 2 services, 1 link');
  });
});

describe('environments', () => {
  it('creates, renames and orders environments, production first', () => {
    const t = makeInventory();
    const p = t.make.project({ name: 'Acme' });
    const staging = t.make.environment({ projectId: p.id, name: 'staging', kind: 'staging' });
    const prod = t.make.environment({ projectId: p.id, name: 'production' });
    expect(Environment.parse(prod)).toEqual(prod);
    expect(prod.kind).toBe('production');
    expect(prod.id).toMatch(ID_PATTERN);
    expect(t.inv.tree().environments.map((e) => e.name)).toEqual(['production', 'staging']);

    const renamed = t.update.environment({ id: staging.id, name: 'preprod', kind: 'preview' });
    expect(renamed).toMatchObject({ name: 'preprod', kind: 'preview', projectId: p.id });
    const entry = t.auditEntries().at(-1)!;
    expect(entry).toMatchObject({ action: 'environment.update', targetName: 'Acme / preprod', details: 'fields: name, kind' });
  });

  it('keeps names unique within a project only', () => {
    const t = makeInventory();
    const a = t.make.project({ name: 'A' });
    const b = t.make.project({ name: 'B' });
    t.make.environment({ projectId: a.id, name: 'production' });
    t.make.environment({ projectId: b.id, name: 'production' });
    const e = expectAppError(() => t.make.environment({ projectId: a.id, name: 'Production' }), 'CONFLICT');
    expect(e.message).toContain('project "A"');
  });

  it('needs an existing project', () => {
    const t = makeInventory();
    const e = expectAppError(() => t.make.environment({ projectId: 'prj_gone', name: 'production' }), 'NOT_FOUND');
    expect(e.message).toBe('Project prj_gone no longer exists.');
  });

  it('deletes an environment with its hosts, services, links and secrets only', () => {
    const t = makeInventory();
    const { project, env } = t.projectWithEnv();
    const staging = t.make.environment({ projectId: project.id, name: 'staging' });
    const h = t.make.host({
      environmentId: env.id,
      name: 'db-1',
      address: 'db-1.example.com',
      authMethod: 'password',
      secrets: { password: { action: 'set', value: 'pw-1' } },
    });
    t.make.service({ environmentId: env.id, hostId: h.id, name: 'pg', kind: 'postgres' });
    const keep = t.make.host({ environmentId: staging.id, name: 'db-1', address: 'db-2.example.com', authMethod: 'password', secrets: { password: { action: 'set', value: 'pw-2' } } });

    t.inv.deleteEnvironment({ id: env.id });
    const tree = t.inv.tree();
    expect(tree.environments.map((e) => e.name)).toEqual(['staging']);
    expect(tree.hosts.map((x) => x.id)).toEqual([keep.id]);
    expect(tree.hosts[0]!.secrets.password.isSet).toBe(true);
    expect(tree.services).toEqual([]);
    expect(t.count('secrets')).toBe(1);
    expect(t.auditEntries().at(-1)).toMatchObject({
      action: 'environment.delete',
      targetName: 'Acme / production',
      details: 'also deleted 1 host, 1 service',
    });
    expect(t.events.at(-1)).toEqual({ entity: 'environment', id: env.id });
  });
});
