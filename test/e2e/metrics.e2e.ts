import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIaComercial, type IaComercialDroplet } from '../fleet/ia-comercial';
import { startServistech, type ServistechDroplet } from '../fleet/servistech';
import { fleetUi } from './fleet-ui';
import { launchBrowser, startServe, type BrowserSession, type ServeProcess } from './harness';

/**
 * Metrics through the UI in real Chromium against `opsdeck serve` and a real droplet of the
 * test fleet (IA Comercial: sshd, PM2, nginx): add and trust the host, start monitoring it every
 * second from the Metrics page, watch the charts fill live (points grow between refreshes
 * without reloading), switch the range, edit a threshold, and take screenshots in en/es ×
 * light/dark; then a PostgreSQL service on the SERVISTECH droplet (reached through its host's
 * SSH connection, password from a database-URL credential): its charts and slowest statements.
 */

const OUT = resolve(__dirname, '..', '..', 'screenshots');

let serve: ServeProcess;
let session: BrowserSession;
let page: Page;
let ia: IaComercialDroplet;
let st: ServistechDroplet | null = null;

const { byId, visible, save, setLook, createFleetEnvironment, addTrustedDroplet } = fleetUi(() => page);
const shot = (name: string) => page.screenshot({ path: join(OUT, `metrics-${name}.png`), fullPage: false });

/** Polls an attribute until the predicate holds. */
async function waitAttr(id: string, attr: string, ok: (v: string) => boolean, timeout = 30_000): Promise<string> {
  const end = Date.now() + timeout;
  let last = '';
  while (Date.now() < end) {
    last = (await byId(id).first().getAttribute(attr)) ?? '';
    if (ok(last)) return last;
    await page.waitForTimeout(200);
  }
  throw new Error(`${id}[${attr}] never matched; last value: ${last}`);
}

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  ia = await startIaComercial();
  serve = await startServe();
  session = await launchBrowser({ locale: 'en-US', colorScheme: 'light' });
  page = session.page;
  await page.goto(serve.url);
  await visible('nav-inventory', 20_000);
  await createFleetEnvironment();
  // The droplet as a host, its key trusted through the SSH section (as a user does).
  await addTrustedDroplet(ia, 'ia-comercial', { provider: 'digitalocean' });
}, 180_000);

afterAll(async () => {
  await session?.close();
  await serve?.stop();
  await ia?.stop();
  await st?.stop();
});

describe('metrics through the UI', () => {
  it('offers to start monitoring an unmonitored host, from its detail pane', async () => {
    await byId('host-open-metrics').click();
    await visible('page-metrics');
    expect(await byId('metrics-target').inputValue()).toMatch(/^host:/);
    await page.locator('[data-testid="monitor-panel"][data-enabled="false"]').waitFor({ timeout: 15_000 });
    await byId('monitor-interval').fill('1');
    expect((await byId('monitor-start').textContent())?.trim()).toBe('Start monitoring (every 1 s)');
    await shot('not-monitored-en-light');
  });

  it('starts monitoring and the charts fill live', async () => {
    await byId('monitor-start').click();
    await page.locator('[data-testid="monitor-panel"][data-enabled="true"]').waitFor({ timeout: 15_000 });
    await visible('metric-group-CPU', 30_000);
    const cpu = 'metric-chart-CPU-percent';
    await visible(cpu, 20_000);
    // Two live refreshes in a row, each with more points than the one before, without any reload.
    const fetches0 = Number(await byId('metrics-live').getAttribute('data-fetches'));
    const p1 = Number(await waitAttr(cpu, 'data-points', (v) => Number(v) >= 1));
    const p2 = Number(await waitAttr(cpu, 'data-points', (v) => Number(v) > p1));
    const p3 = Number(await waitAttr(cpu, 'data-points', (v) => Number(v) > p2));
    expect(p3).toBeGreaterThan(p1);
    expect(Number(await byId('metrics-live').getAttribute('data-fetches'))).toBeGreaterThan(fetches0);
    await waitAttr('monitor-last-poll', 'class', () => true);
    expect(await byId('monitor-last-poll').textContent()).toMatch(/Last poll .* took \d+ ms/);
    // The groups of a host with PM2 on it, each value formatted with its unit.
    for (const g of ['CPU', 'Memory', 'Disk', 'Network', 'PM2']) await visible(`metric-group-${g}`, 30_000);
    await expect.poll(async () => (await byId('metric-chart-CPU-percent').getByTestId('metric-now').first().textContent()) ?? '', { timeout: 15_000 }).toMatch(/^\d+([.,]\d+)? %$/);
    await expect.poll(async () => (await byId('metric-chart-Memory-bytes').getByTestId('metric-now').first().textContent()) ?? '', { timeout: 15_000 }).toMatch(/(KiB|MiB|GiB)$/);
    expect(await byId('metric-chart-PM2-percent').getAttribute('data-keys')).toContain('pm2.cpu:ia-comercial');
    // The CPU threshold is drawn with its value.
    expect(await byId(cpu).getAttribute('data-thresholds')).toBe('70');
    await byId(cpu).getByText('≥ 70 %').waitFor({ timeout: 15_000 });
    await page.waitForTimeout(1500);
    await shot('live-en-light');
  });

  it('switches range and shows the resolution it answers with', async () => {
    expect(await byId('metrics-resolution').getAttribute('data-resolution')).toBe('raw');
    await byId('range-7d').click();
    await waitAttr('metrics-resolution', 'data-resolution', (v) => v === '1m');
    expect(await byId('range-7d').getAttribute('aria-pressed')).toBe('true');
    expect(await byId('metrics-resolution').textContent()).toBe('Averages per minute');
    await byId('range-15m').click();
    await waitAttr('metrics-resolution', 'data-resolution', (v) => v === 'raw');
    await visible('metric-chart-CPU-percent');
    await waitAttr('metric-chart-CPU-percent', 'data-points', (v) => Number(v) > 0);
  });

  it('shows a PM2 service’s own charts', async () => {
    await byId('nav-inventory').click();
    await byId('tree-host-ia-comercial').click();
    await byId('add-service').click();
    await byId('service-name').fill('ia-app');
    await byId('service-kind').selectOption('pm2-app');
    await byId('service-pm2-name').fill(ia.pm2AppName);
    await save('service-form');
    await byId('tree-service-ia-app').click();
    await byId('service-open-metrics').click();
    await visible('page-metrics');
    expect(await byId('metrics-target').inputValue()).toMatch(/^service:/);
    // The service is polled with its host: same monitor panel, its PM2 process charted.
    await page.locator('[data-testid="monitor-panel"][data-enabled="true"]').waitFor({ timeout: 15_000 });
    await visible('metric-group-PM2', 30_000);
    await waitAttr('metric-chart-PM2-percent', 'data-points', (v) => Number(v) > 0);
    // A service's series are its own process's: keys without the instance part.
    expect((await byId('metric-chart-PM2-percent').getAttribute('data-keys'))?.split(' ')).toContain('pm2.cpu');
    await expect.poll(async () => (await byId('metric-chart-PM2-bytes').getByTestId('metric-now').first().textContent()) ?? '', { timeout: 15_000 }).toMatch(/MiB$/);
    await page.waitForTimeout(1000);
    await shot('pm2-service-en-light');
    await byId('metrics-target').selectOption({ label: 'ia-comercial — production' });
    await visible('metric-group-CPU', 15_000);
  });

  it('edits a threshold and resets it to the default', async () => {
    await byId('metrics-thresholds').click();
    await visible('thresholds-dialog');
    const row = byId('threshold-row-host.cpu');
    expect(await row.getByTestId('threshold-value').inputValue()).toBe('70');
    expect(await row.getByTestId('threshold-origin').textContent()).toBe('Default');
    await row.getByTestId('threshold-value').fill('55');
    await row.getByTestId('threshold-save').click();
    await expect.poll(async () => row.getByTestId('threshold-origin').textContent()).toBe('You');
    await shot('thresholds-en-light');
    await byId('thresholds-close').click();
    await waitAttr('metric-chart-CPU-percent', 'data-thresholds', (v) => v === '55', 10_000);
    await byId('metric-chart-CPU-percent').getByText('≥ 55 %').waitFor({ timeout: 10_000 });
    await byId('metrics-thresholds').click();
    await byId('threshold-row-host.cpu').getByTestId('threshold-reset').click();
    await expect.poll(async () => byId('threshold-row-host.cpu').getByTestId('threshold-origin').textContent()).toBe('Default');
    expect(await byId('threshold-row-host.cpu').getByTestId('threshold-value').inputValue()).toBe('70');
    await byId('thresholds-close').click();
    await waitAttr('metric-chart-CPU-percent', 'data-thresholds', (v) => v === '70', 10_000);
  });

  it('looks right in both languages and themes', async () => {
    for (const [lang, theme] of [['en', 'dark'], ['es', 'light'], ['es', 'dark']] as const) {
      await setLook(lang, theme);
      await byId('nav-metrics').click();
      await visible('metric-chart-CPU-percent', 15_000);
      await waitAttr('metric-chart-CPU-percent', 'data-points', (v) => Number(v) > 0);
      await page.waitForTimeout(800);
      await shot(`live-${lang}-${theme}`);
    }
    expect(await byId('range-7d').textContent()).toBe('7 días');
    await setLook('en', 'light');
  });

  it('shows a failing poll with its error and hint, and recovers', async () => {
    await byId('nav-metrics').click();
    await page.locator('[data-testid="monitor-panel"][data-enabled="true"]').waitFor({ timeout: 15_000 });
    await ia.kill();
    try {
      await visible('monitor-error', 30_000);
      expect((await byId('monitor-error').textContent())?.length).toBeGreaterThan(10);
      expect(((await byId('monitor-error-hint').textContent()) ?? '').trim().length).toBeGreaterThan(0);
      await shot('poll-error-en-light');
    } finally {
      await ia.start();
    }
    await byId('monitor-error').waitFor({ state: 'detached', timeout: 45_000 });
  });

  it('stops monitoring', async () => {
    await byId('nav-metrics').click();
    await byId('monitor-stop').click();
    await page.locator('[data-testid="monitor-panel"][data-enabled="false"]').waitFor({ timeout: 15_000 });
    await visible('monitor-start');
  });
});

describe('PostgreSQL metrics through the UI', () => {
  it('charts a PostgreSQL service and lists its slowest statements', async () => {
    st = await startServistech();
    // The droplet as a host (trusted), a database-URL credential, the PostgreSQL service on it.
    await byId('nav-inventory').click();
    await byId('tree-env-Fleet/production').click();
    await byId('add-host').click();
    await byId('host-name').fill('servistech');
    await byId('host-address').fill(st.host);
    await byId('host-port').fill(String(st.port));
    await byId('host-user').fill(st.user);
    await byId('host-auth').selectOption('key');
    await byId('host-private-key').fill(st.clientKey);
    await save('host-form');
    await byId('tree-host-servistech').click();
    await byId('ssh-test').click();
    await visible('trust-dialog', 30_000);
    await byId('trust-accept').click();
    await page.locator('[data-testid="ssh-status"][data-state="connected"]').waitFor({ timeout: 30_000 });
    await byId('tree-credentials').click();
    await byId('add-credential').click();
    await byId('credential-name').fill('servistech-db');
    await byId('credential-kind').selectOption('database-url');
    await byId('credential-value').fill(`postgresql://${st.dbUser}:${encodeURIComponent(st.dbPassword)}@127.0.0.1:${st.postgresPort}/${st.database}`);
    await save('credential-form');
    await byId('tree-host-servistech').click();
    await byId('add-service').click();
    await byId('service-name').fill('servistech-db');
    await byId('service-kind').selectOption('postgres');
    await byId('service-credential').selectOption({ label: 'servistech-db (Database URL)' });
    await byId('service-port').fill(String(st.postgresPort));
    await byId('service-database-name').fill(st.database);
    await save('service-form');
    await byId('tree-service-servistech-db').click();
    await byId('service-open-metrics').click();
    await visible('page-metrics');
    await page.locator('[data-testid="monitor-panel"][data-enabled="false"]').waitFor({ timeout: 15_000 });
    await byId('monitor-interval').fill('2');
    await byId('monitor-start').click();
    await visible('metric-group-PostgreSQL', 45_000);
    await waitAttr('metric-chart-PostgreSQL-count', 'data-points', (v) => Number(v) > 0, 30_000);
    await visible('metric-chart-PostgreSQL-bytes', 30_000);
    // Slowest statements from pg_stat_statements (preloaded on this droplet).
    await visible('pg-statements');
    await expect.poll(async () => byId('pg-statement').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await byId('pg-statements-unavailable').count()).toBe(0);
    await page.waitForTimeout(2500);
    await byId('range-15m').click();
    await page.waitForTimeout(1000);
    await shot('postgres-en-light');
    await byId('pg-statements').scrollIntoViewIfNeeded();
    await shot('pg-statements-en-light');
    await byId('monitor-stop').click();
    await page.locator('[data-testid="monitor-panel"][data-enabled="false"]').waitFor({ timeout: 15_000 });
  }, 180_000);
});
