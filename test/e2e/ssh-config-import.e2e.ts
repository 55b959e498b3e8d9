import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDroplet, type Droplet } from '../fleet';
import { launchBrowser, startServe, type BrowserSession, type ServeProcess } from './harness';

/**
 * Import from SSH config through the UI, in real Chromium against `opsdeck serve`: pick an ssh
 * config (a real droplet, a bastion, a host behind it on ProxyJump) and a known_hosts holding the
 * droplet's key, see the proposals, apply; then, with the private key set in the host form, Test
 * connection reaches the droplet WITHOUT a trust prompt because its key came from known_hosts.
 */

const OUT = resolve(__dirname, '..', '..', 'screenshots');

let serve: ServeProcess;
let session: BrowserSession;
let page: Page;
let drop: Droplet;
let dir: string;
let configPath: string;
let knownHostsPath: string;

const byId = (id: string) => page.getByTestId(id);
async function visible(id: string, timeout = 15_000): Promise<void> {
  await byId(id).first().waitFor({ state: 'visible', timeout });
}
async function gone(id: string, timeout = 15_000): Promise<void> {
  await byId(id).first().waitFor({ state: 'detached', timeout });
}
async function setLook(lang: 'en' | 'es', theme: 'light' | 'dark'): Promise<void> {
  await byId('nav-settings').click();
  await byId('settings-language').selectOption(lang);
  await byId('settings-theme').selectOption(theme);
  await page.locator(`html[lang="${lang}"][data-theme="${theme}"]`).waitFor({ state: 'attached', timeout: 10_000 });
}

/** Opens the dialog from the environment, picks both files, waits for the proposals. */
async function openAndPick(): Promise<void> {
  await byId('nav-inventory').click();
  await byId('tree-env-Fleet/production').click();
  await byId('import-ssh-config').click();
  await visible('ssh-config-import');
  await byId('ssh-config-file').setInputFiles(configPath);
  await byId('known-hosts-file').setInputFiles(knownHostsPath);
  await visible('ssh-config-host-droplet');
  await visible('draft-review');
}

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  drop = await startDroplet({ name: 'sshcfg' });
  dir = mkdtempSync(join(tmpdir(), 'opsdeck-sshcfg-e2e-'));
  configPath = join(dir, 'config');
  knownHostsPath = join(dir, 'known_hosts');
  writeFileSync(
    configPath,
    [
      'Host droplet',
      `  HostName ${drop.host}`,
      `  Port ${drop.port}`,
      `  User ${drop.user}`,
      '  IdentityFile ~/.ssh/id_droplet',
      '',
      'Host bastion',
      '  HostName bastion.example.com',
      '  User ops',
      '',
      'Host app-1',
      '  HostName 10.20.0.5',
      '  ProxyJump bastion',
      '',
    ].join('\n'),
  );
  writeFileSync(knownHostsPath, `${drop.knownHostsLine}\n`);
  serve = await startServe();
  session = await launchBrowser({ locale: 'en-US', colorScheme: 'light' });
  page = session.page;
  await page.goto(serve.url);
  await visible('nav-inventory', 20_000);
  await byId('empty-create-project').click();
  await byId('project-name').fill('Fleet');
  await byId('project-form').getByTestId('save').click();
  await gone('project-form-dialog');
  await byId('add-environment').click();
  await byId('env-name').fill('production');
  await byId('env-kind').selectOption('production');
  await byId('env-form').getByTestId('save').click();
  await gone('env-form-dialog');
  await visible('tree-env-Fleet/production');
}, 180_000);

afterAll(async () => {
  await session?.close();
  await serve?.stop();
  await drop?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('Import from SSH config', () => {
  it('shows the hosts with their jump host and the key known_hosts gives; screenshots', async () => {
    await openAndPick();
    expect(await byId('ssh-config-host-droplet').textContent()).toContain(`${drop.host}:${drop.port}`);
    expect(await byId('ssh-config-key-droplet').textContent()).toContain(drop.hostKeyFingerprint);
    expect(await byId('ssh-config-host-app-1').textContent()).toContain('bastion');
    expect(await byId('ssh-config-host-droplet').textContent()).toContain('~/.ssh/id_droplet');
    expect(await byId('ssh-config-apply').isEnabled()).toBe(true);
    await page.screenshot({ path: join(OUT, 'ssh-config-import-en-light.png') });
    await byId('ssh-config-cancel').click();
    await gone('ssh-config-import');

    await setLook('es', 'dark');
    await openAndPick();
    await page.screenshot({ path: join(OUT, 'ssh-config-import-es-dark.png') });
    await byId('ssh-config-cancel').click();
    await gone('ssh-config-import');
    await setLook('en', 'light');
  });

  it('applies, then Test connection on the droplet connects without asking to trust its key', async () => {
    await openAndPick();
    await byId('ssh-config-apply').click();
    await gone('ssh-config-import');
    await byId('toast-message').filter({ hasText: '3 hosts added, 0 updated, 1 jump hosts linked, 1 host keys trusted' }).waitFor({ timeout: 10_000 });
    await visible('tree-host-droplet');
    await visible('tree-host-app-1');

    // The private key is set by the user in the host form; the config only named its path.
    await byId('tree-host-droplet').click();
    await visible('host-ssh');
    // Trusted before any connection: the key came from known_hosts.
    await page.locator('[data-testid="ssh-known-key"][data-state="trusted"]').waitFor({ timeout: 15_000 });
    expect((await byId('ssh-known-fingerprint').textContent())?.trim()).toBe(drop.hostKeyFingerprint);
    await byId('edit-host').click();
    await byId('host-auth').selectOption('key');
    await byId('host-private-key').fill(drop.clientKey);
    await byId('host-form').getByTestId('save').click();
    await gone('host-form-dialog');

    await byId('ssh-test').click();
    const end = Date.now() + 30_000;
    let state: string | null = null;
    while (Date.now() < end) {
      expect(await byId('trust-dialog').count()).toBe(0);
      state = await byId('ssh-status').getAttribute('data-state');
      if (state === 'connected' || state === 'error') break;
      await page.waitForTimeout(100);
    }
    expect(state).toBe('connected');
    expect(await byId('trust-dialog').count()).toBe(0);
    expect((await byId('ssh-known-fingerprint').textContent())?.trim()).toBe(drop.hostKeyFingerprint);
  });
});
