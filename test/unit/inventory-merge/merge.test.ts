import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-main/contract';
import { defaultSelection, environmentKindFor } from '../../../src-main/core/inventory-merge';
import { makeMergeWorld, sampleDraft, svc } from './merge-fixture';

const target = { newProjectName: 'ERP', environmentName: 'production' };

describe('planMerge', () => {
  it('plans a new project: environment, services and links are all "add", with provenance', () => {
    const { merge } = makeMergeWorld();
    const plan = merge.planMerge(sampleDraft(), target);
    expect(plan.projectId).toBeNull();
    expect(plan.items.map((i) => `${i.entity}:${i.action}`)).toEqual([
      'environment:add',
      'service:add',
      'service:add',
      'service:add',
      'service:add',
      'link:add',
      'link:add',
      'link:add',
    ]);
    const api = plan.items.find((i) => i.key === 'service:compose:api')!;
    expect(api.source).toEqual({ file: 'docker-compose.yml', line: 10 });
    expect(plan.items.find((i) => i.entity === 'link')!.key).toBe('link:compose:nginx→compose:api:proxies-to');
  });

  it('refuses a new project whose name is taken', () => {
    const { merge, inv } = makeMergeWorld();
    inv.createProject({ name: 'erp', description: '' });
    expect(() => merge.planMerge(sampleDraft(), target)).toThrow(AppError);
  });

  it('matches by name, PM2 name and container name; marks unchanged and changed fields', () => {
    const { merge, inv } = makeMergeWorld();
    const p = inv.createProject({ name: 'ERP', description: '' });
    const env = inv.createEnvironment({ projectId: p.id, name: 'production', kind: 'production' });
    const base = { environmentId: env.id, hostId: null, credentialId: null, notes: '' };
    inv.createService({ ...base, name: 'nginx', kind: 'container', config: { containerName: 'nginx', port: 443 } });
    inv.createService({ ...base, name: 'backend', kind: 'container', config: { containerName: 'api', port: 3000 } });
    const plan = merge.planMerge(sampleDraft(), { projectId: p.id, environmentId: env.id });
    const by = (k: string) => plan.items.find((i) => i.key === k)!;
    expect(by('service:compose:nginx').action).toBe('unchanged');
    const api = by('service:compose:api');
    expect(api.action).toBe('update');
    expect(api.existingId).toBeTruthy();
    expect(api.changes).toEqual(expect.arrayContaining(['config.port', 'config.replicas', 'env.NODE_ENV', 'env.JWT_SECRET']));
    expect(api.changes).not.toContain('config.containerName');
    expect(by('service:compose:db').action).toBe('add');
    expect(plan.items.some((i) => i.entity === 'environment')).toBe(false);
  });
});

describe('applyMerge', () => {
  it('writes the selected items in one audited transaction, env vars without secret values', () => {
    const { merge, inv, audit, events, rows } = makeMergeWorld();
    const draft = sampleDraft();
    const plan = merge.planMerge(draft, target);
    const sum = merge.applyMerge(draft, plan, defaultSelection(plan), target);
    expect(sum.projectCreated).toBe(true);
    expect(sum.added).toEqual({ environments: 1, hosts: 0, services: 4, links: 3, envVars: 2 });
    const tree = inv.tree();
    expect(tree.services.map((s) => s.name).sort()).toEqual(['api', 'nginx', 'postgres', 'redis']);
    expect(tree.links).toHaveLength(3);
    const vars = rows('SELECT name, secret, missing, value, source FROM service_env_vars ORDER BY name');
    expect(vars).toEqual([
      { name: 'JWT_SECRET', secret: 1, missing: 1, value: null, source: 'docker-compose.yml:15' },
      { name: 'NODE_ENV', secret: 0, missing: 0, value: 'production', source: 'docker-compose.yml:14' },
    ]);
    const entries = audit.list({ limit: 10 });
    expect(entries).toHaveLength(1);
    expect(entries[0]!.action).toBe('inventory.import');
    expect(entries[0]!.details).toContain('added 1 environments, 4 services, 3 links, 2 envVars');
    expect(events).toEqual([{ entity: 'inventory', id: null }]);

    // Importing the same files again changes nothing.
    const again = merge.planMerge(draft, { projectId: sum.projectId, environmentId: sum.environmentId });
    expect(again.items.every((i) => i.action === 'unchanged')).toBe(true);
    expect(() => merge.applyMerge(draft, again, defaultSelection(again), { projectId: sum.projectId, environmentId: sum.environmentId })).toThrow(/Nothing to import/);
  });

  it('adds a link only when both ends exist or are selected', () => {
    const { merge, inv } = makeMergeWorld();
    const draft = sampleDraft();
    const plan = merge.planMerge(draft, target);
    const picked = defaultSelection(plan).filter((k) => k !== 'service:compose:db');
    const sum = merge.applyMerge(draft, plan, picked, target);
    expect(sum.added.links).toBe(2);
    expect(sum.skipped).toEqual([{ key: 'link:compose:api→compose:db:uses-database', reason: expect.stringContaining('compose:db') }]);
    expect(inv.tree().services.map((s) => s.name)).not.toContain('postgres');
  });

  it('rolls everything back when one item breaks a rule', () => {
    const { merge, inv, audit } = makeMergeWorld();
    const draft = sampleDraft();
    draft.services.push(svc('compose:bad', '   ', 'container', {}, 40));
    const plan = merge.planMerge(draft, target);
    expect(() => merge.applyMerge(draft, plan, defaultSelection(plan), target)).toThrow(/docker-compose.yml:40/);
    expect(inv.tree().projects).toHaveLength(0);
    expect(audit.list({ limit: 10 })).toHaveLength(0);
  });

  it('updates only the changed config fields and keeps the rest', () => {
    const { merge, inv } = makeMergeWorld();
    const p = inv.createProject({ name: 'ERP', description: '' });
    const env = inv.createEnvironment({ projectId: p.id, name: 'production', kind: 'production' });
    const s = inv.createService({ environmentId: env.id, hostId: null, credentialId: null, notes: 'hand notes', name: 'api', kind: 'container', config: { port: 3000, healthPath: '/health' } });
    const t = { projectId: p.id, environmentId: env.id };
    const draft = sampleDraft();
    const plan = merge.planMerge(draft, t);
    merge.applyMerge(draft, plan, ['service:compose:api'], t);
    const after = inv.tree().services.find((x) => x.id === s.id)!;
    expect(after.config).toEqual({ port: 3001, healthPath: '/health', containerName: 'api', replicas: 2 });
    expect(after.notes).toBe('hand notes');
    expect(inv.tree().services).toHaveLength(1);
  });

  it('names environment kinds', () => {
    expect(environmentKindFor('production')).toBe('production');
    expect(environmentKindFor('staging')).toBe('staging');
    expect(environmentKindFor('deploy-preview')).toBe('preview');
    expect(environmentKindFor('self-hosted')).toBe('other');
  });
});
