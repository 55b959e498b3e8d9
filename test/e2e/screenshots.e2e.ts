import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { launchBrowser, startServe, type BrowserSession, type ServeProcess } from './harness';

/**
 * Saves a PNG of every page in English and Spanish, light and dark, on the demo inventory,
 * plus the vault setup and unlock screens and the command palette, to screenshots/ (git-ignored)
 * so a person can look at them. It asserts only that each screen rendered.
 */

const OUT = resolve(__dirname, '..', '..', 'screenshots');
const PAGES = ['inventory', 'topology', 'logs', 'metrics', 'health', 'backups', 'deploys', 'snapshots', 'settings'] as const;
const LANGS = ['en', 'es'] as const;
const THEMES = ['light', 'dark'] as const;
const PASSPHRASE = 'correct horse battery staple';

let serve: ServeProcess | null = null;
let session: BrowserSession | null = null;
let page: Page;

afterEach(async () => {
  await session?.close();
  await serve?.stop();
  session = null;
  serve = null;
});

const byId = (id: string) => page.getByTestId(id);
const shot = (name: string) => page.screenshot({ path: join(OUT, `${name}.png`) });

/** Restarts the server process on the same data folder; the address changes. */
async function restartServe(): Promise<string> {
  await serve!.restart();
  return serve!.url;
}

/** Waits until the document shows the language and theme asked for. */
async function waitFor(lang: string, theme: string): Promise<void> {
  await page.locator(`html[lang="${lang}"][data-theme="${theme}"]`).waitFor({ state: 'attached', timeout: 10_000 });
}

async function start(vaultKey?: null): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  serve = await startServe(vaultKey === null ? { vaultKey: null } : {});
  session = await launchBrowser({ locale: 'en-US', colorScheme: 'light' });
  page = session.page;
}

/** Extra screens worth looking at: a form with a rejected field, a confirmation, details. */
async function formsAndDetails(suffix: string): Promise<void> {
  await byId('nav-inventory').click();
  await byId('tree-env-IA Comercial/production').click();
  await byId('environment-detail').waitFor();
  await shot(`environment-${suffix}`);
  await byId('tree-host-ia-comercial-droplet').click();
  await byId('edit-host').click();
  await byId('host-port').fill('70000');
  await byId('host-form').getByTestId('save').click();
  await byId('host-port-error').waitFor();
  await shot(`host-form-error-${suffix}`);
  await byId('cancel').click();
  await byId('tree-service-ia-comercial').click();
  await byId('edit-service').click();
  await byId('service-form').waitFor();
  await shot(`service-form-${suffix}`);
  await byId('cancel').click();
  await byId('delete-service').click();
  await byId('confirm-dialog').waitFor();
  await shot(`confirm-${suffix}`);
  await byId('confirm-cancel').click();
  await byId('tree-credentials').click();
  await byId('credentials-section').waitFor();
  await shot(`credentials-${suffix}`);
  await byId('tree-host-ia-comercial-droplet').click();
}

describe('screenshots', () => {
  it('every page in en/es × light/dark, and the command palette', async () => {
    await start();
    await page.goto(serve!.url);
    await byId('demo-card').waitFor({ timeout: 20_000 });
    await shot('inventory-empty-en-light');
    await byId('demo-load').click();
    await byId('tree-project-IA Comercial').waitFor();
    // Show a host with what runs on it, and leave a finished job in Settings.
    await byId('tree-host-ia-comercial-droplet').click();
    await byId('host-detail').waitFor();
    await byId('nav-settings').click();
    await byId('jobs-start-selfcheck').click();
    await page.locator('[data-testid^="job-row-"][data-status="succeeded"]').first().waitFor({ timeout: 15_000 });

    for (const lang of LANGS) {
      for (const theme of THEMES) {
        await byId('nav-settings').click();
        await byId('settings-language').selectOption(lang);
        await byId('settings-theme').selectOption(theme);
        await waitFor(lang, theme);
        for (const p of PAGES) {
          await byId(`nav-${p}`).click();
          await byId(`page-${p}`).waitFor();
          if (p === 'topology') await page.locator('[data-testid="topology-stage"][data-status="ready"]').waitFor({ timeout: 20_000 });
          await shot(`${p}-${lang}-${theme}`);
        }
        await formsAndDetails(`${lang}-${theme}`);
        await page.keyboard.press('Control+k');
        await byId('palette-input').fill('ia com');
        await byId('palette-item').first().waitFor();
        await shot(`palette-${lang}-${theme}`);
        await page.keyboard.press('Escape');
        await byId('palette').waitFor({ state: 'detached' });
      }
    }
    expect(await byId('nav-inventory').count()).toBe(1);
  });

  it('the vault setup and unlock screens in en/es × light/dark', async () => {
    await start(null);
    await page.goto(serve!.url);
    await byId('vault-setup').waitFor({ timeout: 20_000 });
    for (const lang of LANGS) {
      for (const theme of THEMES) {
        await byId('vault-language').selectOption(lang);
        await byId('vault-theme').selectOption(theme);
        await waitFor(lang, theme);
        await shot(`setup-${lang}-${theme}`);
      }
    }
    await byId('vault-provider-passphrase').check();
    await byId('vault-passphrase').fill(PASSPHRASE);
    await byId('vault-passphrase-confirm').fill('a different one!');
    await byId('vault-setup-submit').click();
    await byId('vault-error').waitFor();
    await shot('setup-error');
    await byId('vault-passphrase-confirm').fill(PASSPHRASE);
    await byId('vault-setup-submit').click();
    await byId('nav-inventory').waitFor({ timeout: 20_000 });

    const url = await restartServe();
    await page.goto(url);
    await byId('vault-unlock').waitFor({ timeout: 20_000 });
    for (const lang of LANGS) {
      for (const theme of THEMES) {
        await byId('vault-language').selectOption(lang);
        await byId('vault-theme').selectOption(theme);
        await waitFor(lang, theme);
        await shot(`unlock-${lang}-${theme}`);
      }
    }
    await byId('vault-passphrase').fill('not the passphrase');
    await byId('vault-unlock-submit').click();
    await byId('vault-error').waitFor();
    await shot('unlock-error');
    await byId('vault-passphrase').fill(PASSPHRASE);
    await byId('vault-unlock-submit').click();
    await byId('nav-inventory').waitFor({ timeout: 20_000 });
  });
});
