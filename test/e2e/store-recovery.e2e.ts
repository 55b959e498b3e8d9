import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { launchBrowser, startServe } from './harness';

/** A damaged or newer database is reported with a way out, and never overwritten. */
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'opsdeck-store-'));
  dirs.push(d);
  return d;
};
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('store recovery through opsdeck serve', () => {
  it('moves a corrupt database aside, keeps it byte for byte, and tells the user where it went until dismissed', async () => {
    const dataDir = tempDir();
    const damaged = Buffer.concat([Buffer.from('SQLite format 3\0'), randomBytes(8192)]);
    writeFileSync(join(dataDir, 'opsdeck.db'), damaged);
    const serve = await startServe({ dataDir });
    const session = await launchBrowser();
    try {
      await session.page.goto(serve.url);
      const notice = session.page.getByTestId('store-notice');
      await notice.waitFor({ state: 'visible', timeout: 20_000 });
      const shownPath = ((await session.page.getByTestId('store-notice-path').textContent()) ?? '').trim();
      expect(shownPath).toMatch(/opsdeck\.db\.corrupt-/);
      expect(existsSync(shownPath)).toBe(true);
      expect(readFileSync(shownPath).equals(damaged)).toBe(true);
      await session.page.screenshot({ path: join(__dirname, '..', '..', 'screenshots', 'store-notice-corrupt.png') });

      // Still there after a restart, until the user dismisses it; then gone for good.
      await serve.restart();
      await session.page.goto(serve.url);
      await notice.waitFor({ state: 'visible', timeout: 20_000 });
      expect(((await session.page.getByTestId('store-notice-path').textContent()) ?? '').trim()).toBe(shownPath);
      await session.page.getByTestId('store-notice-dismiss').click();
      await notice.waitFor({ state: 'detached' });
      await session.page.waitForTimeout(300);
      await serve.restart();
      await session.page.goto(serve.url);
      await session.page.getByTestId('nav-inventory').waitFor({ timeout: 20_000 });
      await session.page.waitForTimeout(500);
      expect(await notice.count()).toBe(0);
      expect(existsSync(shownPath)).toBe(true);
    } finally {
      await session.close();
      await serve.stop();
    }
  });

  it('refuses to start on a database from a newer Opsdeck, says what to do, and leaves it untouched', async () => {
    const dataDir = tempDir();
    const file = join(dataDir, 'opsdeck.db');
    const db = new Database(file);
    db.exec('CREATE TABLE future_things (id TEXT PRIMARY KEY); INSERT INTO future_things VALUES (\'x\');');
    db.pragma('user_version = 999');
    db.close();
    const before = sha(file);
    const err = await startServe({ dataDir }).then(
      async (s) => {
        await s.stop();
        return null;
      },
      (e: Error) => e,
    );
    expect(err, 'serve must not start').not.toBeNull();
    expect(err!.message).toMatch(/exited with 1/);
    expect(err!.message).toMatch(/newer Opsdeck \(schema version 999/);
    expect(err!.message).toMatch(/move the file away to start fresh \(nothing was changed\)/);
    expect(err!.message).not.toMatch(/at .*\.js:\d+/); // no stack trace
    expect(sha(file)).toBe(before);
  });
});
