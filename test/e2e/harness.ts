import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const ROOT = resolve(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'opsdeck.js');

export interface ServeProcess {
  url: string;
  origin: string;
  token: string;
  port: number;
  dataDir: string;
  /** Everything the process printed, for assertions about what reaches the terminal. */
  output(): string;
  stop(): Promise<void>;
  /** Stops the process only, keeping the data folder (to inspect it); restart() starts it again. */
  halt(): Promise<void>;
  /** Stops and starts again on the same data folder; url/token/port change. */
  restart(): Promise<void>;
}

export const TEST_VAULT_KEY = 'a1'.repeat(32);

/** Starts the built `opsdeck serve` as a child process on a temp data folder. */
export async function startServe(opts: { dataDir?: string; env?: Record<string, string>; vaultKey?: string | null } = {}): Promise<ServeProcess> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'opsdeck-e2e-'));
  const ownsDir = opts.dataDir === undefined;
  let child: ChildProcess | null = null;
  let out = '';
  const state = { url: '', origin: '', token: '', port: 0 };

  async function launch(): Promise<void> {
    const env: NodeJS.ProcessEnv = { ...process.env, OPSDECK_DATA_DIR: dataDir, ...opts.env };
    if (opts.vaultKey === null) delete env.OPSDECK_VAULT_KEY;
    else env.OPSDECK_VAULT_KEY = opts.vaultKey ?? TEST_VAULT_KEY;
    const proc = spawn(process.execPath, [CLI, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    const launchStart = out.length;
    await new Promise<void>((resolveReady, reject) => {
      const timer = setTimeout(() => reject(new Error(`serve did not start in 20 s:\n${out}`)), 20_000);
      const onData = (buf: Buffer) => {
        out += buf.toString();
        const m = /Opsdeck is ready: (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+))/.exec(out.slice(launchStart));
        if (m) {
          clearTimeout(timer);
          state.url = m[1]!;
          state.port = Number(m[2]);
          state.token = m[3]!;
          state.origin = `http://127.0.0.1:${state.port}`;
          resolveReady();
        }
      };
      proc.stdout!.on('data', onData);
      proc.stderr!.on('data', (b: Buffer) => (out += b.toString()));
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`serve exited with ${code}:\n${out}`));
      });
    });
  }

  async function stopChild(): Promise<void> {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null) return;
    await new Promise<void>((r) => {
      proc.once('exit', () => r());
      proc.kill('SIGTERM');
      setTimeout(() => proc.kill('SIGKILL'), 5000).unref();
    });
  }

  await launch();
  return {
    get url() { return state.url; },
    get origin() { return state.origin; },
    get token() { return state.token; },
    get port() { return state.port; },
    dataDir,
    output: () => out,
    async stop() {
      await stopChild();
      if (ownsDir && !process.env.OPSDECK_KEEP_E2E_DATA) rmSync(dataDir, { recursive: true, force: true });
    },
    halt: stopChild,
    async restart() {
      await stopChild();
      await launch();
    },
  };
}

export interface BrowserSession {
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** Debian's Chromium, headless, on a fresh profile, with the flags that work on our machines. */
export async function launchBrowser(opts: { locale?: string; colorScheme?: 'light' | 'dark' } = {}): Promise<BrowserSession> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const context = await browser.newContext({
    locale: opts.locale ?? 'en-US',
    colorScheme: opts.colorScheme ?? 'light',
    viewport: { width: 1440, height: 900 },
  });
  const page = await context.newPage();
  return { browser, page, close: () => browser.close() };
}
