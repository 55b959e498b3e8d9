import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capabilities, startDroplet, type Droplet } from '../../fleet';
import { cmd } from '../../../src-main/core/connectors/ssh';
import { SshManager } from '../../../src-main/core/connectors/ssh/ssh-manager';
import { addHost, expectCode, sshdLog, tempCore, trust } from './ssh-helpers';

/** Every way to log in, through the real vault, against real sshd droplets. */
let d: Droplet;
let jump: Droplet;
let t: Awaited<ReturnType<typeof tempCore>>;

beforeAll(async () => {
  [d, jump] = await Promise.all([startDroplet({ name: 'ssh-auth' }), startDroplet({ name: 'ssh-jump' })]);
  t = await tempCore();
});
afterAll(async () => {
  t?.done();
  await Promise.all([d?.stop(), jump?.stop()]);
});

async function whoami(hostId: string, ssh: SshManager = t.core.ssh): Promise<string> {
  const r = await ssh.exec(hostId, cmd('id', '-un'));
  expect(r.code).toBe(0);
  return r.stdout.trim();
}

describe('SSH auth methods (real sshd)', () => {
  it('logs in with a private key from the vault', async () => {
    const h = addHost(t.core, t.envId, d, 'key');
    await trust(t.core, h.id, d);
    expect(await whoami(h.id)).toBe(d.user);
    expect(sshdLog(d)).toMatch(new RegExp(`Accepted publickey for ${d.user}`));
  });

  it.skipIf(!capabilities.passwordAuth)('logs in with a password from the vault', async () => {
    const h = addHost(t.core, t.envId, d, 'password');
    await trust(t.core, h.id, d);
    expect(await whoami(h.id)).toBe(d.user);
    expect(sshdLog(d)).toMatch(new RegExp(`Accepted password for ${d.user}`));
  });

  it('logs in with an encrypted key and its passphrase', async () => {
    const h = addHost(t.core, t.envId, d, 'encrypted-key');
    await trust(t.core, h.id, d);
    expect(await whoami(h.id)).toBe(d.user);
  });

  it('logs in through the SSH agent', async () => {
    const h = addHost(t.core, t.envId, d, 'agent');
    const ssh = new SshManager({ keys: keysOf(), inventory: inventoryOf(), secrets: t.core.vault, audit: t.core.audit, agent: d.agentSocket });
    try {
      await ssh.trustKey(h.id, d.hostKeyFingerprint);
      expect(await whoami(h.id, ssh)).toBe(d.user);
    } finally {
      ssh.close();
    }
  });

  it('logs in with a shared credential (ssh-key kind)', async () => {
    const cred = t.core.inventory.createCredential({ name: 'deploy key', kind: 'ssh-key', username: '', notes: '', secrets: { value: { action: 'set', value: d.clientKey } } });
    const h = addHost(t.core, t.envId, d, 'key', { credentialId: cred.id, secrets: {} });
    await trust(t.core, h.id, d);
    expect(await whoami(h.id)).toBe(d.user);
  });

  it('reaches a host through its jump host, checking both host keys', async () => {
    // A fresh inventory: here the target's address is trusted by no other host yet.
    const t2 = await tempCore();
    try {
    const j = addHost(t2.core, t2.envId, jump, 'key');
    const target = addHost(t2.core, t2.envId, d, 'key', { jumpHostId: j.id });
    // The jump host's key is checked first, and the error says it is the jump host.
    const e = await expectCode(t2.core.ssh.exec(target.id, cmd('true')), 'HOST_KEY_UNKNOWN');
    expect(e.message).toMatch(/^Jump host/);
    expect((e.details as { via: string }).via).toBe('jump');
    await trust(t2.core, j.id, jump);
    // Then the target's own key, seen through the tunnel.
    const e2 = await expectCode(t2.core.ssh.exec(target.id, cmd('true')), 'HOST_KEY_UNKNOWN');
    expect((e2.details as { via: string; fingerprint: string }).fingerprint).toBe(d.hostKeyFingerprint);
    await trust(t2.core, target.id, d);
    expect(await whoami(target.id, t2.core.ssh)).toBe(d.user);
    expect(sshdLog(jump)).toMatch(/Accepted publickey/);
    // Proof the target's connection rides on the jump host: killing the jump host cuts it.
    const running = t2.core.ssh.exec(target.id, cmd('sleep', '5'), { timeoutMs: 20_000 }).catch((e: { code: string }) => e);
    await new Promise((r) => setTimeout(r, 300));
    await jump.kill();
    expect(((await running) as { code: string }).code).toBe('SSH_CLOSED');
    await jump.start();
    expect(await whoami(target.id, t2.core.ssh)).toBe(d.user);
    } finally {
      t2.done();
    }
  });

  it.skipIf(!capabilities.passwordAuth)('wrong password → SSH_AUTH_FAILED saying which method was tried', async () => {
    const h = addHost(t.core, t.envId, { ...d, password: 'not-the-password-123' }, 'password');
    await trust(t.core, h.id, d);
    const e = await expectCode(t.core.ssh.exec(h.id, cmd('true')), 'SSH_AUTH_FAILED');
    expect(e.message).toContain('tried: password');
    expect(e.message).not.toContain('not-the-password-123');
    expect(JSON.stringify(e.details)).not.toContain('not-the-password-123');
  });

  it('wrong key → SSH_AUTH_FAILED (publickey)', async () => {
    const { execFileSync } = await import('node:child_process');
    const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
    const dir = mkdtempSync('/tmp/opsdeck-wrongkey-');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', `${dir}/k`]);
    const otherKey = readFileSync(`${dir}/k`, 'utf8');
    rmSync(dir, { recursive: true, force: true });
    const h = addHost(t.core, t.envId, { ...d, clientKey: otherKey }, 'key');
    await trust(t.core, h.id, d);
    const e = await expectCode(t.core.ssh.exec(h.id, cmd('true')), 'SSH_AUTH_FAILED');
    expect(e.message).toContain('tried: publickey');
  });

  it('encrypted key with a wrong passphrase → SSH_AUTH_FAILED before connecting', async () => {
    const h = addHost(t.core, t.envId, { ...d, encryptedClientKeyPassphrase: 'wrong passphrase' }, 'encrypted-key');
    const e = await expectCode(t.core.ssh.exec(h.id, cmd('true')), 'SSH_AUTH_FAILED');
    expect(e.message).toMatch(/passphrase does not open/);
  });

  it('agent host without an agent → SSH_AUTH_FAILED that says so', async () => {
    const h = addHost(t.core, t.envId, d, 'agent');
    const ssh = new SshManager({ keys: keysOf(), inventory: inventoryOf(), secrets: t.core.vault, audit: t.core.audit, agent: '/nonexistent/agent.sock' });
    try {
      await ssh.trustKey(h.id, d.hostKeyFingerprint);
      await expectCode(ssh.exec(h.id, cmd('true')), 'SSH_AUTH_FAILED');
    } finally {
      ssh.close();
    }
  });
});

import { HostKeyStore } from '../../../src-main/core/connectors/ssh/host-key-store';
import { createHostRepository } from '../../../src-main/core/inventory/host-repository';
import { createCredentialRepository } from '../../../src-main/core/inventory/credential-repository';
function keysOf() {
  return new HostKeyStore(t.core.db);
}
function inventoryOf() {
  const hosts = createHostRepository(t.core.db);
  const creds = createCredentialRepository(t.core.db);
  return { host: (id: string) => hosts.get(id), credential: (id: string) => creds.get(id) };
}
