import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, startServe, type BrowserSession, type ServeProcess } from './harness';

/**
 * Plants secrets through the UI (the vault passphrase, host passwords, private keys and key
 * passphrases, credential values, a replaced password, alert destinations' webhook and Slack URLs
 * and SMTP password, each sent a test that fails) and then searches every file of the data folder,
 * raw and encoded, every message the server sent to the page and the server's output: no secret
 * anywhere.
 */

let serve: ServeProcess;
let session: BrowserSession;
let page: Page;
/** Every WebSocket frame and HTTP body the page received, and what the console printed. */
const received: string[] = [];
/** A local endpoint that refuses every alert (404 or 500 by path) and echoes nothing back. */
let refusing: Server;
/** A loopback port nothing listens on. */
let closedPort: number;
/** A mail server that offers AUTH and refuses every login (the password does travel to it). */
let smtpRefusing: TcpServer;
/** What the mail server was sent (the password travels there base64-encoded, as SMTP does). */
let smtpReceived = '';

const token = (label: string) => `${label}-${randomBytes(12).toString('base64url')}`;
const privateKey = () =>
  [
    '-----BEGIN OPENSSH PRIVATE KEY-----',
    ...randomBytes(300).toString('base64').match(/.{1,70}/g)!,
    '-----END OPENSSH PRIVATE KEY-----',
  ].join('\n');

const PASSPHRASE = token('vault passphrase');
/** Credentials inside an HTTP check's URL: stored as typed, so not among the planted secrets. */
const URL_PASSWORD = token('urlpw');
const URL_TOKEN = token('urltoken');
const URL_KEY = token('urlkey');
const secrets: string[] = [PASSPHRASE];
const plant = (s: string) => (secrets.push(s), s);

const byId = (id: string) => page.getByTestId(id);
const visible = (id: string, timeout = 10_000) => byId(id).first().waitFor({ state: 'visible', timeout });
async function save(form: string): Promise<void> {
  await byId(form).getByTestId('save').click();
  await byId(`${form}-dialog`).first().waitFor({ state: 'detached', timeout: 10_000 });
}

/** The forms a secret can take on disk: itself, UTF-16, hex, and base64 at each alignment. */
function encodings(secret: string): Buffer[] {
  const raw = Buffer.from(secret, 'utf8');
  const out = [raw, Buffer.from(secret, 'utf16le'), Buffer.from(Buffer.from(secret, 'utf16le').swap16())];
  out.push(Buffer.from(raw.toString('hex')), Buffer.from(raw.toString('hex').toUpperCase()));
  for (let k = 0; k < 3; k++) {
    const part = raw.subarray(k);
    const whole = Math.floor(part.length / 3) * 4;
    out.push(Buffer.from(part.toString('base64').slice(0, whole)), Buffer.from(part.toString('base64url').slice(0, whole)));
  }
  return out;
}

/** Long multi-line secrets are also searched line by line (JSON escapes the newlines). */
function needles(): Array<{ secret: string; needle: string }> {
  return secrets.flatMap((s) => [s, ...s.split('\n').filter((l) => l.length >= 16 && !l.startsWith('-----'))].map((needle) => ({ secret: s.slice(0, 24), needle })));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

function hitsInDataFolder(): string[] {
  const hits: string[] = [];
  for (const file of filesUnder(serve.dataDir)) {
    const bytes = readFileSync(file);
    for (const { secret, needle } of needles()) {
      for (const enc of encodings(needle)) if (bytes.includes(enc)) hits.push(`${file}: ${secret}… (${enc.length} bytes)`);
    }
  }
  return hits;
}

/** A free loopback port: listened on, then closed again. */
async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

/** Adds an alert destination through the Health page, then presses Send test and waits for its failure. */
async function addSinkAndTest(name: string, type: 'webhook' | 'slack' | 'smtp', secret: string, smtp?: { host: string; port: number; user: string; from: string; to: string }): Promise<string> {
  await byId('add-sink').click();
  await visible('sink-form');
  await byId('sink-name').fill(name);
  await byId('sink-type').selectOption(type);
  if (smtp) {
    await byId('sink-host').fill(smtp.host);
    await byId('sink-port').fill(String(smtp.port));
    await byId('sink-user').fill(smtp.user);
    await byId('sink-from').fill(smtp.from);
    await byId('sink-to').fill(smtp.to);
  }
  await byId('sink-secret').fill(secret);
  await save('sink-form');
  const row = byId(`sink-row-${name}`);
  await row.waitFor({ timeout: 10_000 });
  expect(await row.locator('[data-set]').first().getAttribute('data-set')).toBe('true');
  await row.getByTestId('sink-test').click();
  const result = row.locator('[data-testid="sink-test-result"][data-ok="false"]');
  await result.waitFor({ timeout: 20_000 });
  return (await result.textContent()) ?? '';
}

beforeAll(async () => {
  refusing = createServer((req, res) => {
    req.resume();
    res.writeHead(req.url?.startsWith('/services/') ? 500 : 404, { 'content-length': 0 }).end();
  });
  await new Promise<void>((r) => refusing.listen(0, '127.0.0.1', r));
  smtpRefusing = createTcpServer((sock) => {
    sock.write('220 mail.test ESMTP\r\n');
    let buf = '';
    sock.on('data', (d: Buffer) => {
      smtpReceived += d.toString('latin1');
      buf += d.toString('latin1');
      for (let i = buf.indexOf('\r\n'); i >= 0; i = buf.indexOf('\r\n')) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const verb = line.split(' ')[0]!.toUpperCase();
        if (verb === 'EHLO') sock.write('250-mail.test\r\n250 AUTH PLAIN LOGIN\r\n');
        else if (verb === 'AUTH') sock.write('535 5.7.8 Authentication credentials invalid\r\n');
        else if (verb === 'QUIT') sock.end('221 bye\r\n');
        else sock.write('502 5.5.2 not here\r\n');
      }
    });
    sock.on('error', () => undefined);
  });
  await new Promise<void>((r) => smtpRefusing.listen(0, '127.0.0.1', r));
  closedPort = await freePort();
  serve = await startServe({ vaultKey: null });
  session = await launchBrowser();
  page = session.page;
  page.on('websocket', (ws) => ws.on('framereceived', (f) => received.push(String(f.payload))));
  page.on('response', async (r) => {
    received.push(await r.text().catch(() => ''));
  });
  page.on('console', (m) => received.push(m.text()));
});
afterAll(async () => {
  await session?.close();
  await serve?.stop();
  await new Promise((r) => refusing?.close(r));
  await new Promise((r) => smtpRefusing?.close(r));
});

describe('secrets never leave the vault in plain text', () => {
  it('plants more than 30 secrets through the UI', async () => {
    await page.goto(serve.url);
    await visible('vault-setup-form', 20_000);
    await byId('vault-passphrase').fill(PASSPHRASE);
    await byId('vault-passphrase-confirm').fill(PASSPHRASE);
    await byId('vault-setup-submit').click();
    await visible('nav-inventory', 20_000);

    await byId('empty-create-project').click();
    await byId('project-name').fill('Vaulted');
    await save('project-form');
    await byId('add-environment').click();
    await byId('env-name').fill('production');
    await save('env-form');

    for (let i = 1; i <= 4; i++) {
      await byId('tree-env-Vaulted/production').click();
      await byId('add-host').click();
      await byId('host-name').fill(`db-${i}`);
      await byId('host-address').fill(`203.0.113.${10 + i}`);
      await byId('host-auth').selectOption('key');
      await byId('host-password').fill(plant(token(`host ${i} password`)));
      await byId('host-private-key').fill(plant(privateKey()));
      await byId('host-passphrase').fill(plant(token(`host ${i} key passphrase`)));
      await save('host-form');
      await visible(`tree-host-db-${i}`);
    }

    await byId('tree-credentials').click();
    for (let i = 1; i <= 4; i++) {
      await byId('add-credential').click();
      await byId('credential-name').fill(`cred-${i}`);
      await byId('credential-kind').selectOption(i % 2 ? 'database-url' : 'ssh-key');
      await byId('credential-value').fill(plant(i % 2 ? `postgres://app:${token('dbpw')}@db.example.com:5432/app` : privateKey()));
      await byId('credential-passphrase').fill(plant(token(`credential ${i} passphrase`)));
      await save('credential-form');
      await visible(`credential-row-cred-${i}`);
    }

    // Replace a password: the old value must be gone as well as the new one never shown.
    await byId('tree-host-db-1').click();
    await byId('edit-host').click();
    await byId('host-password-replace').click();
    await byId('host-password').fill(plant(token('replaced password')));
    await save('host-form');
    expect(await byId('host-secret-password').getAttribute('data-set')).toBe('true');

    // Alert destinations: each secret is planted whole, and its token parts on their own too.
    await byId('nav-health').click();
    await visible('page-health');
    const refusingAt = `127.0.0.1:${(refusing.address() as AddressInfo).port}`;
    const [hookPath, hookKey] = [plant(token('hookpath')), plant(token('hookkey'))];
    const hook404 = plant(`http://${refusingAt}/hooks/${hookPath}?key=${hookKey}`);
    expect(await addSinkAndTest('hook-404', 'webhook', hook404)).toContain(`${refusingAt} answered 404`);
    const hookTok = plant(token('hooktoken'));
    const hookClosed = plant(`http://127.0.0.1:${closedPort}/notify?token=${hookTok}`);
    expect(await addSinkAndTest('hook-closed', 'webhook', hookClosed)).toContain('refused');
    const slackTok = plant(token('slacktoken'));
    const slack = plant(`http://${refusingAt}/services/T0OPSDECK/B0ALERTS/${slackTok}`);
    expect(await addSinkAndTest('slack-500', 'slack', slack)).toContain('Slack answered 500');
    const smtpPassword = plant(token('smtp password'));
    const smtpMsg = await addSinkAndTest('mail-closed', 'smtp', smtpPassword, { host: '127.0.0.1', port: closedPort, user: 'alerts@example.com', from: 'opsdeck@example.com', to: 'oncall@example.com' });
    expect(smtpMsg).toContain(`127.0.0.1:${closedPort}`);
    const smtpAuthPassword = plant(token('smtp login password'));
    const smtpPort = (smtpRefusing.address() as AddressInfo).port;
    const authMsg = await addSinkAndTest('mail-refusing', 'smtp', smtpAuthPassword, { host: '127.0.0.1', port: smtpPort, user: 'opsdeck', from: 'opsdeck@example.com', to: 'oncall@example.com' });
    expect(authMsg).toContain('refused the login of opsdeck');
    // The password did reach the mail server: the failure path ran with it.
    expect(smtpReceived).toMatch(/AUTH (PLAIN|LOGIN)/);

    // PostgreSQL and Redis services whose credential (a database URL, planted above) the metrics
    // collectors and the health checks read from the vault; both run and fail.
    for (const [kind, cred, host] of [['postgres', 'cred-1', 'db-2'], ['redis', 'cred-3', 'db-3']] as const) {
      await byId('nav-inventory').click();
      await byId('tree-env-Vaulted/production').click();
      await byId('add-service').click();
      await byId('service-name').fill(`${kind}-main`);
      await byId('service-kind').selectOption(kind);
      await byId('service-host').selectOption({ label: `${host} (203.0.113.${10 + Number(host.slice(-1))})` });
      await byId('service-credential').selectOption({ label: `${cred} (Database URL)` });
      await save('service-form');
      await visible(`tree-service-${kind}-main`);
      // Its host polled every second: the collectors read the credential and fail.
      await byId(`tree-service-${kind}-main`).click();
      await byId('service-open-metrics').click();
      await visible('page-metrics');
      await page.locator('[data-testid="monitor-panel"][data-enabled="false"]').waitFor({ timeout: 15_000 });
      await byId('monitor-interval').fill('1');
      await byId('monitor-start').click();
      await page.locator('[data-testid="monitor-panel"][data-enabled="true"]').waitFor({ timeout: 15_000 });
      await visible('monitor-error', 30_000);
      await byId('nav-health').click();
      await byId('add-check').click();
      await visible('check-form');
      await byId('check-name').fill(`${kind} ping`);
      await byId('check-type').selectOption(kind);
      await byId('check-targetService').selectOption({ label: `${kind}-main` });
      await byId('check-timeoutMs').fill('2000');
      await byId('check-test').click();
      await page.locator('[data-testid="check-test-result"][data-ok="false"]').waitFor({ timeout: 20_000 });
      await save('check-form');
      await visible(`check-row-${kind} ping`);
    }

    // An HTTP check whose URL carries credentials: check settings are stored as typed (not in
    // the vault), so these are not planted; what the check reports about its failure is redacted.
    await byId('add-check').click();
    await visible('check-form');
    await byId('check-name').fill('url with credentials');
    await byId('check-type').selectOption('http');
    await byId('check-url').fill(`http://probe:${URL_PASSWORD}@${refusingAt}/health?key=${URL_KEY}&token=${URL_TOKEN}`);
    await byId('check-test').click();
    await page.locator('[data-testid="check-test-result"][data-ok="false"]').waitFor({ timeout: 20_000 });
    const tested = (await byId('check-test-result').textContent()) ?? '';
    expect(tested).toContain('answered 404');
    await save('check-form');
    const urlRow = byId('check-row-url with credentials');
    await urlRow.waitFor({ timeout: 10_000 });
    await urlRow.getByTestId('check-run').click();
    await expect.poll(async () => (await urlRow.getByTestId('check-message').textContent()) ?? '', { timeout: 20_000 }).toContain('answered 404');
    const reported = tested + ((await urlRow.getByTestId('check-message').textContent()) ?? '');
    for (const s of [URL_PASSWORD, URL_KEY, URL_TOKEN]) expect(reported).not.toContain(s);

    // Exercise the exporters and the job log too.
    await byId('nav-settings').click();
    await byId('jobs-start-selfcheck').click();
    await byId('audit-export-json').click();
    await page.waitForTimeout(1000);
    expect(secrets.length).toBeGreaterThanOrEqual(30);
    expect(new Set(secrets).size).toBe(secrets.length);
  });

  it('finds none of them in any file of the data folder while running (db, -wal, -shm, logs)', async () => {
    const files = filesUnder(serve.dataDir).map((f) => f.slice(serve.dataDir.length + 1));
    expect(files).toEqual(expect.arrayContaining(['opsdeck.db', 'opsdeck.db-wal', 'logs/opsdeck.log']));
    expect(hitsInDataFolder()).toEqual([]);
  });

  it('would find a secret planted on purpose in any of those forms (the search itself works)', () => {
    const control = join(serve.dataDir, 'logs', 'control.bin');
    const [a, b, c] = [secrets[1]!, secrets[2]!.split('\n')[3]!, secrets[3]!];
    writeFileSync(control, Buffer.concat([Buffer.from('x'), Buffer.from(a, 'utf16le'), Buffer.from('yz' + Buffer.from('q' + b).toString('base64')), Buffer.from(Buffer.from(c).toString('hex').toUpperCase())]));
    try {
      const hits = hitsInDataFolder();
      expect(hits.some((h) => h.includes(a.slice(0, 24)))).toBe(true);
      expect(hits.some((h) => h.includes(secrets[2]!.slice(0, 24)))).toBe(true);
      expect(hits.some((h) => h.includes(c.slice(0, 24)))).toBe(true);
    } finally {
      rmSync(control);
    }
  });

  it('sent none of them to the page, and printed none of them', async () => {
    expect(received.length).toBeGreaterThan(20);
    const all = received.join('\n') + serve.output();
    const leaked = needles().filter(({ needle }) => all.includes(needle) || all.includes(JSON.stringify(needle).slice(1, -1)));
    expect(leaked.map((l) => l.secret)).toEqual([]);
  });

  it('keeps the credentials of an HTTP check’s URL out of the logs and the server output', () => {
    // The URL itself is check settings (stored and shown for editing as typed), so it is not
    // searched in the database nor in what the page received; logs and output must not carry it.
    const logs = filesUnder(join(serve.dataDir, 'logs')).map((f) => readFileSync(f));
    for (const s of [URL_PASSWORD, URL_KEY, URL_TOKEN]) {
      expect(serve.output()).not.toContain(s);
      for (const bytes of logs) for (const enc of encodings(s)) expect(bytes.includes(enc)).toBe(false);
    }
  });

  it('finds none of them after the server stopped (checkpointed database) nor after a restart and unlock', async () => {
    await serve.restart();
    await page.goto(serve.url);
    await visible('vault-unlock-form', 20_000);
    await byId('vault-passphrase').fill('not the passphrase');
    await byId('vault-unlock-submit').click();
    await visible('vault-error');
    await byId('vault-passphrase').fill(PASSPHRASE);
    await byId('vault-unlock-submit').click();
    await visible('nav-inventory', 20_000);
    await visible('tree-host-db-4');
    await serve.halt();
    expect(hitsInDataFolder()).toEqual([]);
  });
});
