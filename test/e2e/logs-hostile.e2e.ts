import { appendFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIaComercial, type IaComercialDroplet } from '../fleet/ia-comercial';
import { fleetUi } from './fleet-ui';
import { launchBrowser, startServe, type BrowserSession, type ServeProcess } from './harness';

/**
 * Hostile log lines in real Chromium: 200 lines written to a followed file on the IA Comercial
 * droplet (its nginx error log) carrying HTML and script payloads, `javascript:` links, ANSI
 * escapes, invalid UTF-8, NUL and other controls, bidi overrides and three 1 MB lines. They
 * must show as text (searchable, visible), run nothing (no `window.__pwned`, no dialog, no
 * element created from them), and leave the viewer scrolling, searching and answering clicks,
 * with no console errors.
 */

const OUT = resolve(__dirname, '..', '..', 'screenshots');
const MB = 1024 * 1024;

let serve: ServeProcess;
let session: BrowserSession;
let page: Page;
let ia: IaComercialDroplet;
const consoleErrors: string[] = [];
const dialogs: string[] = [];

const { byId, visible, gone, createFleetEnvironment, addTrustedDroplet } = fleetUi(() => page);
async function matchCount(): Promise<number> {
  if (!(await byId('logs-match-count').count())) return 0;
  return Number(await byId('logs-match-count').getAttribute('data-count'));
}
async function rowTexts(): Promise<string[]> {
  return page.locator('[data-testid="log-row"] [data-testid="log-text"]').allTextContents();
}

/** Elements that a payload turned into HTML would add to the page (evaluated in the page). */
const COUNT_ELEMENTS = "({ img: document.images.length, script: document.scripts.length, iframe: document.querySelectorAll('iframe').length })";

const tag = `HOSTILE${Date.now().toString(36)}`;

/** The payloads, cycled over 197 lines; three 1 MB lines complete the 200. */
const PAYLOADS: Array<string | Buffer> = [
  '<img src=x onerror=window.__pwned=1>',
  '<script>window.__pwned=2</script>',
  '<a href="javascript:window.__pwned=3">click me</a>',
  '<iframe srcdoc="<script>parent.__pwned=4</script>"></iframe>',
  '<svg onload=window.__pwned=5><circle r=5 /></svg>',
  '"><img src=x onerror=alert(1)>',
  '\u001b[31mRED\u001b[0m \u001b]0;title\u0007 \u001b[2J\u001b[H',
  Buffer.from([0x69, 0x6e, 0x76, 0x61, 0x6c, 0x69, 0x64, 0x20, 0xff, 0xfe, 0xc3, 0x28, 0x20, 0xe2, 0x82]),
  'nul\u0000bs\u0008del\u007fbell\u0007end',
  'user\u202Egnp.exe \u2066isolate\u2069 \u200Fmark',
  '{{constructor.constructor("window.__pwned=6")()}} ${window.__pwned=7}',
  '&lt;b&gt;entities&lt;/b&gt; &#60;script&#62;',
];

function hostileLines(): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i < 197; i++) {
    const p = PAYLOADS[i % PAYLOADS.length]!;
    parts.push(Buffer.from(`${tag} ${String(i).padStart(3, '0')} `), typeof p === 'string' ? Buffer.from(p) : p, Buffer.from('\n'));
  }
  for (let i = 0; i < 3; i++) parts.push(Buffer.from(`${tag} BIG${i} `), Buffer.alloc(MB, i === 1 ? '<img src=x onerror=window.__pwned=8>' : 'X'), Buffer.from('\n'));
  return Buffer.concat(parts);
}

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  ia = await startIaComercial();
  serve = await startServe();
  session = await launchBrowser({ locale: 'en-US', colorScheme: 'light' });
  page = session.page;
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  await session.browser.contexts()[0]!.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: serve.origin });
  await page.goto(serve.url);
  await visible('nav-inventory', 20_000);
  // Without any host, the Logs page says what to do first.
  await byId('nav-logs').click();
  await visible('logs-no-hosts');
  expect(await byId('logs-no-hosts').textContent()).toContain('Add a host with SSH access in the Inventory');
  await byId('logs-go-inventory').click();
  await createFleetEnvironment();
  await addTrustedDroplet(ia, 'ia-comercial');
}, 180_000);

afterAll(async () => {
  await session?.close();
  await serve?.stop();
  await ia?.stop();
});

describe('hostile log lines', () => {
  it('shows 200 hostile lines from a followed file as text and runs none of them', async () => {
    await byId('host-open-logs').click();
    await visible('page-logs');
    const label = `nginx error log — ${ia.serverName}`;
    const errorLog = page.locator(`[data-testid="logs-source"][data-label="${label}"]`);
    await errorLog.waitFor({ timeout: 30_000 });
    for (const chip of await page.locator('[data-testid="logs-source"]').all()) {
      const check = chip.getByTestId('logs-source-check');
      const want = (await chip.getAttribute('data-label')) === label;
      if ((await check.isChecked()) !== want) await check.click();
    }
    await page.locator(`[data-testid="logs-source"][data-label="${label}"][data-state="following"]`).waitFor({ timeout: 30_000 });
    const before = await page.evaluate(COUNT_ELEMENTS);

    appendFileSync(ia.nginxErrorLog, hostileLines());

    await byId('logs-search').fill(tag);
    await expect.poll(matchCount, { timeout: 60_000 }).toBe(200);

    // Nothing ran, nothing was created from the lines.
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(dialogs).toEqual([]);
    const inViewer = await byId('log-viewer').evaluate((el) => el.querySelectorAll('img, script, a, iframe, svg, object, embed, style, link, video, audio, form').length);
    expect(inViewer).toBe(0);
    const after = await page.evaluate(COUNT_ELEMENTS);
    expect(after).toEqual(before);

    // The literal payloads are there as text, and searchable.
    await byId('logs-search').fill('<img src=x onerror=window.__pwned=1>');
    await expect.poll(matchCount).toBe(17);
    await byId('logs-only-matching').check();
    await expect.poll(async () => (await rowTexts()).filter((x) => x.includes('<img src=x onerror=window.__pwned=1>')).length).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="log-row"] mark').first().textContent()).toBe('<img src=x onerror=window.__pwned=1>');
    await byId('logs-search').fill('<script>window.__pwned=2</script>');
    await expect.poll(async () => (await rowTexts()).some((x) => x.includes('<script>window.__pwned=2</script>'))).toBe(true);
    await byId('logs-search').fill('javascript:window.__pwned=3');
    await expect.poll(async () => (await rowTexts()).some((x) => x.includes('<a href="javascript:window.__pwned=3">click me</a>'))).toBe(true);

    // ANSI escapes and controls in caret notation (cat -v), bidi overrides by code point.
    await byId('logs-search').fill('[31mRED');
    await expect.poll(async () => (await rowTexts()).some((x) => x.includes('^[[31mRED^[[0m ^[]0;title^G ^[[2J^[[H'))).toBe(true);
    await byId('logs-search').fill('bs');
    await expect.poll(async () => (await rowTexts()).some((x) => x.includes('nul^@bs^Hdel^?bell^Gend'))).toBe(true);
    await byId('logs-search').fill('gnp.exe');
    await expect.poll(async () => (await rowTexts()).some((x) => x.includes('user⟨U+202E⟩gnp.exe ⟨U+2066⟩isolate⟨U+2069⟩ ⟨U+200F⟩mark'))).toBe(true);
    // Invalid UTF-8 arrives as U+FFFD.
    await byId('logs-search').fill('invalid ');
    await expect.poll(async () => (await rowTexts()).some((x) => /invalid \uFFFD/.test(x))).toBe(true);

    // A screenful of the different payloads, as shown.
    await byId('logs-search-regex').click();
    await byId('logs-search').fill(`${tag} 0[0-2]\\d `);
    await expect.poll(matchCount).toBe(30);
    await page.screenshot({ path: join(OUT, 'logs-hostile-en-light.png') });
    await byId('logs-search-regex').click();

    // 1 MB lines: the first part in the row, "… N more characters", the core's cut announced.
    await byId('logs-search').fill(`${tag} BIG`);
    await expect.poll(() => page.locator('[data-testid="log-row"]').count()).toBe(3);
    const more = page.locator('[data-testid="log-row"]').nth(1).getByTestId('log-more');
    expect(await more.textContent()).toMatch(/… [\d,.]+ more characters \+[\d,.]+ bytes not received/);
    await more.click();
    await visible('log-detail');
    const detailLength = await byId('log-detail-text').evaluate((el) => el.textContent?.length ?? 0);
    expect(detailLength).toBe(65536);
    await visible('log-detail-cut');
    expect(await byId('log-detail').evaluate((el) => el.querySelectorAll('img, script').length)).toBe(0);
    await byId('log-detail-copy').click();
    const copied = (await page.evaluate('navigator.clipboard.readText()')) as string;
    expect(copied.length).toBe(65536);
    expect(copied.startsWith(`${tag} BIG1 <img src=x onerror=window.__pwned=8>`)).toBe(true);
    await page.screenshot({ path: join(OUT, 'logs-hostile-long-en-light.png') });
    await byId('log-detail-close').click();
    await gone('log-detail');
    await byId('logs-only-matching').uncheck();
    await byId('logs-search').fill('');
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
  });

  it('keeps scrolling, searching and answering clicks, with no console errors', async () => {
    const viewer = byId('log-viewer');
    await viewer.hover();
    await page.mouse.wheel(0, -100_000);
    await expect.poll(() => viewer.evaluate((el) => el.scrollTop)).toBe(0);
    expect(await byId('logs-follow').getAttribute('data-state')).toBe('paused');
    await page.mouse.wheel(0, 100_000);
    await expect.poll(() => viewer.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)).toBeLessThan(2);
    await expect.poll(() => byId('logs-follow').getAttribute('data-state')).toBe('following');

    // Regex search over the hostile lines still counts.
    await byId('logs-search-regex').click();
    await byId('logs-search').fill(`${tag} \\d{3} <(img|script)`);
    await expect.poll(matchCount).toBe(34);
    await byId('logs-search').fill('');
    await byId('logs-search-regex').click();

    // A click answers at once.
    const t0 = Date.now();
    await byId('logs-follow').click();
    await page.locator('[data-testid="logs-follow"][data-state="paused"]').waitFor({ timeout: 2000 });
    expect(Date.now() - t0).toBeLessThan(2000);
    await byId('logs-follow').click();

    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
