import { describe, expect, it } from 'vitest';
import { Host } from '../../../src-main/contract';
import { expectAppError, ID_PATTERN, makeInventory } from './inventory-fixture';

const SECRET = 'SUPER-SECRET-value-42';

describe('hosts', () => {
  it('creates a host with contract defaults and secret states, never values', () => {
    const t = makeInventory();
    const { env } = t.projectWithEnv();
    const h = t.make.host({
      environmentId: env.id,
      name: 'web-1',
      address: '203.0.113.10',
      tags: ['nginx', 'pm2'],
      secrets: { privateKey: { action: 'set', value: SECRET }, passphrase: { action: 'keep' } },
    });
    expect(Host.parse(h)).toEqual(h);
    expect(h).toMatchObject({ port: 22, username: 'root', authMethod: 'key', provider: 'vps', credentialId: null, jumpHostId: null, tags: ['nginx', 'pm2'] });
    expect(h.id).toMatch(/^hst_/);
    expect(h.id).toMatch(ID_PATTERN);
    expect(h.secrets.privateKey.isSet).toBe(true);
    expect(h.secrets.privateKey.updatedAt).toBeTruthy();
    expect(h.secrets.password).toEqual({ isSet: false, updatedAt: null });
    expect(t.vault.reveal({ ownerType: 'host', ownerId: h.id, field: 'privateKey' })).toBe(SECRET);

    const entry = t.auditEntries().at(-1)!;
    expect(entry).toMatchObject({ action: 'host.create', targetKind: 'host', targetId: h.id, targetName: 'web-1' });
    expect(entry.details).toBe('privateKey: set; in Acme / production');
  });

  it('updates fields and secrets, recording field names and secret actions only', () => {
    const t = makeInventory();
    const { env } = t.projectWithEnv();
    const h = t.make.host({ environmentId: env.id, name: 'web-1', address: '203.0.113.10', secrets: { privateKey: { action: 'set', value: 'old-key' } } });

    const u = t.update.host({
      id: h.id,
      port: 2222,
      authMethod: 'password',
      notes: 'moved ssh',
      secrets: { password: { action: 'set', value: SECRET }, privateKey: { action: 'delete' }, passphrase: { action: 'delete' } },
    });
    expect(u).toMatchObject({ port: 2222, authMethod: 'password', notes: 'moved ssh', name: 'web-1' });
    expect(u.secrets.password.isSet).toBe(true);
    expect(u.secrets.privateKey.isSet).toBe(false);

    const entry = t.auditEntries().at(-1)!;
    // passphrase was never set: deleting it is not a change.
    expect(entry.details).toBe('fields: port, authMethod, notes; password: set; privateKey: deleted');

    // keep / absent leave secrets alone.
    const v = t.update.host({ id: h.id, name: 'web-01', secrets: { password: { action: 'keep' } } });
    expect(v.secrets.password.isSet).toBe(true);
    expect(t.auditEntries().at(-1)!.details).toBe('fields: name');

    // A secret-only change is still a change.
    t.update.host({ id: h.id, secrets: { password: { action: 'set', value: 'another' } } });
    expect(t.auditEntries().at(-1)!.details).toBe('password: set');

    const everything = JSON.stringify({ audit: t.auditEntries(), tree: t.inv.tree(), events: t.events });
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain('old-key');
    const rows = JSON.stringify(t.sqlRows('SELECT * FROM hosts'));
    expect(rows).not.toContain(SECRET);
  });

  it('keeps host names unique per environment', () => {
    const t = makeInventory();
    const { project, env } = t.projectWithEnv();
    const staging = t.make.environment({ projectId: project.id, name: 'staging' });
    t.make.host({ environmentId: env.id, name: 'db-1', address: '203.0.113.1' });
    t.make.host({ environmentId: staging.id, name: 'db-1', address: '203.0.113.2' });
    const e = expectAppError(() => t.make.host({ environmentId: env.id, name: 'DB-1', address: '203.0.113.3' }), 'CONFLICT');
    expect(e.message).toBe('A host named "DB-1" already exists in Acme / production.');
  });

  it('checks references: environment, credential, jump host', () => {
    const t = makeInventory();
    const { env } = t.projectWithEnv();
    const base = { name: 'x', address: '203.0.113.5' };
    expect(expectAppError(() => t.make.host({ ...base, environmentId: 'env_x' }), 'NOT_FOUND').message).toBe(
      'Environment env_x no longer exists.',
    );
    expectAppError(() => t.make.host({ ...base, environmentId: env.id, credentialId: 'crd_gone' }), 'NOT_FOUND');
    expectAppError(() => t.make.host({ ...base, environmentId: env.id, jumpHostId: 'hst_gone' }), 'NOT_FOUND');
    expect(t.inv.tree().hosts).toEqual([]);
  });

  it('refuses a host as its own jump host, and jump-host loops', () => {
    const t = makeInventory();
    const { env } = t.projectWithEnv();
    const a = t.make.host({ environmentId: env.id, name: 'a', address: '203.0.113.1' });
    const b = t.make.host({ environmentId: env.id, name: 'b', address: '203.0.113.2', jumpHostId: a.id });
    const c = t.make.host({ environmentId: env.id, name: 'c', address: '203.0.113.3', jumpHostId: b.id });
    expect(expectAppError(() => t.update.host({ id: a.id, jumpHostId: a.id }), 'VALIDATION').message).toBe(
      'Host "a" cannot be its own jump host.',
    );
    expect(expectAppError(() => t.update.host({ id: a.id, jumpHostId: c.id }), 'VALIDATION').message).toBe(
      'Jump hosts would form a loop: a → c → b → a.',
    );
    expect(t.update.host({ id: c.id, jumpHostId: a.id }).jumpHostId).toBe(a.id);
  });

  it('moves a host to another environment only when no service there runs on it', () => {
    const t = makeInventory();
    const { project, env } = t.projectWithEnv();
    const staging = t.make.environment({ projectId: project.id, name: 'staging' });
    const h = t.make.host({ environmentId: env.id, name: 'web-1', address: '203.0.113.1' });
    const s = t.make.service({ environmentId: env.id, hostId: h.id, name: 'api', kind: 'pm2-app' });
    const e = expectAppError(() => t.update.host({ id: h.id, environmentId: staging.id }), 'CONFLICT');
    expect(e.message).toContain('(api)');
    t.update.service({ id: s.id, hostId: null });
    expect(t.update.host({ id: h.id, environmentId: staging.id }).environmentId).toBe(staging.id);
    expect(t.auditEntries().at(-1)!.details).toBe('fields: environmentId');
  });

  it('deletes a host: its secrets go, its services and jump users are detached', () => {
    const t = makeInventory();
    const { env } = t.projectWithEnv();
    const bastion = t.make.host({ environmentId: env.id, name: 'bastion', address: '203.0.113.1', authMethod: 'password', secrets: { password: { action: 'set', value: SECRET } } });
    const inner = t.make.host({ environmentId: env.id, name: 'inner', address: '10.0.0.5', jumpHostId: bastion.id });
    const svc = t.make.service({ environmentId: env.id, hostId: bastion.id, name: 'nginx', kind: 'nginx-site' });
    t.inv.deleteHost({ id: bastion.id });
    const tree = t.inv.tree();
    expect(tree.hosts.map((h) => h.id)).toEqual([inner.id]);
    expect(tree.hosts[0]!.jumpHostId).toBeNull();
    expect(tree.services.find((s) => s.id === svc.id)!.hostId).toBeNull();
    expect(t.count('secrets')).toBe(0);
    expect(t.auditEntries().at(-1)!.details).toBe(
      'password: deleted; 1 service(s) left without a host; 1 host(s) no longer use it as jump host',
    );
  });

  it('rolls the whole change back when the vault is locked', () => {
    const t = makeInventory();
    const { env } = t.projectWithEnv();
    const h = t.make.host({ environmentId: env.id, name: 'web-1', address: '203.0.113.1' });
    const auditBefore = t.auditEntries().length;
    const eventsBefore = t.events.length;
    t.vault.lock();

    expectAppError(
      () => t.make.host({ environmentId: env.id, name: 'web-2', address: '203.0.113.2', secrets: { password: { action: 'set', value: SECRET } } }),
      'VAULT_LOCKED',
    );
    expectAppError(
      () => t.update.host({ id: h.id, name: 'renamed', port: 2200, secrets: { privateKey: { action: 'set', value: SECRET } } }),
      'VAULT_LOCKED',
    );
    const tree = t.inv.tree();
    expect(tree.hosts.map((x) => [x.name, x.port])).toEqual([['web-1', 22]]);
    expect(t.count('secrets')).toBe(0);
    expect(t.auditEntries()).toHaveLength(auditBefore);
    expect(t.events).toHaveLength(eventsBefore);

    // Changes without secret values still work while locked.
    expect(t.update.host({ id: h.id, name: 'renamed' }).name).toBe('renamed');
  });
});
