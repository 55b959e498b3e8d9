import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Droplet } from '../fleet';

/** A host as the host form takes it. */
export interface HostSpec {
  name: string;
  address: string;
  port: number;
  user: string;
  auth: 'key' | 'password';
  /** Selected in the form's provider list when given (e.g. 'digitalocean'). */
  provider?: string;
  privateKey?: string;
  password?: string;
}

/** The host form's fields for a fleet droplet, logging in with its client key. */
export function dropletHost(d: Droplet, name: string, opts: { provider?: string } = {}): HostSpec {
  return { name, address: d.host, port: d.port, user: d.user, auth: 'key', privateKey: d.clientKey, ...opts };
}

/**
 * The steps the e2e tests take through the UI again and again, on the page `getPage` returns
 * (read at each call: the page is usually opened in beforeAll): waiting for test ids, saving
 * forms, the look (language, theme), the Fleet / production environment, adding a host and
 * trusting its host key.
 */
export function fleetUi(getPage: () => Page) {
  const byId = (id: string) => getPage().getByTestId(id);

  /** Waits until the first element with this test id is visible. */
  async function visible(id: string, timeout = 15_000): Promise<void> {
    await byId(id).first().waitFor({ state: 'visible', timeout });
  }
  /** Waits until no element with this test id is left. */
  async function gone(id: string, timeout = 15_000): Promise<void> {
    await byId(id).first().waitFor({ state: 'detached', timeout });
  }
  /** Saves the form with this test id and waits until its dialog closed. */
  async function save(form: string): Promise<void> {
    await byId(form).getByTestId('save').click();
    await gone(`${form}-dialog`);
  }
  /** Switches language and theme in the settings and waits until the page shows them. */
  async function setLook(lang: 'en' | 'es', theme: 'light' | 'dark'): Promise<void> {
    await byId('nav-settings').click();
    await byId('settings-language').selectOption(lang);
    await byId('settings-theme').selectOption(theme);
    await getPage().locator(`html[lang="${lang}"][data-theme="${theme}"]`).waitFor({ state: 'attached', timeout: 10_000 });
  }
  /** From the empty inventory: the project "Fleet" and its production environment. */
  async function createFleetEnvironment(): Promise<void> {
    await byId('empty-create-project').click();
    await byId('project-name').fill('Fleet');
    await save('project-form');
    await byId('add-environment').click();
    await byId('env-name').fill('production');
    await byId('env-kind').selectOption('production');
    await save('env-form');
    await visible('tree-env-Fleet/production');
  }
  /** Adds a host to Fleet / production through the host form. */
  async function addHost(h: HostSpec): Promise<void> {
    await byId('nav-inventory').click();
    await byId('tree-env-Fleet/production').click();
    await byId('add-host').click();
    await byId('host-name').fill(h.name);
    await byId('host-address').fill(h.address);
    await byId('host-port').fill(String(h.port));
    await byId('host-user').fill(h.user);
    await byId('host-auth').selectOption(h.auth);
    if (h.provider) await byId('host-provider').selectOption(h.provider);
    if (h.privateKey) await byId('host-private-key').fill(h.privateKey);
    if (h.password) await byId('host-password').fill(h.password);
    await save('host-form');
    await visible(`tree-host-${h.name}`);
  }
  /**
   * Tests the connection of the host with this name from its SSH section, checks that the trust
   * dialog shows `fingerprint`, accepts it and waits until the host is connected.
   */
  async function trustHostKey(name: string, fingerprint: string): Promise<void> {
    await byId('nav-inventory').click();
    await byId(`tree-host-${name}`).click();
    await byId('ssh-test').click();
    await visible('trust-dialog', 30_000);
    expect((await byId('trust-fingerprint').textContent())?.trim()).toBe(fingerprint);
    await byId('trust-accept').click();
    await getPage().locator('[data-testid="ssh-status"][data-state="connected"]').waitFor({ timeout: 30_000 });
  }
  /** Adds a fleet droplet as a host of Fleet / production and trusts its host key. */
  async function addTrustedDroplet(d: Droplet, name: string, opts: { provider?: string } = {}): Promise<void> {
    await addHost(dropletHost(d, name, opts));
    await trustHostKey(name, d.hostKeyFingerprint);
  }

  return { byId, visible, gone, save, setLook, createFleetEnvironment, addHost, trustHostKey, addTrustedDroplet };
}
