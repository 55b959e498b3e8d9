import type { Migration } from '../migration';

/**
 * The tables the core itself owns: settings, the vault (wrapped data key + encrypted fields),
 * the audit trail and the job history. Inventory tables come in 002.
 */
export const migration001: Migration = {
  version: 1,
  name: 'core',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      -- One row: the data key wrapped by one KeyProvider. Which provider matters on every start,
      -- so it is recorded rather than guessed.
      CREATE TABLE vault_meta (
        id          INTEGER PRIMARY KEY CHECK (id = 1),
        provider    TEXT NOT NULL CHECK (provider IN ('safe-storage', 'passphrase', 'env-key')),
        wrapped_key BLOB NOT NULL,
        salt        BLOB,
        kdf_params  TEXT,
        created_at  TEXT NOT NULL
      );

      -- ciphertext holds the AES-GCM output followed by its 16-byte tag.
      CREATE TABLE secrets (
        owner_type TEXT NOT NULL,
        owner_id   TEXT NOT NULL,
        field      TEXT NOT NULL,
        nonce      BLOB NOT NULL,
        ciphertext BLOB NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (owner_type, owner_id, field)
      );

      CREATE TABLE audit (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        id          TEXT NOT NULL UNIQUE,
        ts          TEXT NOT NULL,
        os_user     TEXT NOT NULL,
        action      TEXT NOT NULL,
        target_kind TEXT NOT NULL,
        target_id   TEXT,
        target_name TEXT NOT NULL,
        command     TEXT,
        result      TEXT NOT NULL CHECK (result IN ('ok', 'error', 'cancelled')),
        details     TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX audit_ts ON audit (ts);

      CREATE TABLE jobs (
        id          TEXT PRIMARY KEY,
        kind        TEXT NOT NULL,
        title       TEXT NOT NULL,
        target      TEXT NOT NULL,
        status      TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
        progress    REAL NOT NULL DEFAULT 0,
        step        TEXT NOT NULL DEFAULT '',
        result      TEXT,
        error       TEXT,
        created_at  TEXT NOT NULL,
        started_at  TEXT,
        finished_at TEXT
      );
      CREATE INDEX jobs_created ON jobs (created_at);
      CREATE INDEX jobs_status ON jobs (status);

      CREATE TABLE job_logs (
        job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
        seq    INTEGER NOT NULL,
        ts     TEXT NOT NULL,
        level  TEXT NOT NULL CHECK (level IN ('info', 'warn', 'error')),
        text   TEXT NOT NULL,
        PRIMARY KEY (job_id, seq)
      ) WITHOUT ROWID;
    `);
  },
};
