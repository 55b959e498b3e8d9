import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, startServe, type BrowserSession, type ServeProcess } from './harness';

/**
 * The inventory through the UI only, in real Chromium against `opsdeck serve`: create a project,
 * an environment, a host with a password and a private key, two services and a link; restart
 * the server and find everything again; then edit, see a validation error, and delete.
 */

let serve: ServeProcess;
let session: BrowserSession;
let page: Page;

const PASSWORD = `pw-${randomBytes(6).toString('hex')}`;
/** Looks like an OpenSSH key; the core stores it as an opaque secret. */
const PRIVATE_KEY = [
  '-----BEGIN OPENSSH PRIVATE KEY-----',
  ...(`b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW` + randomBytes(240).toString('base64'))
    .match(/.{1,70}/g)!,
  '-----END OPENSSH PRIVATE KEY-----',
].join('\n');

const byId = (id: string) => page.getByTestId(id);

async function visible(id: string, timeout = 10_000): Promise<void> {
  await byId(id).first().waitFor({ state: 'visible', timeout });
}

async function gone(id: string, timeout = 10_000): Promise<void> {
  await byId(id).first().waitFor({ state: 'detached', timeout });
}

async function text(id: string): Promise<string> {
  await visible(id);
  return ((await byId(id).first().textContent()) ?? '').trim();
}

/** Saves the open form and waits for its dialog to close. */
async function save(form: string): Promise<void> {
  await byId(form).getByTestId('save').click();
  await gone(`${form}-dialog`);
}

/** Restarts the server process on the same data folder; the address changes. */
async function restartServe(): Promise<string> {
  await serve.restart();
  return serve.url;
}

async function openApp(url = serve.url): Promise<void> {
  await page.goto(url).catch((err: Error) => {
    throw new Error(`${err.message}\n--- serve output ---\n${serve.output()}`);
  });
  await visible('nav-inventory', 20_000);
}

beforeAll(async () => {
  serve = await startServe();
  session = await launchBrowser({ locale: 'en-US' });
  page = session.page;
});

afterAll(async () => {
  await session?.close();
  await serve?.stop();
});

describe('inventory through the UI', () => {
  it('creates a project, environment, host with secrets, services and a link', async () => {
    await openApp();
    await visible('empty-create-project');
    await byId('empty-create-project').click();
    await byId('project-name').fill('Shop');
    await byId('project-description').fill('Online shop: Node API and PostgreSQL on one droplet.');
    await save('project-form');
    await visible('tree-project-Shop');
    expect(await text('detail-title')).toContain('Shop');

    await byId('add-environment').click();
    await byId('env-name').fill('production');
    await byId('env-kind').selectOption('production');
    await save('env-form');
    await visible('tree-env-Shop/production');
    await visible('prod-badge');

    await byId('add-host').click();
    await byId('host-name').fill('web-1');
    await byId('host-address').fill('203.0.113.10');
    await byId('host-port').fill('2222');
    await byId('host-user').fill('deploy');
    await byId('host-auth').selectOption('key');
    await byId('host-provider').selectOption('digitalocean');
    await byId('host-tags').fill('web, nginx');
    await byId('host-password').fill(PASSWORD);
    await byId('host-private-key').fill(PRIVATE_KEY);
    await save('host-form');
    await visible('tree-host-web-1');
    expect(await byId('host-secret-password').getAttribute('data-set')).toBe('true');
    expect(await byId('host-secret-private-key').getAttribute('data-set')).toBe('true');
    expect(await byId('host-secret-passphrase').getAttribute('data-set')).toBe('false');

    await byId('tree-env-Shop/production').click();
    await byId('add-service').click();
    await byId('service-name').fill('api');
    await byId('service-kind').selectOption('pm2-app');
    await byId('service-host').selectOption({ label: 'web-1 (203.0.113.10)' });
    await byId('service-pm2-name').fill('api');
    await byId('service-port').fill('3000');
    await byId('service-health-path').fill('/health');
    await save('service-form');
    await visible('tree-service-api');

    await byId('tree-env-Shop/production').click();
    await byId('add-service').click();
    await byId('service-name').fill('db');
    await byId('service-kind').selectOption('postgres');
    await byId('service-host').selectOption({ label: 'web-1 (203.0.113.10)' });
    await byId('service-port').fill('5432');
    await byId('service-database-name').fill('shop');
    await save('service-form');
    await visible('tree-service-db');

    await byId('tree-project-Shop').click();
    await byId('add-link').click();
    await byId('link-from').selectOption({ label: 'api — production' });
    await byId('link-kind').selectOption('uses-database');
    await byId('link-to').selectOption({ label: 'db — production' });
    await save('link-form');
    await visible('link-row-api-uses-database-db');

    // Secret values never come back to the page.
    const html = await page.content();
    expect(html).not.toContain(PASSWORD);
    expect(html).not.toContain(PRIVATE_KEY.split('\n')[1]);
  });

  it('keeps all of it across a server restart', async () => {
    const url = await restartServe();
    // The old page notices the lost server before we open the new address.
    await visible('connection-banner', 15_000);
    await openApp(url);

    await visible('tree-project-Shop');
    await visible('tree-env-Shop/production');
    await visible('tree-service-api');
    await visible('tree-service-db');
    await byId('tree-host-web-1').click();
    expect(await text('host-detail-address')).toBe('203.0.113.10');
    expect(await text('host-detail-port')).toBe('2222');
    expect(await text('host-detail-user')).toBe('deploy');
    expect(await text('host-detail-auth')).toBe('SSH key');
    expect(await text('host-secret-password')).toBe('Set');
    expect(await text('host-secret-private-key')).toBe('Set');
    expect(await text('host-secret-passphrase')).toBe('Not set');

    await byId('tree-service-api').click();
    expect(await text('service-detail-port')).toBe('3000');
    expect(await text('service-detail-host')).toContain('web-1');

    await byId('tree-project-Shop').click();
    await visible('link-row-api-uses-database-db');
  });

  it('shows the core’s validation error next to a bad port and keeps the form open', async () => {
    await byId('tree-host-web-1').click();
    await byId('edit-host').click();
    expect(await text('host-password-state')).toBe('Set');
    expect(await byId('host-password').count()).toBe(0); // a stored secret is not an editable field
    await byId('host-port').fill('70000');
    await byId('host-form').getByTestId('save').click();
    await visible('host-port-error');
    expect(await text('host-port-error')).toMatch(/65535/);
    await visible('host-form');
    await byId('cancel').click();
    await gone('host-form-dialog');
    expect(await text('host-detail-port')).toBe('2222');
  });

  it('edits a service and a host secret', async () => {
    await byId('tree-service-api').click();
    await byId('edit-service').click();
    await byId('service-port').fill('3001');
    await save('service-form');
    await visible('service-detail-port');
    expect(await text('service-detail-port')).toBe('3001');

    await byId('tree-host-web-1').click();
    await byId('edit-host').click();
    await byId('host-name').fill('web-01');
    await byId('host-password-delete').click();
    await save('host-form');
    await visible('tree-host-web-01');
    expect(await byId('tree-host-web-1').count()).toBe(0);
    expect(await text('host-secret-password')).toBe('Not set');
    expect(await text('host-secret-private-key')).toBe('Set');
  });

  it('deletes a service after naming it and its links, and the link goes with it', async () => {
    await byId('tree-service-db').click();
    await byId('delete-service').click();
    await visible('confirm-dialog');
    const lines = await text('confirm-lines');
    expect(lines).toContain('db');
    expect(lines).toContain('production');
    expect(lines).toMatch(/1 link/);
    await byId('confirm-delete').click();
    await gone('confirm-dialog');
    await gone('tree-service-db');

    await byId('tree-project-Shop').click();
    await visible('links-table');
    expect(await byId('link-row-api-uses-database-db').count()).toBe(0);
    await visible('tree-service-api');
  });
});
