import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDroplet, type Droplet } from '../fleet';
import { startIaComercial, type IaComercialDroplet } from '../fleet/ia-comercial';
import { freePort } from '../fleet/processes';
import { dropletHost, fleetUi, type HostSpec } from './fleet-ui';
import { launchBrowser, startServe, type BrowserSession, type ServeProcess } from './harness';

/**
 * Hosts over SSH through the UI only, in real Chromium against `opsdeck serve` and real sshd
 * droplets of the test fleet: add a droplet with a pasted key, trust its host key on first
 * connect (the dialog shows exactly the droplet's SHA256 fingerprint), open a terminal and run a
 * command, scan the IA Comercial droplet and accept the proposed services, see a rotated host
 * key refused with both fingerprints, and a wrong password, a wrong key, a closed port, a port
 * that never speaks SSH (timeout) and a killed sshd each with its own error, while the app keeps
 * working. Screenshots in en/es × light/dark.
 */

const OUT = resolve(__dirname, '..', '..', 'screenshots');

let serve: ServeProcess;
let session: BrowserSession;
let page: Page;
let web: Droplet;
let ia: IaComercialDroplet;
/** Never trusted: the trust dialog is shown (and cancelled) on it for the screenshots. */
let spare: Droplet;
let webFingerprintBefore = '';

const { byId, visible, gone, save, setLook, createFleetEnvironment, addHost: addHostInForm } = fleetUi(() => page);
const shot = (name: string) => page.screenshot({ path: join(OUT, `ssh-${name}.png`) });

async function text(id: string): Promise<string> {
  await visible(id);
  return ((await byId(id).first().textContent()) ?? '').trim();
}
/** Inside the host's SSH section (the dock may show its own panels). */
const inHost = (id: string) => byId('host-ssh').getByTestId(id);
async function hostText(id: string): Promise<string> {
  await inHost(id).waitFor({ state: 'visible', timeout: 15_000 });
  return ((await inHost(id).textContent()) ?? '').trim();
}

/** What the visible terminal shows (xterm's DOM rows), spaces normalised. */
async function terminalText(): Promise<string> {
  const rows = page.locator('.terminal-view:not([hidden]) .xterm-rows');
  return ((await rows.textContent()) ?? '').replace(/\u00a0/g, ' ');
}
async function waitForTerminal(needle: string | RegExp, timeout = 15_000): Promise<string> {
  const end = Date.now() + timeout;
  let last = '';
  while (Date.now() < end) {
    last = await terminalText();
    if (typeof needle === 'string' ? last.includes(needle) : needle.test(last)) return last;
    await page.waitForTimeout(100);
  }
  throw new Error(`terminal never showed ${needle}; it shows:\n${last}`);
}
async function typeInTerminal(line: string): Promise<void> {
  await page.locator('.terminal-view:not([hidden]) .xterm-screen').click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

/** Adds a host to Fleet / production through the host form, as a DigitalOcean droplet. */
const addHost = (h: HostSpec) => addHostInForm({ provider: 'digitalocean', ...h });

async function showHost(name: string): Promise<void> {
  await byId('nav-inventory').click();
  await byId(`tree-host-${name}`).click();
  await visible('host-ssh');
}

/** Test connection on the shown host and wait until it settles: 'trust', 'connected' or 'error'. */
async function testConnection(): Promise<string> {
  await byId('ssh-test').click();
  const end = Date.now() + 30_000;
  while (Date.now() < end) {
    if (await byId('trust-dialog').count()) return 'trust';
    const state = await byId('ssh-status').getAttribute('data-state');
    if (state === 'connected' || state === 'error') return state;
    await page.waitForTimeout(100);
  }
  throw new Error('Test connection did not settle in 30 s');
}

const setClipboard = (text: string) => page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(text)})`);
const readClipboard = () => page.evaluate('navigator.clipboard.readText()') as Promise<string>;

async function trustShownKey(expected: string): Promise<void> {
  await visible('trust-dialog');
  expect(await text('trust-fingerprint')).toBe(expected);
  await byId('trust-accept').click();
  await gone('trust-dialog');
  await page.locator('[data-testid="ssh-status"][data-state="connected"]').waitFor({ timeout: 30_000 });
}

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  [web, ia, spare] = await Promise.all([startDroplet({ name: 'web-1' }), startIaComercial(), startDroplet({ name: 'spare' })]);
  webFingerprintBefore = web.hostKeyFingerprint;
  serve = await startServe();
  session = await launchBrowser({ locale: 'en-US', colorScheme: 'light' });
  page = session.page;
  await session.browser.contexts()[0]!.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: serve.origin });
  await page.goto(serve.url);
  await visible('nav-inventory', 20_000);
  // A project and its production environment to put the droplets in.
  await createFleetEnvironment();
}, 180_000);

afterAll(async () => {
  await session?.close();
  await serve?.stop();
  await Promise.all([web?.stop(), ia?.stop(), spare?.stop()]);
});

describe('hosts over SSH through the UI', () => {
  it('adds a droplet with a pasted key and trusts its host key on first connect', async () => {
    await addHost(dropletHost(web, 'web-1'));
    await showHost('web-1');
    expect(await byId('ssh-known-key').getAttribute('data-state')).toBe('none');
    expect(await testConnection()).toBe('trust');
    expect(await text('trust-fingerprint')).toBe(web.hostKeyFingerprint);
    expect(await text('trust-algorithm')).toBe('ssh-ed25519');
    await shot('trust-dialog-en-light');
    await trustShownKey(web.hostKeyFingerprint);
    expect(await text('ssh-connected')).toMatch(/Connected — .*OpenSSH.*\d+ ms/);
    expect(await text('ssh-known-fingerprint')).toBe(web.hostKeyFingerprint);
    // A second test uses the trusted key without asking.
    expect(await testConnection()).toBe('connected');
  });

  it('opens a terminal tab, runs a command, resizes, copies and pastes', async () => {
    await byId('ssh-open-terminal').click();
    await visible('dock');
    await page.locator('[data-testid="dock-tab-web-1"][data-status="open"]').waitFor({ timeout: 20_000 });
    await waitForTerminal(/\$ ?$|\$ /);
    await typeInTerminal('echo opsdeck-$((6*7))');
    await waitForTerminal('opsdeck-42');
    await shot('terminal-en-light');

    // Resize: the shell sees the new size after the dock is maximised.
    await typeInTerminal('echo size-$(stty size | tr " " x)');
    const before = /size-(\d+)x(\d+)/.exec(await waitForTerminal(/size-\d+x\d+/))!;
    await byId('dock-maximise').click();
    expect(await byId('dock').getAttribute('data-state')).toBe('maximised');
    await page.waitForTimeout(400);
    await typeInTerminal('clear; echo size-$(stty size | tr " " x)');
    await page.waitForTimeout(300);
    const after = /size-(\d+)x(\d+)/.exec(await waitForTerminal(/size-\d+x\d+/))!;
    expect(Number(after[1])).toBeGreaterThan(Number(before[1]));
    await shot('terminal-maximised-en-light');
    await byId('dock-maximise').click();
    expect(await byId('dock').getAttribute('data-state')).toBe('open');

    // Paste through the context menu: the clipboard text runs in the shell.
    await setClipboard('echo pasted-$((40+2))');
    await page.locator('.terminal-view:not([hidden]) .xterm-screen').click({ button: 'right' });
    await visible('terminal-menu');
    await byId('terminal-menu-paste').click();
    // The clipboard is read asynchronously: Enter only once the pasted line is on screen.
    await waitForTerminal('echo pasted-$((40+2))');
    await page.keyboard.press('Enter');
    await waitForTerminal('pasted-42');
    // And with the keyboard: Ctrl+Shift+V.
    await setClipboard('echo keys-$((40+3))');
    await page.keyboard.press('Control+Shift+V');
    await waitForTerminal('echo keys-$((40+3))');
    await page.keyboard.press('Enter');
    await waitForTerminal('keys-43');
    // Copy: select all, Ctrl+Shift+C, the clipboard holds the screen's text.
    await page.locator('.terminal-view:not([hidden]) .xterm-screen').click({ button: 'right' });
    await byId('terminal-menu-select-all').click();
    await page.keyboard.press('Control+Shift+C');
    await expect.poll(readClipboard, { timeout: 5000 }).toContain('pasted-42');

    // The command palette: "ssh web-1" opens a second tab on the host; closing it ends its session.
    await page.keyboard.press('Control+K');
    await visible('palette');
    await byId('palette-input').fill('ssh web-1');
    await page.locator('[data-testid="palette-item"][data-action="ssh-web-1"]').click();
    await page.locator('[data-testid="dock-tab-web-1 (2)"][data-status="open"]').waitFor({ timeout: 20_000 });
    await typeInTerminal('echo second-$((2*3))');
    await waitForTerminal('second-6');
    await byId('dock-tab-web-1 (2)').getByTestId('dock-tab-close').click();
    await gone('dock-tab-web-1 (2)');
    expect(await byId('dock-tab-web-1').getAttribute('class')).toContain('is-active');
  });

  it('scans the IA Comercial droplet and adds the proposed services to the inventory', async () => {
    await addHost(dropletHost(ia, 'ia-comercial'));
    await showHost('ia-comercial');
    expect(await testConnection()).toBe('trust');
    await trustShownKey(ia.hostKeyFingerprint);
    // The dock folds to its tab strip so the review has the room (its tabs stay).
    await byId('dock-collapse').click();
    expect(await byId('dock').getAttribute('data-state')).toBe('collapsed');
    await byId('scan-host').click();
    await visible('scan-progress');
    await visible('scan-review', 90_000);
    await shot('scan-review-en-light');
    const proposed = await page.locator('[data-testid="draft-item"][data-key^="service:"]').count();
    expect(proposed).toBeGreaterThan(0);
    await byId('scan-accept').click();
    await visible('scan-applied', 30_000);
    // What the droplet runs is now in the tree: the PM2 app and the nginx site at least.
    await expect.poll(async () => page.locator('[data-testid^="tree-service-"]').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    await visible(`tree-service-${ia.pm2AppName}`);
    await shot('scan-applied-en-light');
    await byId('dock-collapse').click();
    expect(await byId('dock').getAttribute('data-state')).toBe('open');
  });

  it('refuses a changed host key and names both fingerprints; re-trust after checking', async () => {
    await web.rotateHostKey();
    expect(web.hostKeyFingerprint).not.toBe(webFingerprintBefore);
    await showHost('web-1');
    expect(await testConnection()).toBe('error');
    await visible('key-changed-panel');
    expect(await byId('key-changed-panel').getAttribute('data-code')).toBe('HOST_KEY_CHANGED');
    expect(await text('key-changed-expected')).toContain(webFingerprintBefore);
    expect(await text('key-changed-presented')).toContain(web.hostKeyFingerprint);
    await visible('key-changed-steps');
    await shot('key-changed-en-light');
    // Re-trust: forget the old key (confirmed), then the dialog shows the new key.
    await byId('key-retrust').click();
    await visible('confirm-dialog');
    await byId('confirm-delete').click();
    await trustShownKey(web.hostKeyFingerprint);
    expect(await text('ssh-known-fingerprint')).toBe(web.hostKeyFingerprint);
  });

  it('shows its own error for a wrong password, a closed port and a killed sshd, and keeps working', async () => {
    // Wrong password: same droplet, password login with a wrong password.
    await addHost({ name: 'web-1-wrong-pw', address: web.host, port: web.port, user: web.user, auth: 'password', password: 'not-the-password' });
    await showHost('web-1-wrong-pw');
    // Same address and port as web-1, whose key is trusted: no question, the login is refused.
    expect(await testConnection()).toBe('error');
    expect(await inHost('ssh-error').getAttribute('data-code')).toBe('SSH_AUTH_FAILED');
    expect(await hostText('ssh-error-title')).toBe('Login refused');
    expect(await hostText('ssh-error-message')).toBe(`web-1-wrong-pw refused the password of ${web.user} (tried: password).`);
    expect(await hostText('ssh-error-hint')).toMatch(/the password stored for this host/);
    await shot('auth-failed-en-light');

    // Closed port: nothing listens there.
    const closedPort = await freePort(web.host);
    await addHost({ name: 'closed-port', address: web.host, port: closedPort, user: web.user, auth: 'key', privateKey: web.clientKey });
    await showHost('closed-port');
    expect(await testConnection()).toBe('error');
    expect(await inHost('ssh-error').getAttribute('data-code')).toBe('SSH_UNREACHABLE');
    expect(await hostText('ssh-error-title')).toBe('Host unreachable');
    expect(await hostText('ssh-error-message')).toContain(`${web.host}:${closedPort}`);
    expect(await hostText('ssh-error-hint')).toMatch(/sshd is running/);
    await shot('unreachable-en-light');

    // Killed sshd: the open terminal is cut off with SSH_CLOSED; a new test finds nobody listening.
    await showHost('web-1');
    await byId('ssh-open-terminal').click();
    const tab = page.locator('[data-testid="dock-tab-web-1 (2)"]');
    await tab.and(page.locator('[data-status="open"]')).waitFor({ timeout: 20_000 });
    await web.kill();
    await tab.and(page.locator('[data-status="failed"]')).waitFor({ timeout: 30_000 });
    await page.locator('.dock-pane:not([hidden]) [data-testid="terminal-problem"]').waitFor({ timeout: 15_000 });
    expect(await page.locator('.dock-pane:not([hidden]) [data-testid="ssh-error"]').getAttribute('data-code')).toBe('SSH_CLOSED');
    expect(await page.locator('.dock-pane:not([hidden]) [data-testid="ssh-error-title"]').textContent()).toBe('Connection closed');
    await shot('terminal-closed-en-light');
    expect(await testConnection()).toBe('error');
    expect(await inHost('ssh-error').getAttribute('data-code')).toBe('SSH_UNREACHABLE');

    // The app keeps working: elsewhere and back, edit something, the tree still answers.
    await byId('nav-settings').click();
    await visible('page-settings');
    await byId('nav-inventory').click();
    await byId('tree-host-closed-port').click();
    await byId('edit-host').click();
    await byId('host-notes').fill('nothing listens here');
    await save('host-form');
    expect(await text('host-detail-notes')).toBe('nothing listens here');
    await web.start();
    await showHost('web-1');
    expect(await testConnection()).toBe('connected');
    await byId('dock-tab-web-1 (2)').getByRole('tab').click();
    await page.locator('.dock-pane:not([hidden]) [data-testid="terminal-reconnect"]').click();
    await page.locator('[data-testid="dock-tab-web-1 (2)"][data-status="open"]').waitFor({ timeout: 20_000 });
  });

  it('shows its own error for a wrong key and a handshake timeout, and keeps working', async () => {
    /** The app still answers: another page and back, and a good host still connects. */
    const stillWorks = async () => {
      await byId('nav-settings').click();
      await visible('page-settings');
      await showHost('web-1');
      expect(await testConnection()).toBe('connected');
      expect(await text('ssh-connected')).toMatch(/OpenSSH/);
    };

    // Wrong key: a valid OpenSSH key that the droplet's authorized_keys does not list.
    const keyDir = mkdtempSync(join(tmpdir(), 'opsdeck-e2e-key-'));
    let wrongKey = '';
    try {
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'not-authorized', '-f', join(keyDir, 'id_ed25519')]);
      wrongKey = readFileSync(join(keyDir, 'id_ed25519'), 'utf8');
    } finally {
      rmSync(keyDir, { recursive: true, force: true });
    }
    expect(wrongKey).toContain('BEGIN OPENSSH PRIVATE KEY');
    await addHost({ name: 'web-1-wrong-key', address: web.host, port: web.port, user: web.user, auth: 'key', privateKey: wrongKey });
    await showHost('web-1-wrong-key');
    // Same address and port as web-1 (key trusted): the host key passes, the login is refused.
    expect(await testConnection()).toBe('error');
    expect(await inHost('ssh-error').getAttribute('data-code')).toBe('SSH_AUTH_FAILED');
    expect(await hostText('ssh-error-title')).toBe('Login refused');
    const keyMessage = await hostText('ssh-error-message');
    expect(keyMessage).toBe(`web-1-wrong-key did not accept the private key stored for ${web.user} (tried: publickey).`);
    expect(keyMessage).not.toMatch(/password/);
    const keyHint = await hostText('ssh-error-hint');
    expect(keyHint).toMatch(/authorized_keys/);
    expect(keyHint).not.toMatch(/password/);
    // The key itself is never shown, anywhere on the page.
    const body = (await page.locator('body').textContent()) ?? '';
    const keyLines = wrongKey.split('\n').filter((l) => l && !l.startsWith('-----'));
    expect(keyLines.length).toBeGreaterThan(0);
    for (const line of keyLines) expect(body).not.toContain(line);
    expect(body).not.toContain('BEGIN OPENSSH PRIVATE KEY');
    await shot('wrong-key-en-light');
    // Distinguishable from the wrong password, whose message names password and not the key.
    await showHost('web-1-wrong-pw');
    expect(await testConnection()).toBe('error');
    const pwMessage = await hostText('ssh-error-message');
    expect(pwMessage).toMatch(/password/);
    expect(pwMessage).not.toMatch(/publickey|private key/);
    expect(await hostText('ssh-error-hint')).not.toBe(keyHint);
    await stillWorks();

    // Timeout: a port that accepts the connection and never says a word (no SSH banner).
    const sockets = new Set<Socket>();
    let accepted = 0;
    const silent: Server = createServer((s) => {
      accepted++;
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((r) => silent.listen(0, web.host, r));
    const silentPort = (silent.address() as { port: number }).port;
    try {
      await setLook('es', 'dark');
      await addHost({ name: 'silent-port', address: web.host, port: silentPort, user: web.user, auth: 'key', privateKey: web.clientKey });
      await showHost('silent-port');
      const started = Date.now();
      expect(await testConnection()).toBe('error');
      const waited = Date.now() - started;
      // The core's handshake timeout (10 s), not the 30 s this helper allows, nor instantly.
      expect(waited).toBeGreaterThan(9_000);
      expect(waited).toBeLessThan(15_000);
      expect(accepted).toBeGreaterThanOrEqual(1);
      expect(await inHost('ssh-error').getAttribute('data-code')).toBe('SSH_TIMEOUT');
      expect(await hostText('ssh-error-title')).toBe('Tiempo agotado');
      expect(await hostText('ssh-error-message')).toBe(`silent-port (${web.host}:${silentPort}) no respondió a tiempo (10 s).`);
      expect(await hostText('ssh-error-hint')).toMatch(/sshd/);
      await shot('timeout-es-dark');
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => silent.close(() => r()));
    }
    await setLook('en', 'light');
    await stillWorks();
    // And the failed hosts can be tried again without a reload: the timeout again, now refused.
    await showHost('silent-port');
    expect(await testConnection()).toBe('error');
    expect(await inHost('ssh-error').getAttribute('data-code')).toBe('SSH_UNREACHABLE');
  });

  it('saves screenshots in English and Spanish, light and dark', async () => {
    let untrustedAdded = false;
    for (const [lang, theme] of [['en', 'dark'], ['es', 'light'], ['es', 'dark'], ['en', 'light']] as const) {
      await setLook(lang, theme);
      const suffix = `${lang}-${theme}`;
      // Trust dialog: a host whose key is never trusted (cancelled every time).
      if (!untrustedAdded) {
        await addHost(dropletHost(spare, 'untrusted'));
        untrustedAdded = true;
      }
      await showHost('untrusted');
      expect(await testConnection()).toBe('trust');
      expect(await text('trust-fingerprint')).toBe(spare.hostKeyFingerprint);
      await shot(`trust-dialog-${suffix}`);
      await byId('trust-cancel').click();
      await gone('trust-dialog');
      // Errors on the host page with the terminal dock below.
      await showHost('web-1-wrong-pw');
      expect(await testConnection()).toBe('error');
      await shot(`auth-failed-${suffix}`);
      await showHost('closed-port');
      expect(await testConnection()).toBe('error');
      await shot(`unreachable-${suffix}`);
      await showHost('ia-comercial');
      await shot(`host-${suffix}`);
    }
    expect(await byId('nav-inventory').count()).toBe(1);
  });

  it('never writes terminal output to a log', async () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.log/.test(name)) files.push(p);
      }
    };
    walk(serve.dataDir);
    expect(files.length).toBeGreaterThan(0);
    for (const marker of ['opsdeck-42', 'pasted-42', 'keys-43', 'second-6']) {
      expect(serve.output()).not.toContain(marker);
      for (const f of files) expect(readFileSync(f, 'utf8'), f).not.toContain(marker);
    }
  });
});
