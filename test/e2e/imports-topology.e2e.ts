import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, startServe, type BrowserSession, type ServeProcess } from './harness';

/**
 * Import through the UI, in Chromium against `opsdeck serve`: each seed system's folder
 * (test/fixtures/seeds/<system>) is picked in the Import dialog, previewed, applied, and drawn on
 * the Topology page; a node opens its service; the diagram exports as Mermaid, SVG and PNG.
 * Screenshots go to screenshots/topology-<seed>-<lang>-<theme>.png to be looked at.
 */

const ROOT = resolve(__dirname, '..', '..');
const OUT = join(ROOT, 'screenshots');
const SEEDS = [
  { folder: 'servistech', project: 'SERVISTECH ERP v4', mermaid: ['nginx --> api', 'nginx --> websocket', 'api -->|db| pgbouncer', 'api -->|cache| redis', 'cron -->|db| postgres', 'cron -.-> AWS_S3'] },
  {
    folder: 'studiozens',
    project: 'StudioZens',
    mermaid: ['studiozens_backend -->|db| studiozens_db', 'studiozens_backend -->|cache| studiozens_redis', 'studiozens_celery_worker -->|cache| studiozens_redis', 'studiozens_backend -.-> Twilio', 'studiozens_backend -.-> Gemini_API'],
  },
  {
    folder: 'prexcol',
    project: 'PREXCOL',
    mermaid: ['prexcol -.-> backend', 'backend -->|db| Postgres', 'backend -->|cache| Redis', 'celery_worker -->|cache| Redis', 'celery_beat -->|cache| Redis', 'celery_worker -.-> SendGrid', 'backend -.-> Sentry'],
  },
  { folder: 'inventario', project: 'Gestión de Inventario', mermaid: ['tu_dominio_com --> stock_management_app', 'stock_management_app -->|db| DATABASE'] },
  {
    folder: 'ia-comercial',
    project: 'IA Comercial',
    mermaid: ['tuempresa_com --> ia_comercial', 'Internet((Internet))', 'Internet --> tuempresa_com', 'ia_comercial -->|db| leads_db', 'ia_comercial -.-> OpenAI_API', 'ia_comercial -.-> WhatsApp_Cloud_API'],
  },
] as const;

let serve: ServeProcess;
let session: BrowserSession;
let page: Page;
const byId = (id: string) => page.getByTestId(id);

async function download(testId: string): Promise<{ name: string; body: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), byId(testId).click()]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), body: readFileSync(path!) };
}

async function showTopology(project: string): Promise<void> {
  await byId('nav-topology').click();
  await byId('topology-project').selectOption({ label: project });
  await page.locator('[data-testid="topology-stage"][data-status="ready"]').waitFor({ timeout: 20_000 });
  await page.waitForTimeout(150);
}

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  serve = await startServe();
  session = await launchBrowser({ locale: 'en-US', colorScheme: 'light' });
  page = session.page;
  await page.goto(serve.url);
  await byId('nav-inventory').waitFor({ timeout: 20_000 });
});

afterAll(async () => {
  await session?.close();
  await serve?.stop();
});

describe('import the seed systems and draw their topology', () => {
  for (const seed of SEEDS) {
    it(`${seed.folder}: picked as a folder, previewed, applied, drawn, exported`, async () => {
      await byId('nav-topology').click();
      await byId('topology-import').or(byId('topology-empty-import')).first().click();
      await byId('import-dialog').waitFor();
      await byId('import-target-project').selectOption('');
      await byId('import-folder').setInputFiles(join(ROOT, 'test', 'fixtures', 'seeds', seed.folder));
      // The files are read asynchronously and the folder's name is suggested once they are:
      // name the project after that, as a person would.
      await expect.poll(async () => byId('import-new-project').inputValue()).toBe(seed.folder);
      await byId('import-new-project').fill(seed.project);
      await byId('draft-review').waitFor({ timeout: 15_000 });
      await expect.poll(async () => byId('draft-item').count()).toBeGreaterThan(1);
      expect(await byId('draft-error').count(), 'no file of the seed has an error').toBe(0);
      // Every item shows where it came from.
      const sources = await byId('draft-source').allTextContents();
      expect(sources.filter((s) => s.trim()).every((s) => /:\d+(:\d+)?$/.test(s.trim()))).toBe(true);
      await page.screenshot({ path: join(OUT, `import-preview-${seed.folder}-en-light.png`) });
      await byId('import-apply').click();
      await byId('import-dialog').waitFor({ state: 'detached', timeout: 15_000 });

      await showTopology(seed.project);
      await page.screenshot({ path: join(OUT, `topology-${seed.folder}-en-light.png`) });

      const mmd = await download('topology-export-mermaid');
      const text = mmd.body.toString('utf8');
      expect(mmd.name).toMatch(/\.mmd$/);
      expect(text.startsWith('flowchart LR')).toBe(true);
      for (const edge of seed.mermaid) expect(text, text).toContain(edge);

      const svg = await download('topology-export-svg');
      expect(svg.body.toString('utf8')).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      const png = await download('topology-export-png');
      expect(png.body.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(png.body.length).toBeGreaterThan(2000);
      writeFileSync(join(OUT, `topology-export-${seed.folder}.png`), png.body);
      writeFileSync(join(OUT, `topology-export-${seed.folder}.mmd`), text);
    });
  }

  it('a click on a node opens its service', async () => {
    await showTopology('IA Comercial');
    await byId('topology-node-ia-comercial').click();
    await byId('service-detail').waitFor();
    expect(await byId('detail-title').textContent()).toContain('ia-comercial');
  });

  it('importing the same folder again shows everything unchanged', async () => {
    await byId('nav-topology').click();
    await byId('topology-import').click();
    await byId('import-target-project').selectOption({ label: 'StudioZens' });
    await byId('import-folder').setInputFiles(join(ROOT, 'test', 'fixtures', 'seeds', 'studiozens'));
    await byId('draft-review').waitFor({ timeout: 15_000 });
    await expect.poll(async () => byId('draft-item').count()).toBeGreaterThan(1);
    const actions = await byId('draft-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(new Set(actions)).toEqual(new Set(['unchanged']));
    expect(await byId('import-apply').isDisabled()).toBe(true);
    await byId('import-cancel').click();
  });

  it('screenshots every seed topology in Spanish and English, light and dark', async () => {
    for (const [lang, theme] of [['es', 'light'], ['en', 'dark'], ['es', 'dark']] as const) {
      await byId('nav-settings').click();
      await byId('settings-language').selectOption(lang);
      await byId('settings-theme').selectOption(theme);
      await page.locator(`html[lang="${lang}"][data-theme="${theme}"]`).waitFor({ state: 'attached' });
      for (const seed of SEEDS) {
        await showTopology(seed.project);
        await page.screenshot({ path: join(OUT, `topology-${seed.folder}-${lang}-${theme}.png`) });
      }
    }
  });
});
