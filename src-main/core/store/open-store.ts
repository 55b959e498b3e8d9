import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../contract/errors';
import type { Migration } from './migration';
import { migrations as defaultMigrations } from './migrations';

export const DB_FILENAME = 'opsdeck.db';

/** Shown once by the UI when the store had to do something the user should know about. */
export interface StoreNotice {
  code: 'STORE_CORRUPT';
  message: string;
  backupPath: string | null;
}

export interface OpenStoreOptions {
  dataDir: string;
  /** Path to better_sqlite3.node when the host bundles it somewhere unusual (Electron). */
  nativeBinding?: string;
  /** Tests pass a shorter list; the app always uses the full one. */
  migrations?: readonly Migration[];
}

export interface Store {
  db: Database.Database;
  path: string;
  notice: StoreNotice | null;
  /** Where the pre-migration copy went, when a migration ran on an existing DB. */
  backupPath: string | null;
  close(): void;
}

/** SQLite's own words for "this file is damaged"; anything else (locked, EACCES…) is not ours to fix. */
function isCorruption(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB'))) {
    return true;
  }
  return err instanceof CorruptFile;
}

class CorruptFile extends Error {}

function checkMigrations(list: readonly Migration[]): number {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  return list.length;
}

function fileStamp(): string {
  // Colons are not allowed in Windows file names.
  return new Date().toISOString().replace(/[:.]/g, '-');
}

function unusedPath(base: string): string {
  if (!fs.existsSync(base)) return base;
  return `${base}-${fileStamp()}`;
}

/**
 * Reads the version and checks the pages without writing anything: a DB from a newer Opsdeck
 * must come out of this byte-for-byte unchanged, so this connection is read-only.
 */
function inspect(file: string, nativeBinding: string | undefined, known: number): number {
  const db = new Database(file, { readonly: true, fileMustExist: true, nativeBinding });
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > known) {
      throw new AppError(
        'STORE_TOO_NEW',
        `The database ${file} was written by a newer Opsdeck (schema version ${version}; this version knows up to ${known}).`,
        'Open it with a newer Opsdeck, or move the file away to start fresh (nothing was changed).',
        { file, version, known },
      );
    }
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new CorruptFile(`quick_check: ${String(check)}`);
    return version;
  } finally {
    db.close();
  }
}

/** Moves the damaged file and its WAL companions aside; they are evidence, never deleted. */
function moveAside(file: string): string {
  const target = unusedPath(`${file}.corrupt-${fileStamp()}`);
  fs.renameSync(file, target);
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, target + suffix);
  }
  return target;
}

function configure(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Safe with WAL: a power cut can lose the last commits, never corrupt the file.
  db.pragma('synchronous = NORMAL');
}

function migrate(db: Database.Database, file: string, list: readonly Migration[], from: number): string | null {
  if (from >= list.length) return null;
  let backupPath: string | null = null;
  if (from > 0) {
    // Fold the WAL into the main file first so the copy is complete on its own.
    db.pragma('wal_checkpoint(TRUNCATE)');
    backupPath = unusedPath(`${file}.bak-v${from}`);
    fs.copyFileSync(file, backupPath);
  }
  for (const m of list.slice(from)) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return backupPath;
}

function restrictPermissions(file: string): void {
  if (process.platform === 'win32') return;
  try {
    fs.chmodSync(file, 0o600);
  } catch {
    // Best effort: the secrets inside are encrypted anyway.
  }
}

/**
 * Opens (or creates) `<dataDir>/opsdeck.db`: WAL, foreign keys, numbered migrations. A damaged
 * file is moved aside and a fresh one started (with a notice); a file from a newer Opsdeck is
 * refused untouched.
 */
export function openStore(opts: OpenStoreOptions): Store {
  const list = opts.migrations ?? defaultMigrations;
  const known = checkMigrations(list);
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const file = path.join(opts.dataDir, DB_FILENAME);
  let notice: StoreNotice | null = null;

  let version = 0;
  if (fs.existsSync(file)) {
    try {
      version = inspect(file, opts.nativeBinding, known);
    } catch (err) {
      if (!isCorruption(err)) throw err;
      const backupPath = moveAside(file);
      notice = {
        code: 'STORE_CORRUPT',
        message:
          'The Opsdeck database was damaged and could not be opened. It was moved aside and Opsdeck started with an empty one; ' +
          'your projects, hosts and stored secrets are in the moved file.',
        backupPath,
      };
      version = 0;
    }
  }

  const db = new Database(file, { nativeBinding: opts.nativeBinding });
  try {
    configure(db);
    restrictPermissions(file);
    const backupPath = migrate(db, file, list, version);
    return {
      db,
      path: file,
      notice,
      backupPath,
      close: () => {
        if (db.open) db.close();
      },
    };
  } catch (err) {
    db.close();
    throw err;
  }
}
