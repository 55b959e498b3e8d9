import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capabilities, startDroplet, type Droplet } from '../../fleet';
import { cmd } from '../../../src-main/core/connectors/ssh';
import { addHost, expectCode, sshdLog, tempCore, trust } from './ssh-helpers';

/**
 * Trust on first use and refusal of changed keys, proven on the server side: the command's marker
 * file is never created and sshd's own log shows no authentication attempt at all.
 */
let d: Droplet;
let jumpTarget: Droplet;
let t: Awaited<ReturnType<typeof tempCore>>;

beforeAll(async () => {
  [d, jumpTarget] = await Promise.all([startDroplet({ name: 'ssh-keys' }), startDroplet({ name: 'ssh-keys-behind' })]);
  t = await tempCore();
});
afterAll(async () => {
  t?.done();
  await Promise.all([d?.stop(), jumpTarget?.stop()]);
});

const AUTH_LINES = /Accepted|Failed (password|publickey|none|keyboard)|Postponed|Invalid user|userauth|authentication failure/;

function logSince(offset: number): string {
  return sshdLog(d).slice(offset);
}

describe('host keys: trust on first use', () => {
  it('refuses an unknown key before authenticating, then works once trusted', async () => {
    const h = addHost(t.core, t.envId, d, capabilities.passwordAuth ? 'password' : 'key');
    const marker = join(d.home, 'tofu-marker');
    const offset = sshdLog(d).length;
    const e = await expectCode(t.core.ssh.exec(h.id, cmd('touch', marker)), 'HOST_KEY_UNKNOWN');
    expect(e.details).toMatchObject({ host: d.host, port: d.port, algorithm: 'ssh-ed25519', fingerprint: d.hostKeyFingerprint, via: 'direct' });
    expect(e.message).toContain(d.hostKeyFingerprint);
    expect(existsSync(marker)).toBe(false);
    expect(logSince(offset)).not.toMatch(AUTH_LINES);

    // What the UI does: show the scanned fingerprint, the user confirms it, trust exactly that.
    const scan = await t.core.ssh.scanKey(h.id);
    expect(scan).toEqual({ algorithm: 'ssh-ed25519', fingerprint: d.hostKeyFingerprint, state: 'unknown', expectedFingerprint: null });
    await expectCode(t.core.ssh.trustKey(h.id, 'SHA256:' + 'A'.repeat(43)), 'HOST_KEY_CHANGED');
    expect(t.core.ssh.knownKey(h.id)).toBeNull();
    const info = await t.core.ssh.trustKey(h.id, d.hostKeyFingerprint);
    expect(info).toMatchObject({ hostId: h.id, fingerprint: d.hostKeyFingerprint, algorithm: 'ssh-ed25519', source: 'confirmed' });
    expect(t.core.ssh.knownKey(h.id)?.fingerprint).toBe(d.hostKeyFingerprint);
    expect(t.core.audit.list({ search: 'host.key.trust' }).some((a) => a.targetId === h.id)).toBe(true);

    const r = await t.core.ssh.exec(h.id, cmd('touch', marker));
    expect(r.code).toBe(0);
    expect(existsSync(marker)).toBe(true);
  });

  it('trusts a key imported from known_hosts without asking, and forgets it on request', async () => {
    const t2 = await tempCore();
    try {
      const h = addHost(t2.core, t2.envId, d, 'key');
      await expectCode(t2.core.ssh.exec(h.id, cmd('true')), 'HOST_KEY_UNKNOWN');
      t2.core.ssh.importKnownKey(h.id, d.hostKeyPublic);
      expect((await t2.core.ssh.exec(h.id, cmd('true'))).code).toBe(0);
      expect(t2.core.ssh.knownKey(h.id)?.source).toBe('known_hosts');
      t2.core.ssh.forgetKey(h.id);
      await expectCode(t2.core.ssh.exec(h.id, cmd('true')), 'HOST_KEY_UNKNOWN');
    } finally {
      t2.done();
    }
  });
});

describe('host keys: a changed key is refused on every path, nothing is sent', () => {
  it('20 of 20 refusals each on exec, SFTP, shell, password login and as a jump host; 0 commands, 0 auth attempts', async () => {
    const keyHost = addHost(t.core, t.envId, d, 'key');
    const pwHost = capabilities.passwordAuth ? addHost(t.core, t.envId, d, 'password') : keyHost;
    const behind = addHost(t.core, t.envId, jumpTarget, 'key', { jumpHostId: keyHost.id });
    await trust(t.core, keyHost.id, d);
    await trust(t.core, behind.id, jumpTarget);
    expect((await t.core.ssh.exec(keyHost.id, cmd('true'))).code).toBe(0);
    expect((await t.core.ssh.exec(behind.id, cmd('true'))).code).toBe(0);
    const oldFingerprint = d.hostKeyFingerprint;

    await d.rotateHostKey();
    expect(d.hostKeyFingerprint).not.toBe(oldFingerprint);
    const offset = sshdLog(d).length;
    const marker = (i: number) => join(d.home, `changed-marker-${i}`);
    const refused = { exec: 0, sftp: 0, shell: 0, password: 0, jump: 0 };
    for (let i = 0; i < 20; i++) {
      const e = await expectCode(t.core.ssh.exec(keyHost.id, cmd('touch', marker(i))), 'HOST_KEY_CHANGED');
      expect(e.message).toBe(`Host key changed for ${keyHost.name} (${d.host}:${d.port}): expected ${oldFingerprint}, got ${d.hostKeyFingerprint}. Nothing was sent to it.`);
      expect(e.hint).toBe(`Verify the server's key (e.g. on the provider's console with ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub), then re-trust it in Hosts → ${keyHost.name}.`);
      refused.exec++;
      await expectCode(t.core.ssh.sftp(keyHost.id, (s) => s.upload(Buffer.from('x'), marker(100 + i))), 'HOST_KEY_CHANGED');
      refused.sftp++;
      await expectCode(t.core.ssh.openShell(keyHost.id, { cols: 80, rows: 24 }), 'HOST_KEY_CHANGED');
      refused.shell++;
      await expectCode(t.core.ssh.exec(pwHost.id, cmd('touch', marker(200 + i))), 'HOST_KEY_CHANGED');
      refused.password++;
      const j = await expectCode(t.core.ssh.exec(behind.id, cmd('touch', join(jumpTarget.home, `behind-${i}`))), 'HOST_KEY_CHANGED');
      expect((j.details as { via: string }).via).toBe('jump');
      expect(j.message).toMatch(/^Host key changed for jump host /);
      refused.jump++;
    }
    expect(refused).toEqual({ exec: 20, sftp: 20, shell: 20, password: 20, jump: 20 });

    // The server side: no marker, no authentication of any kind, yet 100 connections came in.
    for (let i = 0; i < 20; i++) {
      for (const m of [marker(i), marker(100 + i), marker(200 + i), `${marker(100 + i)}.opsdeck-part`, join(jumpTarget.home, `behind-${i}`)]) expect(existsSync(m)).toBe(false);
    }
    const log = logSince(offset);
    expect(log).not.toMatch(AUTH_LINES);
    expect((log.match(/Connection from /g) ?? []).length).toBeGreaterThanOrEqual(100);

    // Re-trust after checking: explicit, audited, and then it works.
    await trust(t.core, keyHost.id, d);
    expect(t.core.audit.list({ search: 'host.key.retrust' }).find((a) => a.targetId === keyHost.id)?.details).toContain(oldFingerprint);
    expect((await t.core.ssh.exec(keyHost.id, cmd('true'))).code).toBe(0);
    expect((await t.core.ssh.exec(behind.id, cmd('true'))).code).toBe(0);
    // The other inventory entry for the same server shares the decision.
    expect((await t.core.ssh.exec(pwHost.id, cmd('true'))).code).toBe(0);
    expect(statSync(d.home).isDirectory()).toBe(true);
  });
});
