import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIaComercial, type IaComercialDroplet } from '../fleet/ia-comercial';
import { pm2Bin } from '../fleet/repo-paths';
import { fleetUi } from './fleet-ui';
import { launchBrowser, startServe, type BrowserSession, type ServeProcess } from './harness';

/**
 * Health checks and alerts through the UI in real Chromium against `opsdeck serve` and a real
 * droplet (IA Comercial: nginx in front of a PM2 app): add an HTTP check every second from a
 * service's checks (Test first), stop the PM2 app over SSH and see the check go DOWN with a
 * browser notification (permission granted in the context, `new Notification` recorded by an
 * init script) and the in-app notice, open the checks from the notice, start the app again and
 * see the recovery notice and the incident with its duration; maintenance windows; a webhook
 * alert destination whose "Send test" reaches a real HTTP server. Screenshots en/es × light/dark.
 */

const OUT = resolve(__dirname, '..', '..', 'screenshots');

let serve: ServeProcess;
let session: BrowserSession;
let page: Page;
let ia: IaComercialDroplet;
let hook: Server;
const hookBodies: string[] = [];

const { byId, visible, save, setLook, createFleetEnvironment } = fleetUi(() => page);
const shot = (name: string) => page.screenshot({ path: join(OUT, `health-${name}.png`) });

async function rowState(name: string, state: string, timeout = 45_000): Promise<void> {
  await page.locator(`[data-testid="check-row-${name}"][data-state="${state}"]`).waitFor({ timeout });
}
/** Browser notifications the page created (recorded by the init script). */
const notes = () => page.evaluate('window.__notes') as Promise<{ title: string; body: string }[]>;
const permissionRequests = () => page.evaluate('window.__permissionRequests') as Promise<number>;

/** Runs PM2 on the droplet as its login user, over SSH (as an operator would). */
async function pm2OnDroplet(args: string): Promise<void> {
  const conn = new Client();
  await new Promise<void>((ok, fail) => {
    conn.once('ready', () => ok()).once('error', fail).connect({ host: ia.host, port: ia.port, username: ia.user, privateKey: ia.clientKey });
  });
  try {
    await new Promise<void>((ok, fail) => {
      conn.exec(`PM2_HOME='${ia.pm2Home}' '${process.execPath}' '${pm2Bin}' ${args}`, (err, stream) => {
        if (err) return fail(err);
        let out = '';
        stream.on('data', (d: Buffer) => (out += d.toString())).stderr.on('data', (d: Buffer) => (out += d.toString()));
        stream.on('close', (code: number) => (code === 0 ? ok() : fail(new Error(`pm2 ${args} exited ${code}: ${out}`))));
      });
    });
  } finally {
    conn.end();
  }
}

const NOTIFICATION_SPY = `(() => {
  const Real = window.Notification;
  window.__notes = [];
  window.__permissionRequests = 0;
  class Recorded extends Real {
    constructor(title, options) {
      super(title, options);
      window.__notes.push({ title, body: (options && options.body) || '' });
    }
    static get permission() { return Real.permission; }
    static requestPermission(...args) { window.__permissionRequests++; return Real.requestPermission(...args); }
  }
  window.Notification = Recorded;
})();`;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  hook = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      hookBodies.push(body);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
  ia = await startIaComercial();
  serve = await startServe();
  session = await launchBrowser({ locale: 'en-US', colorScheme: 'light' });
  page = session.page;
  const context = page.context();
  await context.grantPermissions(['notifications'], { origin: serve.origin });
  await context.addInitScript(NOTIFICATION_SPY);
  await page.goto(serve.url);
  await visible('nav-inventory', 20_000);
  await createFleetEnvironment();
  await byId('tree-env-Fleet/production').click();
  await byId('add-service').click();
  await byId('service-name').fill('ia-web');
  await byId('service-kind').selectOption('http-endpoint');
  await byId('service-url').fill(`http://${ia.host}:${ia.nginxPort}`);
  await byId('service-health-path').fill('/health');
  await save('service-form');
  await visible('tree-service-ia-web');
}, 180_000);

afterAll(async () => {
  await session?.close();
  await serve?.stop();
  await ia?.stop();
  await new Promise((r) => hook?.close(r));
});

const CHECK = 'ia-web /health';

describe('health checks and alerts through the UI', () => {
  it('opens a service’s checks from its detail pane and suggests checks for it', async () => {
    await byId('tree-service-ia-web').click();
    await visible('service-checks');
    await visible('service-checks-none');
    await shot('service-detail-en-light');
    await byId('service-open-checks').click();
    await visible('page-health');
    expect(await byId('health-service-filter').inputValue()).not.toBe('');
    // Permission was granted in the browser; the page never asked on its own.
    expect(await byId('notify-permission').getAttribute('data-state')).toBe('granted');
    expect(await permissionRequests()).toBe(0);
    await byId('checks-suggest').click();
    await visible('suggest-dialog');
    await expect.poll(async () => byId('suggested-check').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await byId('suggest-close').click();
  });

  it('adds an HTTP check after testing it; it goes UP', async () => {
    await byId('add-check').click();
    await visible('check-form');
    await byId('check-name').fill(CHECK);
    await byId('check-type').selectOption('http');
    await byId('check-url').fill('ftp://wrong');
    await byId('check-test').click();
    expect(await byId('check-url-error').textContent()).toBe('Must start with http:// or https://');
    await byId('check-url').fill(`http://${ia.host}:${ia.nginxPort}/health`);
    await byId('check-jsonPath').fill('status');
    await byId('check-jsonEquals').fill('ok');
    await byId('check-intervalSec').fill('1');
    await byId('check-retries').fill('1');
    await byId('check-timeoutMs').fill('2000');
    await byId('check-test').click();
    await page.locator('[data-testid="check-test-result"][data-ok="true"]').waitFor({ timeout: 15_000 });
    expect(await byId('check-test-result').textContent()).toMatch(/Passed · \d+ ms/);
    await shot('check-form-en-light');
    await save('check-form');
    await rowState(CHECK, 'up');
    await page.locator('[data-testid="status-health"][data-state="up"]').waitFor({ timeout: 15_000 });
    expect(await byId('status-health').textContent()).toContain('1 up');
    await expect.poll(async () => Number(await byId(`check-row-${CHECK}`).getByTestId('uptime-bar').getAttribute('data-beats')), { timeout: 15_000 }).toBeGreaterThan(1);
  });

  it('goes DOWN when the app stops, with a browser notification and an in-app notice', async () => {
    await pm2OnDroplet('stop ia-comercial');
    await rowState(CHECK, 'down');
    await page.locator('[data-testid="alert-toast"][data-kind="down"]').waitFor({ timeout: 15_000 });
    expect(await byId('alert-toast-title').first().textContent()).toBe(`DOWN: ${CHECK}`);
    await expect.poll(async () => (await notes()).map((n) => n.title), { timeout: 10_000 }).toContain(`DOWN: ${CHECK}`);
    await page.locator('[data-testid="status-health"][data-state="down"]').waitFor({ timeout: 15_000 });
    expect(await byId('status-health').getAttribute('data-down')).toBe('1');
    expect(await byId('status-health').textContent()).toContain('1 DOWN');
    expect(await byId(`check-row-${CHECK}`).getByTestId('check-message').textContent()).toMatch(/50[23]|refused|Bad Gateway/i);
    await page.locator(`[data-testid="incident-row-${CHECK}"][data-ongoing="true"]`).waitFor({ timeout: 15_000 });
    await shot('down-en-light');

    // The Topology diagram colours the failing service red, without a new layout.
    await byId('nav-inventory').click();
    await byId('tree-service-ia-web').click();
    await byId('nav-topology').click();
    await page.locator('[data-testid="topology-node-ia-web"][data-health="down"]').waitFor({ timeout: 15_000 });
    await shot('down-topology-en-light');

    // The notice opens the failing service's checks, the check highlighted.
    await byId('nav-inventory').click();
    await byId('alert-toast-open').first().click();
    await visible('page-health');
    await page.locator(`tr.row-focus[data-testid="check-row-${CHECK}"]`).waitFor({ timeout: 10_000 });
    expect(await byId('health-service-filter').inputValue()).not.toBe('');
  });

  it('comes back UP with a recovery notice; the incident has a duration', async () => {
    await pm2OnDroplet('start ia-comercial');
    await rowState(CHECK, 'up');
    await expect.poll(async () => (await notes()).map((n) => n.title), { timeout: 15_000 }).toContain(`UP again: ${CHECK}`);
    // The service's detail pane lists the check with its state.
    await byId('nav-inventory').click();
    await byId('tree-service-ia-web').click();
    await page.locator(`[data-testid="service-check-${CHECK}"] [data-state="up"]`).waitFor({ timeout: 10_000 });
    await byId('nav-topology').click();
    await page.locator('[data-testid="topology-node-ia-web"][data-health="healthy"]').waitFor({ timeout: 15_000 });
    await byId('nav-inventory').click();
    await byId('nav-health').click();
    await page.locator('[data-testid="alert-toast"][data-kind="recovery"]').waitFor({ timeout: 15_000 });
    await page.locator(`[data-testid="incident-row-${CHECK}"][data-ongoing="false"]`).waitFor({ timeout: 15_000 });
    expect(await byId(`incident-row-${CHECK}`).getByTestId('incident-duration').textContent()).toMatch(/^(\d+ min )?\d+ s$/);
    await page.locator('[data-testid="status-health"][data-state="up"]').waitFor({ timeout: 15_000 });
    await shot('recovered-en-light');
  });

  it('creates and deletes a maintenance window', async () => {
    await byId('add-maintenance').click();
    await visible('maintenance-form');
    await byId('maintenance-reason').fill('nginx upgrade');
    await save('maintenance-form');
    await expect.poll(async () => byId('maintenance-row').count()).toBe(1);
    expect(await byId('maintenance-row').textContent()).toContain('nginx upgrade');
    await byId('maintenance-delete').click();
    await byId('confirm-delete').click();
    await expect.poll(async () => byId('maintenance-row').count()).toBe(0);
  });

  it('adds a webhook destination whose URL is a secret and sends a test', async () => {
    await byId('add-sink').click();
    await visible('sink-form');
    await byId('sink-name').fill('ops-hook');
    await byId('sink-type').selectOption('webhook');
    await byId('sink-secret').fill(`http://127.0.0.1:${(hook.address() as AddressInfo).port}/opsdeck`);
    await save('sink-form');
    const row = byId('sink-row-ops-hook');
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toContain('Set');
    expect(await row.textContent()).not.toContain('/opsdeck');
    await row.getByTestId('sink-test').click();
    await page.locator('[data-testid="sink-test-result"][data-ok="true"]').waitFor({ timeout: 15_000 });
    expect(hookBodies.length).toBeGreaterThan(0);
    expect(hookBodies.some((b) => b.length > 0)).toBe(true);
  });

  it('looks right in both languages and themes', async () => {
    for (const [lang, theme] of [['en', 'light'], ['en', 'dark'], ['es', 'light'], ['es', 'dark']] as const) {
      await setLook(lang, theme);
      await byId('nav-health').click();
      await byId('health-service-filter').selectOption('');
      await rowState(CHECK, 'up', 15_000);
      await page.waitForTimeout(300);
      await shot(`page-${lang}-${theme}`);
    }
    expect(await byId('health-count-up').textContent()).toBe('1 OK');
    await byId('add-check').click();
    await visible('check-form');
    await shot('check-form-es-dark');
    await byId('check-form').getByTestId('cancel').click();
    await setLook('en', 'light');
  });
});
