import { appendFileSync, chownSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIaComercial, type IaComercialDroplet } from '../fleet/ia-comercial';
import { fleetUi } from './fleet-ui';
import { launchBrowser, startServe, type BrowserSession, type ServeProcess } from './harness';

/**
 * Live logs through the UI only, in real Chromium against `opsdeck serve` and the IA Comercial
 * droplet of the test fleet: follow its nginx access log and its PM2 output merged by time,
 * make real HTTP requests through its nginx (some answered 500 by `/api/fail`) and see them
 * arrive; search (text, regex, invalid regex), filter 5xx, pause and resume with "N new lines",
 * jump to a time, copy, export, clear; the live access analytics and a whole-file analysis;
 * the palette's "logs <service>" and the service's "Open logs". Screenshots en/es × light/dark.
 */

const OUT = resolve(__dirname, '..', '..', 'screenshots');

let serve: ServeProcess;
let session: BrowserSession;
let page: Page;
let ia: IaComercialDroplet;
const consoleErrors: string[] = [];
/** `logs.data` frames the page received over its WebSocket. */
const logFrames = { n: 0 };

const { byId, visible, gone, save, setLook, createFleetEnvironment, addTrustedDroplet } = fleetUi(() => page);
const shot = (name: string) => page.screenshot({ path: join(OUT, `logs-${name}.png`) });

/** A request through the droplet's nginx (proxied to the PM2 app unless static). */
async function request(path: string): Promise<number> {
  const res = await fetch(`http://${ia.host}:${ia.nginxPort}${path}`, { headers: { 'user-agent': 'opsdeck-e2e' } });
  await res.arrayBuffer();
  sent.push(res.status);
  return res.status;
}
/** The status of every request made through the droplet's nginx (its access log holds exactly these). */
const sent: number[] = [];

/** The source chip whose label starts with this text. */
const source = (prefix: string) => page.locator(`[data-testid="logs-source"][data-label^="${prefix}"]`);

async function choose(prefix: string, on: boolean): Promise<void> {
  const check = source(prefix).getByTestId('logs-source-check');
  if ((await check.isChecked()) !== on) await check.click();
}

async function following(prefix: string): Promise<void> {
  await page.locator(`[data-testid="logs-source"][data-label^="${prefix}"][data-state="following"]`).waitFor({ timeout: 30_000 });
}

async function count(attr: 'data-shown' | 'data-total' | 'data-received'): Promise<number> {
  return Number(await byId('logs-counts').getAttribute(attr));
}

async function matchCount(): Promise<number> {
  if (!(await byId('logs-match-count').count())) return 0;
  return Number(await byId('logs-match-count').getAttribute('data-count'));
}

async function search(text: string, opts: { regex?: boolean } = {}): Promise<void> {
  const regexOn = (await byId('logs-search-regex').getAttribute('aria-pressed')) === 'true';
  if (regexOn !== !!opts.regex) await byId('logs-search-regex').click();
  await byId('logs-search').fill(text);
}

/** Texts of the rows in the DOM (the viewer is virtual: those on screen and a few around). */
async function rowTexts(): Promise<string[]> {
  return page.locator('[data-testid="log-row"] [data-testid="log-text"]').allTextContents();
}

async function ensureFollowing(): Promise<void> {
  if ((await byId('logs-follow').getAttribute('data-state')) === 'paused') await byId('logs-follow').click();
  expect(await byId('logs-follow').getAttribute('data-state')).toBe('following');
}

async function addService(name: string, kind: string, config: Record<string, string>): Promise<void> {
  await byId('nav-inventory').click();
  await byId('tree-host-ia-comercial').click();
  await byId('host-detail').getByTestId('add-service').click();
  await byId('service-name').fill(name);
  await byId('service-kind').selectOption(kind);
  for (const [id, value] of Object.entries(config)) await byId(id).fill(value);
  await save('service-form');
  await visible(`tree-service-${name}`);
}

/** The logs of the droplet's two services (a host offers its own files too, e.g. /var/log/nginx/access.log). */
const ACCESS = 'nginx access log — ia-web';
const PM2_OUT = 'PM2 output — ia-comercial';

const tag = `e2e${Date.now().toString(36)}`;

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
  page.on('websocket', (ws) =>
    ws.on('framereceived', (f) => {
      if (typeof f.payload === 'string' && f.payload.includes('"logs.data"')) logFrames.n++;
    }),
  );
  await session.browser.contexts()[0]!.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: serve.origin });
  // Keeps the page's WebSockets reachable, to drop the link to Opsdeck on purpose.
  await page.addInitScript(`(() => { const W = window.WebSocket; window.__sockets = []; window.WebSocket = class extends W { constructor(...a) { super(...a); window.__sockets.push(this); } }; })()`);
  await page.goto(serve.url);
  await visible('nav-inventory', 20_000);
  await createFleetEnvironment();
  await addTrustedDroplet(ia, 'ia-comercial');
  // The two services of the droplet, as a scan would propose them.
  await addService('ia-web', 'nginx-site', { 'service-server-names': ia.serverName });
  await addService('ia-app', 'pm2-app', { 'service-pm2-name': ia.pm2AppName });
}, 180_000);

afterAll(async () => {
  await session?.close();
  await serve?.stop();
  await ia?.stop();
});

describe('live logs through the UI', () => {
  it('opens on the host selected in the inventory, and says what to do without a target', async () => {
    await byId('nav-inventory').click();
    await byId('tree-host-ia-comercial').click();
    await byId('nav-logs').click();
    await visible('page-logs');
    expect(await byId('logs-target').inputValue()).toMatch(/^host:/);
    await source(ACCESS).waitFor({ timeout: 30_000 });
    await byId('logs-target').selectOption('');
    await visible('logs-pick');
    expect(await byId('logs-pick').textContent()).toContain('Pick a service or a host above');
    expect(await page.locator('[data-testid="logs-source"]').count()).toBe(0);
  });

  it('follows the nginx access log and the PM2 output of the droplet, merged by time', async () => {
    await byId('nav-inventory').click();
    await byId('tree-host-ia-comercial').click();
    await byId('host-open-logs').click();
    await visible('page-logs');
    // The host offers the logs of the services it runs and its own files.
    await source(ACCESS).waitFor({ timeout: 30_000 });
    await source(PM2_OUT).waitFor();
    await choose(ACCESS, true);
    await choose(PM2_OUT, true);
    await following(ACCESS);
    await following(PM2_OUT);

    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push(await request(`/health?t=${tag}-ok-${i}`));
    for (let i = 0; i < 5; i++) statuses.push(await request(`/api/fail?t=${tag}-fail-${i}`));
    for (let i = 0; i < 3; i++) statuses.push(await request(`/nope?t=${tag}-missing-${i}`));
    expect(statuses.filter((s) => s === 500)).toHaveLength(5);
    expect(statuses.filter((s) => s === 404)).toHaveLength(3);

    // Each request is one nginx access line and one PM2 line (the app's winston JSON on stdout).
    await search(tag);
    await expect.poll(matchCount, { timeout: 30_000 }).toBe(36);
    const sources = await page.locator('[data-testid="log-row"]').evaluateAll((rows, t) =>
      rows.filter((r) => r.textContent?.includes(t as string)).map((r) => r.getAttribute('data-source') ?? ''), tag);
    expect(sources.some((s) => s === ACCESS)).toBe(true);
    expect(sources.some((s) => s === PM2_OUT)).toBe(true);
    // The nginx line of a failed request carries its status, highlighted by class.
    const failRow = page.locator('[data-testid="log-row"][data-status="500"]').filter({ hasText: `${tag}-fail-0` });
    await expect.poll(() => failRow.count()).toBeGreaterThan(0);
    expect(await failRow.first().getByTestId('log-status').getAttribute('class')).toContain('st-5xx');
    await shot('following-en-light');
  });

  it('searches text and regex, navigates matches and explains an invalid regex', async () => {
    await search(`${tag}-fail-`);
    await expect.poll(matchCount).toBe(10);
    await byId('logs-match-next').click();
    await expect.poll(async () => (await byId('logs-match-count').textContent()) ?? '').toMatch(/^1 of 10 lines$/);
    await expect.poll(() => page.locator('[data-testid="log-row"].is-current').count()).toBe(1);
    expect(await page.locator('[data-testid="log-row"].is-current mark').first().textContent()).toBe(`${tag}-fail-`);
    await byId('logs-match-next').click();
    await expect.poll(async () => (await byId('logs-match-count').textContent()) ?? '').toMatch(/^2 of 10 lines$/);
    await byId('logs-match-prev').click();
    await byId('logs-match-prev').click();
    await expect.poll(async () => (await byId('logs-match-count').textContent()) ?? '').toMatch(/^10 of 10 lines$/);
    // Following stopped while looking at a match.
    expect(await byId('logs-follow').getAttribute('data-state')).toBe('paused');

    await search(`${tag}-(ok|missing)-[0-2]\\b`, { regex: true });
    await expect.poll(matchCount).toBe(2 * (3 + 3));
    await search('([a-z', { regex: true });
    await visible('logs-search-error');
    expect(await byId('logs-search-error').textContent()).toMatch(/^Not a valid regular expression: /);
    expect(await byId('logs-match-count').count()).toBe(0);
    await search('');
    await gone('logs-search-error');
    expect(await byId('logs-search-regex').getAttribute('aria-pressed')).toBe('false');
    await byId('logs-follow').click();
    expect(await byId('logs-follow').getAttribute('data-state')).toBe('following');
  });

  it('filters 5xx, by level and by path, then shows everything again', async () => {
    await byId('logs-status-5xx').click();
    const statuses = () => page.locator('[data-testid="log-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status') ?? ''));
    // The view is rebuilt on the next frame: wait until only 5xx rows are left.
    await expect.poll(async () => (await statuses()).every((s) => /^5\d\d$/.test(s))).toBe(true);
    expect((await statuses()).length).toBeGreaterThanOrEqual(5);
    expect((await rowTexts()).filter((x) => x.includes(`${tag}-fail-`))).toHaveLength(5);
    await shot('filter-5xx-en-light');
    await byId('logs-status-5xx').click();

    // Level "error": the app's own lines for the failed requests (winston level error).
    await byId('logs-level-error').click();
    const levels = () => page.locator('[data-testid="log-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-level') ?? ''));
    await expect.poll(async () => (await levels()).every((l) => l === 'error')).toBe(true);
    await expect.poll(async () => (await rowTexts()).filter((x) => x.includes(`${tag}-fail-`)).length).toBeGreaterThanOrEqual(5);
    await byId('logs-level-error').click();

    await byId('logs-path').fill('/nope');
    await expect.poll(async () => (await rowTexts()).every((x) => x.includes('/nope'))).toBe(true);
    expect((await rowTexts()).filter((x) => x.includes(`${tag}-missing-`))).toHaveLength(3);
    await byId('logs-reset-filters').click();
    await gone('logs-reset-filters');
    const total = await count('data-total');
    await expect.poll(() => count('data-shown')).toBe(total);
  });

  it('pauses when scrolled up, counts new lines, and resumes at the bottom', async () => {
    // Enough lines to scroll.
    await Promise.all(Array.from({ length: 40 }, (_, i) => request(`/health?t=${tag}-fill-${i}`)));
    await search(`${tag}-fill-`);
    await expect.poll(matchCount, { timeout: 30_000 }).toBe(80);
    await search('');
    const viewer = byId('log-viewer');
    await viewer.hover();
    await page.mouse.wheel(0, -3000);
    await expect.poll(() => byId('logs-follow').getAttribute('data-state')).toBe('paused');
    await visible('logs-new-lines');
    // The wheel scrolls smoothly: wait until it has settled at the top.
    await expect.poll(() => viewer.evaluate((el) => el.scrollTop)).toBe(0);
    const topBefore = await viewer.evaluate((el) => el.scrollTop);
    for (let i = 0; i < 3; i++) await request(`/health?t=${tag}-late-${i}`);
    await expect.poll(async () => Number(await byId('logs-new-lines').getAttribute('data-count')), { timeout: 30_000 }).toBe(6);
    expect(await byId('logs-new-lines').textContent()).toBe('6 new lines ↓');
    // Paused: the screen did not move while lines arrived.
    expect(Math.abs((await viewer.evaluate((el) => el.scrollTop)) - topBefore)).toBeLessThan(2);
    await byId('logs-new-lines').click();
    await expect.poll(() => byId('logs-follow').getAttribute('data-state')).toBe('following');
    await gone('logs-new-lines');
    await expect.poll(() => viewer.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)).toBeLessThan(2);
    expect((await rowTexts()).some((x) => x.includes(`${tag}-late-2`))).toBe(true);
  });

  it('jumps to a time, copies selected lines, exports the filtered lines and clears', async () => {
    // Jump to the first "late" request: the row chosen is at or after that time.
    const firstLate = page.locator('[data-testid="log-row"]').filter({ hasText: `${tag}-late-0` }).first();
    const title = await firstLate.locator('.log-time').getAttribute('title');
    const lateMs = Date.parse(title!.slice(0, 24));
    const d = new Date(Math.floor(lateMs / 1000) * 1000);
    const pad = (n: number) => String(n).padStart(2, '0');
    await byId('logs-jump-time').fill(`${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`);
    await byId('logs-jump').click();
    expect(await byId('logs-follow').getAttribute('data-state')).toBe('paused');
    const jumped = page.locator('[data-testid="log-row"][aria-selected="true"]');
    await expect.poll(() => jumped.count()).toBe(1);
    const jumpedTs = Date.parse((await jumped.locator('.log-time').getAttribute('title'))!.slice(0, 24));
    expect(jumpedTs).toBeGreaterThanOrEqual(d.getTime());
    expect(jumpedTs).toBeLessThanOrEqual(lateMs);

    // Copy: a row, then Shift+click two rows further: three lines on the clipboard.
    await search(`${tag}-late-`);
    await byId('logs-only-matching').check();
    await expect.poll(() => page.locator('[data-testid="log-row"]').count()).toBe(6);
    const rows = page.locator('[data-testid="log-row"]');
    await rows.nth(0).click();
    await rows.nth(2).click({ modifiers: ['Shift'] });
    expect(await byId('logs-copy').textContent()).toBe('Copy 3 selected lines');
    await byId('logs-copy').click();
    const clip = (await page.evaluate('navigator.clipboard.readText()')) as string;
    expect(clip.split('\n')).toHaveLength(3);
    expect(clip.split('\n').every((l) => l.includes(`${tag}-late-`))).toBe(true);

    // Export: the lines that pass (only matching "late") as a .log file.
    const [download] = await Promise.all([page.waitForEvent('download'), byId('logs-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^ia-comercial-\d{8}-\d{6}\.log$/);
    const file = readFileSync((await download.path())!, 'utf8');
    const lines = file.trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines.every((l) => l.includes(`${tag}-late-`))).toBe(true);
    await byId('logs-only-matching').uncheck();
    await search('');

    await byId('logs-clear').click();
    await expect.poll(() => count('data-total')).toBe(0);
    await visible('log-empty');
    // An emptied viewer follows again by itself.
    expect(await byId('logs-follow').getAttribute('data-state')).toBe('following');
    await request(`/health?t=${tag}-after-clear`);
    await expect.poll(async () => (await rowTexts()).some((x) => x.includes(`${tag}-after-clear`)), { timeout: 30_000 }).toBe(true);
  });

  it('shows the live access analytics and analyses the whole log in a job', async () => {
    await choose(PM2_OUT, false);
    await following(ACCESS);
    await byId('logs-analytics-toggle').click();
    await visible('logs-analytics');
    // The access log's history (tail) and live lines: exactly the requests made above.
    const live = page.locator('[data-testid="logs-analytics"] [data-testid="access-analytics"][data-live="true"]');
    await live.waitFor({ timeout: 30_000 });
    const codeCount = (panel: typeof live, code: number) => panel.locator(`[data-testid="aa-status-codes-row"][data-code="${code}"] td`).nth(1).textContent();
    await expect.poll(() => live.getByTestId('aa-tile-requests-value').textContent(), { timeout: 30_000 }).toBe(String(sent.length));
    expect(await codeCount(live, 500)).toBe(String(sent.filter((c) => c === 500).length));
    expect(await codeCount(live, 404)).toBe(String(sent.filter((c) => c === 404).length));
    expect(await codeCount(live, 200)).toBe(String(sent.filter((c) => c === 200).length));
    await shot('analytics-live-en-light');
    // One more failure shows up in the live numbers.
    await request(`/api/fail?t=${tag}-live-analytics`);
    await expect.poll(() => codeCount(live, 500), { timeout: 30_000 }).toBe(String(sent.filter((c) => c === 500).length));

    // The whole file, in a job with a progress bar, shown with the same panels.
    await byId('logs-analytics-whole').click();
    await byId('logs-analyze-start').click();
    await page.locator('[data-testid="logs-analyze"][data-status="succeeded"]').waitFor({ timeout: 60_000 });
    const whole = page.locator('[data-testid="logs-analyze"] [data-testid="access-analytics"][data-live="false"]');
    await whole.waitFor();
    expect(await whole.getByTestId('aa-tile-requests-value').textContent()).toBe(String(sent.length));
    expect(await codeCount(whole, 500)).toBe(String(sent.filter((c) => c === 500).length));
    await shot('analytics-whole-en-light');
    await byId('logs-analytics-live').click();
  });

  it('opens a service’s logs from its page and from the palette', async () => {
    await byId('nav-inventory').click();
    await byId('tree-service-ia-web').click();
    await byId('service-open-logs').click();
    await visible('page-logs');
    // A service starts with all its logs: nginx access and error.
    await following(ACCESS);
    await following('nginx error log — ia-web');
    expect(await page.locator('[data-testid="logs-source"]').count()).toBe(2);

    await page.keyboard.press('Control+K');
    await visible('palette');
    await byId('palette-input').fill('logs ia-app');
    await page.locator('[data-testid="palette-item"][data-action="logs-ia-app"]').click();
    await following(PM2_OUT);
    await following('PM2 errors — ia-comercial');
    await ensureFollowing();
    await request(`/api/fail?t=${tag}-palette`);
    await expect.poll(async () => (await rowTexts()).some((x) => x.includes(`${tag}-palette`)), { timeout: 30_000 }).toBe(true);
    expect(logFrames.n).toBeGreaterThan(0);

    // Leaving the page closes the stream: new lines no longer reach the page.
    await byId('nav-inventory').click();
    await visible('page-inventory');
    await page.waitForTimeout(500);
    const framesBefore = logFrames.n;
    for (let i = 0; i < 3; i++) await request(`/api/fail?t=${tag}-away-${i}`);
    await page.waitForTimeout(1500);
    expect(logFrames.n).toBe(framesBefore);
  });

  it('holds at most 100,000 lines, only the visible rows in the page, and stays usable', async () => {
    // The service's nginx error log, followed alone; 120,000 lines appended to it on the droplet.
    await byId('nav-inventory').click();
    await byId('tree-service-ia-web').click();
    await byId('service-open-logs').click();
    await following('nginx error log — ia-web');
    await choose(ACCESS, false);
    await following('nginx error log — ia-web');
    await ensureFollowing();
    const before = await count('data-received');
    const skippedBefore = Number(await byId('logs-counts').getAttribute('data-skipped'));
    const lines: string[] = [];
    for (let i = 0; i < 120_000; i++) lines.push(`2026/11/23 12:00:00 [warn] 1#1: *${i} ${tag}-bulk-${String(i).padStart(6, '0')} upstream response is buffered`);
    appendFileSync(ia.nginxErrorLog, lines.join('\n') + '\n');
    await expect
      .poll(async () => (await count('data-received')) - before + Number(await byId('logs-counts').getAttribute('data-skipped')) - skippedBefore, { timeout: 90_000 })
      .toBe(120_000);
    // The buffer is bounded like the stream's: the oldest lines left, the newest are there.
    expect(await count('data-total')).toBe(100_000);
    await expect.poll(async () => (await rowTexts()).some((x) => x.includes(`${tag}-bulk-119999`))).toBe(true);
    const rowsInDom = await page.locator('[data-testid="log-row"], [data-testid="log-gap"]').count();
    expect(rowsInDom).toBeGreaterThan(10);
    expect(rowsInDom).toBeLessThan(120);
    // Scrolling to the top shows the oldest kept line; a search over 100,000 lines answers.
    const viewer = byId('log-viewer');
    await viewer.evaluate((el) => (el.scrollTop = 0));
    await expect.poll(() => byId('logs-follow').getAttribute('data-state')).toBe('paused');
    const t0 = Date.now();
    await search(`${tag}-bulk-11999[0-9]`, { regex: true });
    await expect.poll(matchCount, { timeout: 10_000 }).toBe(10);
    const searchMs = Date.now() - t0;
    await byId('logs-match-next').click();
    await expect.poll(async () => (await page.locator('[data-testid="log-row"].is-current').textContent()) ?? '').toContain(`${tag}-bulk-119990`);
    console.log(`100,000-line viewer: ${rowsInDom} rows in the DOM, regex search answered in ${searchMs} ms`);
    await search('');
    await ensureFollowing();
  });

  it('marks lines the core had to skip while the page was stuck, and loses none silently', async () => {
    // Still on the nginx error log of ia-web. The page's JavaScript is blocked (no acknowledgement
    // leaves it) while 250,000 lines are written: the stream's 100,000-line ring overflows.
    await ensureFollowing();
    const receivedBefore = await count('data-received');
    const skippedBefore = Number(await byId('logs-counts').getAttribute('data-skipped'));
    const lines: string[] = [];
    for (let i = 0; i < 250_000; i++) lines.push(`2026/11/23 12:00:01 [warn] 1#1: *${i} ${tag}-flood-${String(i).padStart(6, '0')}`);
    const blocked = page.evaluate('(() => { const end = Date.now() + 12000; while (Date.now() < end); })()');
    appendFileSync(ia.nginxErrorLog, lines.join('\n') + '\n');
    await blocked;
    const accounted = async () =>
      (await count('data-received')) - receivedBefore + Number(await byId('logs-counts').getAttribute('data-skipped')) - skippedBefore;
    await expect.poll(accounted, { timeout: 90_000 }).toBe(250_000);
    const skipped = Number(await byId('logs-counts').getAttribute('data-skipped')) - skippedBefore;
    expect(skipped).toBeGreaterThan(0);
    await visible('logs-skipped-count');
    // The gap is a row of its own where the lines are missing, with the count.
    await search(`${tag}-flood-`);
    await byId('logs-only-matching').check();
    const gap = page.locator('[data-testid="log-gap"][data-reason="behind"]');
    await byId('log-viewer').evaluate((el) => (el.scrollTop = 0));
    const viewer = byId('log-viewer');
    let found = false;
    for (let top = 0; !found; top += 15_000) {
      await viewer.evaluate((el, y) => (el.scrollTop = y), top);
      await page.waitForTimeout(50);
      found = (await gap.count()) > 0;
      if (top > (await viewer.evaluate((el) => el.scrollHeight))) break;
    }
    expect(found).toBe(true);
    const counts = await gap.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(await gap.first().textContent()).toMatch(/lines skipped: Opsdeck could not keep up/);
    await shot('skipped-en-light');
    await byId('logs-only-matching').uncheck();
    await search('');
    await ensureFollowing();
  });

  it('follows the log across a rotation: every line once, and says it was rotated', async () => {
    // Still on the nginx error log of ia-web: 50 lines, rename it to .1 and create it again, 50 more.
    await ensureFollowing();
    const write = (file: string, kind: string) =>
      appendFileSync(file, Array.from({ length: 50 }, (_, i) => `2026/11/23 12:00:02 [error] 1#1: ${tag}-rot-${kind}-${i}\n`).join(''));
    write(ia.nginxErrorLog, 'before');
    await search(`${tag}-rot-`);
    await expect.poll(matchCount, { timeout: 30_000 }).toBe(50);
    renameSync(ia.nginxErrorLog, `${ia.nginxErrorLog}.1`);
    write(ia.nginxErrorLog, 'after');
    chownSync(ia.nginxErrorLog, ia.uid, ia.gid);
    await expect.poll(matchCount, { timeout: 30_000 }).toBe(100);
    const chip = page.locator('[data-testid="logs-source"][data-label="nginx error log — ia-web"]');
    await expect.poll(() => chip.getAttribute('data-state')).toBe('following');
    const note = chip.getByTestId('logs-source-note');
    await note.waitFor();
    expect(await note.getAttribute('data-note')).toBe('rotated');
    expect(await note.textContent()).toMatch(/^rotated at \d\d:\d\d:\d\d$/);
    expect(await note.getAttribute('title')).toContain('was rotated');
    // None twice: each of the 100 lines matches once.
    await search(`${tag}-rot-(before|after)-49$`, { regex: true });
    await expect.poll(matchCount).toBe(2);
    await search('');
  });

  it('goes on where it stopped when the link to Opsdeck drops: lines written meanwhile shown once', async () => {
    await byId('nav-inventory').click();
    await byId('tree-service-ia-web').click();
    await byId('service-open-logs').click();
    await choose(ACCESS, true);
    await following(ACCESS);
    await following('nginx error log — ia-web');
    await ensureFollowing();
    await search(`${tag}-ok-3 `);
    await expect.poll(matchCount, { timeout: 30_000 }).toBe(1);
    await search('');
    const streams: string[] = [];
    await page.exposeFunction('__streamState', (v: string) => streams.push(v));
    await page.evaluate(`new MutationObserver(() => window.__streamState(document.querySelector('[data-testid="page-logs"]').getAttribute('data-stream'))).observe(document.querySelector('[data-testid="page-logs"]'), { attributes: true, attributeFilter: ['data-stream'] })`);
    expect(await page.evaluate('window.__sockets.filter((s) => s.readyState === 1).length')).toBe(1);
    // Drop the page's WebSocket (the core closes that connection's streams) and keep the page
    // busy for 3 s, so it cannot reconnect while 20 lines are written to the followed log.
    const dropped = page.evaluate('(() => { window.__sockets.forEach((s) => s.close()); const end = Date.now() + 3000; while (Date.now() < end); })()');
    await new Promise((r) => setTimeout(r, 800));
    appendFileSync(ia.nginxErrorLog, Array.from({ length: 20 }, (_, i) => `2026/11/23 12:00:03 [error] 1#1: ${tag}-meanwhile-${i}\n`).join(''));
    await dropped;
    await expect.poll(() => streams.includes('lost'), { timeout: 30_000 }).toBe(true);
    await page.locator('[data-testid="page-logs"][data-stream="open"]').waitFor({ timeout: 30_000 });
    await byId('connection-banner').waitFor({ state: 'detached', timeout: 30_000 });
    // Every line written while the link was down, once; the lines shown before, not again.
    await search(`${tag}-meanwhile-`);
    await expect.poll(matchCount, { timeout: 30_000 }).toBe(20);
    await search(`${tag}-ok-3 `);
    await expect.poll(matchCount).toBe(1);
    await search(`${tag}-rot-after-`);
    await expect.poll(matchCount).toBe(50);
    // The place is marked, and says nothing is missing there.
    const gap = page.locator('[data-testid="log-gap"][data-reason="link"]');
    await search('');
    await byId('logs-only-matching').uncheck();
    await expect.poll(() => gap.getAttribute('data-count'), { timeout: 10_000 }).toBe('0');
    expect(await gap.textContent()).toMatch(/Link to Opsdeck lost and restored here: .*none missing/);
    // And live lines flow again.
    await request(`/health?t=${tag}-relinked`);
    await search(`${tag}-relinked`);
    await expect.poll(matchCount, { timeout: 30_000 }).toBe(1);
    await search('');
  });

  it('takes screenshots of the main view in en/es × light/dark', async () => {
    for (const [lang, theme] of [['en', 'light'], ['en', 'dark'], ['es', 'light'], ['es', 'dark']] as const) {
      await setLook(lang, theme);
      await byId('nav-inventory').click();
      await byId('tree-host-ia-comercial').click();
      await byId('host-open-logs').click();
      await source(ACCESS).waitFor({ timeout: 30_000 });
      await choose(ACCESS, true);
      await choose(PM2_OUT, true);
      await following(ACCESS);
      await following(PM2_OUT);
      await expect.poll(() => count('data-total'), { timeout: 30_000 }).toBeGreaterThan(100);
      if ((await byId('logs-analytics').count()) === 0) await byId('logs-analytics-toggle').click();
      await byId('logs-analytics-live').click();
      await page.locator('[data-testid="logs-analytics"] [data-testid="logs-analytics-waiting"]').waitFor({ state: 'detached', timeout: 30_000 });
      await ensureFollowing();
      await search('/api/fail');
      await expect.poll(matchCount).toBeGreaterThan(0);
      await page.waitForTimeout(300);
      await shot(`main-${lang}-${theme}`);
      await search('');
    }
    await setLook('en', 'light');
  });

  it('logged no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});
