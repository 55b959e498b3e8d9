import type { Migration } from '../migration';

/**
 * Trusted SSH host keys, one per host. Keyed by the host's id, not by its address: a host whose
 * address or port changes keeps its trusted key, and the SSH module accepts the same key at the
 * new address but treats a different key there as unknown (trust again), never as silently
 * trusted. Rows also answer "which key is trusted at this address:port" across hosts, so two
 * inventory entries for one server share one trust decision and a changed key is refused for
 * both. Deleting a host forgets its key.
 */
export const migration003: Migration = {
  version: 3,
  name: 'ssh-host-keys',
  up(db) {
    db.exec(`
      CREATE TABLE host_keys (
        host_id     TEXT PRIMARY KEY REFERENCES hosts (id) ON DELETE CASCADE,
        host        TEXT NOT NULL,
        port        INTEGER NOT NULL,
        algorithm   TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        public_key  BLOB NOT NULL,
        source      TEXT NOT NULL DEFAULT 'confirmed' CHECK (source IN ('confirmed', 'known_hosts')),
        trusted_at  TEXT NOT NULL
      );
      CREATE INDEX host_keys_address ON host_keys (host COLLATE NOCASE, port);
    `);
  },
};
