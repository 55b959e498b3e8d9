import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, startServe, type BrowserSession, type ServeProcess } from './harness';

/**
 * Plants secrets through the UI (the vault passphrase, host passwords, private keys and key
 * passphrases, credential values, a replaced password) and then searches every file of the data
 * folder, raw and encoded, and every message the server sent to the page: no secret anywhere.
 */

let serve: ServeProcess;
let session: BrowserSession;
let page: Page;
/** Every WebSocket frame and HTTP body the page received, and what the console printed. */
const received: string[] = [];

const token = (label: string) => `${label}-${randomBytes(12).toString('base64url')}`;
const privateKey = () =>
  [
    '-----BEGIN OPENSSH PRIVATE KEY-----',
    ...randomBytes(300).toString('base64').match(/.{1,70}/g)!,
    '-----END OPENSSH PRIVATE KEY-----',
  ].join('\n');

const PASSPHRASE = token('vault passphrase');
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

beforeAll(async () => {
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
});

describe('secrets never leave the vault in plain text', () => {
  it('plants more than 20 secrets through the UI', async () => {
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

    // Exercise the exporters and the job log too.
    await byId('nav-settings').click();
    await byId('jobs-start-selfcheck').click();
    await byId('audit-export-json').click();
    await page.waitForTimeout(1000);
    expect(secrets.length).toBeGreaterThanOrEqual(22);
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
