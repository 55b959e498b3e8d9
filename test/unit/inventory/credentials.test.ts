import { describe, expect, it } from 'vitest';
import { Credential } from '../../../src-main/contract';
import { expectAppError, ID_PATTERN, makeInventory } from './inventory-fixture';

const TOKEN = 'tok_LIVE_do-not-leak_9f8e7d';

describe('credentials', () => {
  it('creates, updates and deletes a credential; values stay in the vault', () => {
    const t = makeInventory();
    const c = t.make.credential({
      name: 'deploy key',
      kind: 'ssh-key',
      username: 'deploy',
      secrets: { value: { action: 'set', value: TOKEN }, passphrase: { action: 'set', value: 'pass-phrase' } },
    });
    expect(Credential.parse(c)).toEqual(c);
    expect(c.id).toMatch(/^crd_/);
    expect(c.id).toMatch(ID_PATTERN);
    expect(c.secrets.value.isSet).toBe(true);
    expect(c.secrets.passphrase.isSet).toBe(true);
    expect(t.vault.reveal({ ownerType: 'credential', ownerId: c.id, field: 'value' })).toBe(TOKEN);
    expect(t.auditEntries().at(-1)!.details).toBe('value: set; passphrase: set; kind: ssh-key');

    const u = t.update.credential({ id: c.id, notes: 'rotated', secrets: { passphrase: { action: 'delete' }, value: { action: 'keep' } } });
    expect(u.secrets).toMatchObject({ value: { isSet: true }, passphrase: { isSet: false, updatedAt: null } });
    expect(t.auditEntries().at(-1)!.details).toBe('fields: notes; passphrase: deleted');

    expect(t.inv.deleteCredential({ id: c.id })).toEqual({ ok: true });
    expect(t.inv.tree().credentials).toEqual([]);
    expect(t.count('secrets')).toBe(0);
    expect(t.auditEntries().at(-1)!.details).toBe('value: deleted');

    const all = JSON.stringify({ audit: t.auditEntries(), events: t.events, tree: t.inv.tree() });
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain('pass-phrase');
  });

  it('keeps credential names unique', () => {
    const t = makeInventory();
    t.make.credential({ name: 'Render token', kind: 'api-token' });
    expectAppError(() => t.make.credential({ name: 'render TOKEN', kind: 'generic' }), 'CONFLICT');
  });

  it('unlinks hosts and services when their credential is deleted', () => {
    const t = makeInventory();
    const { env } = t.projectWithEnv();
    const c = t.make.credential({ name: 'ops key', kind: 'ssh-key' });
    const h = t.make.host({ environmentId: env.id, name: 'web-1', address: '203.0.113.1', credentialId: c.id });
    const s = t.make.service({ environmentId: env.id, name: 'db', kind: 'postgres', credentialId: c.id });
    expect(h.credentialId).toBe(c.id);

    t.inv.deleteCredential({ id: c.id });
    const tree = t.inv.tree();
    expect(tree.hosts.find((x) => x.id === h.id)!.credentialId).toBeNull();
    expect(tree.services.find((x) => x.id === s.id)!.credentialId).toBeNull();
    expect(t.auditEntries().at(-1)!.details).toBe('unlinked from 1 host(s) and 1 service(s)');
  });

  it('rolls back a credential whose secret cannot be written', () => {
    const t = makeInventory();
    t.vault.lock();
    expectAppError(() => t.make.credential({ name: 'db url', kind: 'database-url', secrets: { value: { action: 'set', value: TOKEN } } }), 'VAULT_LOCKED');
    expect(t.inv.tree().credentials).toEqual([]);
    expect(t.auditEntries()).toEqual([]);
  });
});
