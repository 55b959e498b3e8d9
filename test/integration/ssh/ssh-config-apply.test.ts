import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, CallName, Host, HostKeyInfo, InventoryTree, SshConfigApplyOutput, SshConfigPlanOutput } from '../../../src-main/contract';
import { composeApp, type ComposedApp } from '../../../src-main/ipc/compose';
import type { CallContext } from '../../../src-main/ipc/types';

/**
 * sshConfig.plan / sshConfig.apply through the router: three hosts from an ssh config (one behind
 * a ProxyJump to another, one on a non-default port) and a hashed known_hosts line for one of them.
 */
const ED = 'AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';
const ED_OTHER = 'AAAAC3NzaC1lZDI1NTE5AAAAIHyLu6ntJ1YGffr6PbEt5YgjVUN0y+IbOxgNOXdWWcf+';

function hashed(name: string): string {
  const salt = randomBytes(20);
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}

const CONFIG = `
Host bastion
  HostName bastion.example.com
  User ops

Host app-1
  HostName 10.0.0.5
  User deploy
  ProxyJump bastion
  IdentityFile ~/.ssh/id_app

Host db-1
  HostName db.example.com
  Port 2222
`;
// app-1 is behind the jump host: its key is written under its address as OpenSSH records it.
const KNOWN_HOSTS = `${hashed('10.0.0.5')} ssh-ed25519 ${ED}\n[elsewhere.example]:2200 ssh-ed25519 ${ED_OTHER}\n`;

let app: ComposedApp;
let dataDir: string;
const ctx: CallContext = { connectionId: 'test', send: () => {} };

async function call<T>(name: CallName, input: unknown): Promise<T> {
  const r = await app.dispatch(name, input, ctx);
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'opsdeck-sshcfg-'));
  app = await composeApp({ dataDir, host: 'serve', version: 'test', envKey: 'c3'.repeat(32) });
});
afterAll(() => {
  app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('sshConfig.plan / sshConfig.apply', () => {
  const target = { newProjectName: 'Fleet', environmentName: 'production' };

  it('plans the three hosts and the hashed known_hosts key', async () => {
    const p = await call<SshConfigPlanOutput>('sshConfig.plan', { configText: CONFIG, knownHostsText: KNOWN_HOSTS, target });
    expect(p.draft.hosts.map((h) => h.name)).toEqual(['bastion', 'app-1', 'db-1']);
    expect(p.plan.items.filter((i) => i.entity === 'host').map((i) => [i.key, i.action])).toEqual([
      ['host:ssh:bastion', 'add'],
      ['host:ssh:app-1', 'add'],
      ['host:ssh:db-1', 'add'],
    ]);
    expect(p.details.find((d) => d.hostKey === 'ssh:app-1')?.jumpHostKey).toBe('ssh:bastion');
    const hashedKey = p.knownKeys.find((k) => k.hashed)!;
    expect(hashedKey.hostKeys).toEqual(['ssh:app-1']);
    // plan writes nothing
    expect((await call<InventoryTree>('inventory.tree', {})).hosts).toHaveLength(0);
  });

  it('applies: hosts with their fields, the jump host linked, the key trusted, all audited', async () => {
    const p = await call<SshConfigPlanOutput>('sshConfig.plan', { configText: CONFIG, knownHostsText: KNOWN_HOSTS, target });
    const selectedKeys = p.plan.items.filter((i) => i.action !== 'unchanged').map((i) => i.key);
    const out = await call<SshConfigApplyOutput>('sshConfig.apply', { configText: CONFIG, knownHostsText: KNOWN_HOSTS, target, selectedKeys });
    expect(out.merge?.added.hosts).toBe(3);
    expect(out.merge?.projectCreated).toBe(true);
    expect(out.jumpHostsLinked).toBe(1);
    expect(out.keyProblems).toEqual([]);
    expect(out.trustedKeys.map((k) => k.hostName)).toEqual(['app-1']);

    const tree = await call<InventoryTree>('inventory.tree', {});
    const by = (n: string) => tree.hosts.find((h) => h.name === n) as Host;
    expect(by('bastion')).toMatchObject({ address: 'bastion.example.com', port: 22, username: 'ops', jumpHostId: null, environmentId: out.environmentId });
    expect(by('app-1')).toMatchObject({ address: '10.0.0.5', port: 22, username: 'deploy', jumpHostId: by('bastion').id });
    expect(by('db-1')).toMatchObject({ address: 'db.example.com', port: 2222, username: 'root', jumpHostId: null });
    // IdentityFile paths only go to notes; no private key is read or stored
    expect(by('app-1').notes).toContain('~/.ssh/id_app');
    expect(by('app-1').secrets.privateKey.isSet).toBe(false);

    const key = await call<HostKeyInfo | null>('hosts.knownKey', { id: by('app-1').id });
    expect(key).toMatchObject({ hostId: by('app-1').id, algorithm: 'ssh-ed25519', source: 'known_hosts', address: '10.0.0.5', port: 22 });
    expect(key!.fingerprint).toBe(out.trustedKeys[0]!.fingerprint);
    expect(await call('hosts.knownKey', { id: by('db-1').id })).toBeNull();
    expect(await call('hosts.knownKey', { id: by('bastion').id })).toBeNull();

    const audit = await call<AuditEntry[]>('audit.list', {});
    const actions = audit.map((a) => `${a.action} ${a.targetName}`);
    expect(actions).toContain('inventory.import Fleet / production');
    expect(actions).toContain('host.update app-1');
    expect(actions).toContain('host.key.import app-1');
    expect(JSON.stringify(audit)).not.toContain(ED);
  });

  it('applies again: nothing to merge, jump host and key stay, nothing audited twice', async () => {
    const tree = await call<InventoryTree>('inventory.tree', {});
    const project = tree.projects.find((x) => x.name === 'Fleet')!;
    const again = { projectId: project.id, environmentName: 'production' };
    const before = (await call<AuditEntry[]>('audit.list', {})).length;
    const p = await call<SshConfigPlanOutput>('sshConfig.plan', { configText: CONFIG, knownHostsText: KNOWN_HOSTS, target: again });
    expect(p.plan.items.filter((i) => i.entity === 'host').every((i) => i.action === 'unchanged')).toBe(true);
    const out = await call<SshConfigApplyOutput>('sshConfig.apply', {
      configText: CONFIG,
      knownHostsText: KNOWN_HOSTS,
      target: again,
      selectedKeys: ['host:ssh:bastion', 'host:ssh:app-1', 'host:ssh:db-1'],
    });
    expect(out.merge).toBeNull();
    expect(out.jumpHostsLinked).toBe(0);
    expect(out.trustedKeys.map((k) => k.hostName)).toEqual(['app-1']);
    expect((await call<AuditEntry[]>('audit.list', {})).length).toBe(before);
  });

  it('refuses a draft-shaped or oversized input', async () => {
    const r = await app.dispatch('sshConfig.apply', { configText: CONFIG, knownHostsText: '', target, selectedKeys: [], draft: {} }, ctx);
    expect(r.ok).toBe(false);
    // the browser host never reads ~/.ssh itself
    const local = await app.dispatch('sshConfig.plan', { local: true, target }, ctx);
    expect(local.ok).toBe(false);
    if (!local.ok) expect(local.error.code).toBe('FORBIDDEN');
    const big = await app.dispatch('sshConfig.plan', { configText: 'x'.repeat(262_145), knownHostsText: '', target }, ctx);
    expect(big.ok).toBe(false);
  });
});
