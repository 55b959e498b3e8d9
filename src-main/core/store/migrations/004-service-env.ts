import type { Migration } from '../migration';

/**
 * Environment variables a service declares, as the importers found them (compose environment,
 * render envVars, app.json env, .env.example…). Secret-looking variables keep only their name:
 * `value` is NULL for them, always; their values belong in the vault, set by the user. `missing`
 * marks a variable declared without a value anywhere. `source` is "file:line". Rows go with
 * their service.
 */
export const migration004: Migration = {
  version: 4,
  name: 'service-env-vars',
  up(db) {
    db.exec(`
      CREATE TABLE service_env_vars (
        service_id TEXT NOT NULL REFERENCES services (id) ON DELETE CASCADE,
        name       TEXT NOT NULL,
        secret     INTEGER NOT NULL DEFAULT 0 CHECK (secret IN (0, 1)),
        missing    INTEGER NOT NULL DEFAULT 0 CHECK (missing IN (0, 1)),
        value      TEXT CHECK (value IS NULL OR secret = 0),
        source     TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        PRIMARY KEY (service_id, name)
      );
    `);
  },
};
