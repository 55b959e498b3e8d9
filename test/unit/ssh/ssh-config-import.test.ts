import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InventoryDraft, SshConfigPreview } from '../../../src-main/contract';
import { knownHostMatches, matchPatternList, parseKnownHosts, previewSshImport, readLocalSshImport } from '../../../src-main/core/connectors/ssh/ssh-config-import';

const ED = 'AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';
const ED2 = 'AAAAC3NzaC1lZDI1NTE5AAAAIHyLu6ntJ1YGffr6PbEt5YgjVUN0y+IbOxgNOXdWWcf+';

const CONFIG = `
# defaults first in the file apply only where nothing more specific came earlier
Host web-1
  HostName 203.0.113.5
  User deploy
  IdentityFile ~/.ssh/id_web
  IdentityFile ~/.ssh/id_backup

Host db-1 db-2
  HostName %h.internal.example
  ProxyJump bastion
  Port=2222

Host bastion
  HostName bastion.example.com
  User "ops user"

Host old
  HostName 198.51.100.1
  ProxyJump jumper@outside.example:2200,bastion
  ProxyCommand ssh -W %h:%p gw

Match host *.example exec "true"
  User nobody

Host *.example !db-*
  User wildcard

Host *
  User root
  Port 22
  IdentityFile ~/.ssh/id_default
`;

describe('ssh_config → draft hosts', () => {
  const p = previewSshImport({ configText: CONFIG, knownHostsText: '' });
  const host = (name: string) => p.draft.hosts.find((h) => h.name === name)!;
  const detail = (name: string) => p.details.find((d) => d.hostKey === `ssh:${name}`)!;

  it('matches the contract', () => {
    expect(() => SshConfigPreview.parse(p)).not.toThrow();
    expect(() => InventoryDraft.parse(p.draft)).not.toThrow();
  });

  it('one host per concrete alias; wildcards are only defaults', () => {
    expect(p.draft.hosts.map((h) => h.name)).toEqual(['web-1', 'db-1', 'db-2', 'bastion', 'old']);
  });

  it('first value wins; Host * fills what is missing; IdentityFile accumulates', () => {
    expect(host('web-1')).toMatchObject({ address: '203.0.113.5', username: 'deploy', port: 22, source: { line: 3 } });
    expect(detail('web-1').identityFiles).toEqual(['~/.ssh/id_web', '~/.ssh/id_backup', '~/.ssh/id_default']);
    expect(host('db-1')).toMatchObject({ address: 'db-1.internal.example', port: 2222, username: 'root' });
    expect(host('bastion')).toMatchObject({ address: 'bastion.example.com', username: 'ops user' });
  });

  it('ProxyJump to a host in the draft becomes its jump host; others are kept as text with a warning', () => {
    expect(detail('db-1')).toMatchObject({ jumpHostKey: 'ssh:bastion', proxyJump: null });
    expect(detail('old')).toMatchObject({ jumpHostKey: null, proxyJump: 'jumper@outside.example:2200,bastion' });
    expect(p.draft.warnings.some((w) => /only the first ProxyJump hop/.test(w.message))).toBe(true);
    expect(p.draft.warnings.some((w) => /Match blocks are not evaluated/.test(w.message) && w.line === 23)).toBe(true);
    expect(p.draft.warnings.some((w) => /ProxyCommand is not supported/.test(w.message) && w.line === 21)).toBe(true);
  });

  it('Include is followed when files can be read (desktop), in the context of its Host block', () => {
    const home = mkdtempSync(join(tmpdir(), 'opsdeck-sshcfg-'));
    mkdirSync(join(home, '.ssh', 'conf.d'), { recursive: true });
    writeFileSync(join(home, '.ssh', 'config'), 'Include conf.d/*.conf\nHost *\n  User fallback\n');
    writeFileSync(join(home, '.ssh', 'conf.d', 'a.conf'), 'Host app\n  HostName 192.0.2.10\n  Port 2022\n');
    writeFileSync(join(home, '.ssh', 'conf.d', 'b.conf'), 'Host worker\n  HostName 192.0.2.11\n  User w\n');
    writeFileSync(join(home, '.ssh', 'known_hosts'), `[192.0.2.10]:2022 ssh-ed25519 ${ED}\n`);
    const local = readLocalSshImport({ home });
    expect(local.draft.hosts.map((h) => [h.name, h.address, h.port, h.username])).toEqual([
      ['app', '192.0.2.10', 2022, 'fallback'],
      ['worker', '192.0.2.11', undefined, 'w'],
    ]);
    expect(local.draft.hosts[0]!.source.file).toBe(join(home, '.ssh', 'conf.d', 'a.conf'));
    expect(local.knownKeys[0]!.hostKeys).toEqual(['ssh:app']);
    // Pasted text cannot follow it, and says so.
    rmSync(home, { recursive: true, force: true });
    const pasted = previewSshImport({ configText: 'Include conf.d/*\n', knownHostsText: '' });
    expect(pasted.draft.warnings[0]!.message).toMatch(/was not followed/);
  });
});

describe('known_hosts', () => {
  const salt = randomBytes(20);
  const hashed = (name: string) => `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
  const text = [
    '# comment',
    `203.0.113.5,web-1 ssh-ed25519 ${ED}`,
    `${hashed('[db-1.internal.example]:2222')} ssh-ed25519 ${ED2}`,
    `@cert-authority *.example ssh-ed25519 ${ED}`,
    `@revoked 198.51.100.1 ssh-ed25519 ${ED2}`,
    `*.internal.example,!db-2.internal.example ssh-ed25519 ${ED}`,
    'broken line',
    `bad ssh-rsa ${ED}`,
  ].join('\n');

  it('parses plain, hashed and marked lines; skips broken ones with a warning', () => {
    const { entries, issues } = parseKnownHosts(text);
    expect(entries.map((e) => [e.marker, e.hashed])).toEqual([
      ['none', false],
      ['none', true],
      ['cert-authority', false],
      ['revoked', false],
      ['none', false],
    ]);
    expect(entries[0]!.fingerprint).toMatch(/^SHA256:/);
    expect(issues.map((i) => i.line)).toEqual([7, 8]);
  });

  it('matches hashed entries, [host]:port, wildcards and negations', () => {
    const { entries } = parseKnownHosts(text);
    expect(knownHostMatches(entries[1]!, 'db-1.internal.example', 2222)).toBe(true);
    expect(knownHostMatches(entries[1]!, 'db-1.internal.example', 22)).toBe(false);
    expect(knownHostMatches(entries[0]!, '203.0.113.5')).toBe(true);
    expect(knownHostMatches(entries[4]!, 'db-1.internal.example')).toBe(true);
    expect(knownHostMatches(entries[4]!, 'db-2.internal.example')).toBe(false);
    expect(matchPatternList('Web-1', ['web-?'])).toBe(true);
  });

  it('links keys to draft hosts; markers never become trusted keys', () => {
    const p = previewSshImport({ configText: CONFIG, knownHostsText: text });
    expect(p.knownKeys[0]!.hostKeys).toEqual(['ssh:web-1']);
    expect(p.knownKeys[1]!.hostKeys).toEqual(['ssh:db-1']);
    expect(p.knownKeys[2]!.hostKeys).toEqual([]);
    expect(p.knownKeys[3]!.hostKeys).toEqual([]);
    expect(p.draft.formats).toEqual(['ssh_config', 'known_hosts']);
  });
});
