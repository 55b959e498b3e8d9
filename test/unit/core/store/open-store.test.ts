import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../src-main/contract/errors';
import type { Migration } from '../../../../src-main/core/store/migration';
import { migrations } from '../../../../src-main/core/store/migrations';
import { migration001 } from '../../../../src-main/core/store/migrations/001-core';
import { openStore } from '../../../../src-main/core/store/open-store';
import { tempDir } from '../helpers';

const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('openStore', () => {
  it('creates a fresh database with WAL, foreign keys and every migration', () => {
    const dir = path.join(tempDir(), 'nested', 'data');
    const store = openStore({ dataDir: dir });
    const { db } = store;
    expect(store.path).toBe(path.join(dir, 'opsdeck.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['settings', 'vault_meta', 'secrets', 'audit', 'jobs', 'job_logs']));
    expect(store.notice).toBeNull();
    expect(store.backupPath).toBeNull();
    store.close();
    // Reopening an up-to-date file neither migrates nor copies it.
    const again = openStore({ dataDir: dir });
    expect(again.backupPath).toBeNull();
    again.close();
    expect(fs.readdirSync(dir).filter((f) => f.includes('.bak-'))).toEqual([]);
  });

  it('copies an older database to .bak-v<old> before migrating it', () => {
    const dir = tempDir();
    const old = openStore({ dataDir: dir, migrations: [migration001] });
    old.db.prepare("INSERT INTO settings (key, value) VALUES ('app.theme', 'dark')").run();
    old.close();

    const extra: Migration = { version: 2, name: 'extra', up: (db) => db.exec('CREATE TABLE extra (x INTEGER)') };
    const store = openStore({ dataDir: dir, migrations: [migration001, extra] });
    expect(store.db.pragma('user_version', { simple: true })).toBe(2);
    expect(store.backupPath).toBe(path.join(dir, 'opsdeck.db.bak-v1'));
    store.close();

    const bak = new Database(path.join(dir, 'opsdeck.db.bak-v1'), { readonly: true });
    expect(bak.pragma('user_version', { simple: true })).toBe(1);
    // The WAL was checkpointed first, so the copy holds the last write.
    expect(bak.prepare("SELECT value FROM settings WHERE key = 'app.theme'").get()).toEqual({ value: 'dark' });
    expect(bak.prepare("SELECT name FROM sqlite_master WHERE name = 'extra'").get()).toBeUndefined();
    bak.close();
  });

  it('rolls a failing migration back completely', () => {
    const dir = tempDir();
    const broken: Migration = {
      version: 2,
      name: 'broken',
      up: (db) => {
        db.exec('CREATE TABLE half (x INTEGER)');
        throw new Error('boom');
      },
    };
    expect(() => openStore({ dataDir: dir, migrations: [migration001, broken] })).toThrow('boom');
    const db = new Database(path.join(dir, 'opsdeck.db'));
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    db.close();
  });

  it('moves a corrupt file (and its -wal/-shm) aside, starts fresh and says so', () => {
    const dir = tempDir();
    const file = path.join(dir, 'opsdeck.db');
    const garbage = Buffer.from('this is not a database, it is a shopping list\n'.repeat(200));
    fs.writeFileSync(file, garbage);
    fs.writeFileSync(`${file}-wal`, 'wal bytes');
    const store = openStore({ dataDir: dir });
    expect(store.notice?.code).toBe('STORE_CORRUPT');
    expect(store.notice?.message).toMatch(/moved aside/);
    const moved = store.notice!.backupPath!;
    expect(path.basename(moved)).toMatch(/^opsdeck\.db\.corrupt-\d{4}-\d{2}-\d{2}T/);
    expect(fs.readFileSync(moved).equals(garbage)).toBe(true); // never deleted, never changed
    expect(fs.readFileSync(`${moved}-wal`, 'utf8')).toBe('wal bytes');
    expect(store.db.pragma('user_version', { simple: true })).toBe(migrations.length);
    store.close();
  });

  it('treats a damaged page (quick_check not ok / SQLITE_CORRUPT) as corrupt', () => {
    const dir = tempDir();
    const first = openStore({ dataDir: dir });
    const insert = first.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    for (let i = 0; i < 2000; i++) insert.run(`k${i}`, 'v'.repeat(100));
    first.close();
    const file = path.join(dir, 'opsdeck.db');
    const bytes = fs.readFileSync(file);
    // Overwrite the middle pages (keep the header readable) with noise.
    crypto.randomFillSync(bytes, 4096 * 3, 4096 * 4);
    fs.writeFileSync(file, bytes);
    const store = openStore({ dataDir: dir });
    expect(store.notice?.code).toBe('STORE_CORRUPT');
    expect(fs.existsSync(store.notice!.backupPath!)).toBe(true);
    store.close();
  });

  it('refuses a database from a newer Opsdeck and leaves it byte-for-byte unchanged', () => {
    const dir = tempDir();
    const file = path.join(dir, 'opsdeck.db');
    const future = new Database(file);
    future.pragma('journal_mode = WAL');
    future.exec('CREATE TABLE from_the_future (x)');
    future.pragma('user_version = 99');
    future.close();
    const before = sha(file);
    const listing = fs.readdirSync(dir).sort();

    let caught: unknown;
    try {
      openStore({ dataDir: dir });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AppError);
    const err = caught as AppError;
    expect(err.code).toBe('STORE_TOO_NEW');
    expect(err.message).toContain(file);
    expect(err.message).toContain('99');
    expect(err.message).toContain(String(migrations.length));
    expect(err.hint).toBe('Open it with a newer Opsdeck, or move the file away to start fresh (nothing was changed).');
    expect(sha(file)).toBe(before);
    expect(fs.readdirSync(dir).filter((f) => !f.endsWith('-shm') && !f.endsWith('-wal')).sort()).toEqual(
      listing.filter((f) => !f.endsWith('-shm') && !f.endsWith('-wal')),
    );
  });
});
