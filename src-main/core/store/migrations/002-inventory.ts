import type { Migration } from '../migration';

/**
 * The inventory: projects → environments → hosts and services, links between services, and
 * credentials shared by hosts and services. Secret values live in `secrets` (001), keyed by
 * owner, never here.
 *
 * Names are unique per scope with NOCASE so "API" and "api" cannot both exist; the inventory
 * module checks the same rule first (with a friendlier error), these indexes are the backstop.
 * Children that belong to a parent cascade; references that merely point somewhere (a host's
 * credential or jump host, a service's host) are set to NULL when their target goes. The
 * inventory module also deletes explicitly, child first, so it does not depend on
 * `PRAGMA foreign_keys` being on for correctness.
 */
export const migration002: Migration = {
  version: 2,
  name: 'inventory',
  up(db) {
    db.exec(`
      CREATE TABLE projects (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
      );
      CREATE UNIQUE INDEX projects_name ON projects (name COLLATE NOCASE);

      CREATE TABLE environments (
        id         TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        name       TEXT NOT NULL,
        kind       TEXT NOT NULL
                   CHECK (kind IN ('production', 'staging', 'development', 'preview', 'other')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX environments_name ON environments (project_id, name COLLATE NOCASE);

      CREATE TABLE credentials (
        id         TEXT PRIMARY KEY,
        name       TEXT NOT NULL,
        kind       TEXT NOT NULL
                   CHECK (kind IN ('ssh-key', 'ssh-password', 'database-url', 'api-token', 'generic')),
        username   TEXT NOT NULL DEFAULT '',
        notes      TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX credentials_name ON credentials (name COLLATE NOCASE);

      CREATE TABLE hosts (
        id             TEXT PRIMARY KEY,
        environment_id TEXT NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
        name           TEXT NOT NULL,
        address        TEXT NOT NULL,
        port           INTEGER NOT NULL DEFAULT 22,
        username       TEXT NOT NULL,
        auth_method    TEXT NOT NULL CHECK (auth_method IN ('password', 'key', 'agent')),
        provider       TEXT NOT NULL,
        credential_id  TEXT REFERENCES credentials (id) ON DELETE SET NULL,
        jump_host_id   TEXT REFERENCES hosts (id) ON DELETE SET NULL,
        tags           TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
        notes          TEXT NOT NULL DEFAULT '',
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL
      );
      CREATE UNIQUE INDEX hosts_name ON hosts (environment_id, name COLLATE NOCASE);
      CREATE INDEX hosts_credential ON hosts (credential_id);
      CREATE INDEX hosts_jump_host ON hosts (jump_host_id);

      CREATE TABLE services (
        id             TEXT PRIMARY KEY,
        environment_id TEXT NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
        host_id        TEXT REFERENCES hosts (id) ON DELETE SET NULL, -- NULL: PaaS or external
        name           TEXT NOT NULL,
        kind           TEXT NOT NULL,
        config         TEXT NOT NULL DEFAULT '{}', -- JSON, the contract's ServiceConfig
        credential_id  TEXT REFERENCES credentials (id) ON DELETE SET NULL,
        notes          TEXT NOT NULL DEFAULT '',
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL
      );
      CREATE UNIQUE INDEX services_name ON services (environment_id, name COLLATE NOCASE);
      CREATE INDEX services_host ON services (host_id);
      CREATE INDEX services_credential ON services (credential_id);

      CREATE TABLE links (
        id              TEXT PRIMARY KEY,
        from_service_id TEXT NOT NULL REFERENCES services (id) ON DELETE CASCADE,
        to_service_id   TEXT NOT NULL REFERENCES services (id) ON DELETE CASCADE,
        kind            TEXT NOT NULL
                        CHECK (kind IN ('proxies-to', 'uses-database', 'uses-cache', 'depends-on')),
        created_at      TEXT NOT NULL,
        CHECK (from_service_id <> to_service_id)
      );
      CREATE UNIQUE INDEX links_unique ON links (from_service_id, to_service_id, kind);
      CREATE INDEX links_to ON links (to_service_id);
    `);
  },
};
