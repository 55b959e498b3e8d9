import type { Migration } from '../migration';

/** Health checks, their beats, incidents, maintenance windows, alert sinks and the monitor state. */
export const migration006: Migration = {
  version: 6,
  name: 'health',
  up(db) {
    db.exec(`
      CREATE TABLE health_checks (
        id               TEXT PRIMARY KEY,
        service_id       TEXT REFERENCES services(id) ON DELETE CASCADE,
        name             TEXT NOT NULL,
        type             TEXT NOT NULL,
        config           TEXT NOT NULL,
        interval_sec     INTEGER NOT NULL,
        timeout_ms       INTEGER NOT NULL,
        retries          INTEGER NOT NULL,
        renotify_every   INTEGER NOT NULL,
        flap_suppression INTEGER NOT NULL,
        enabled          INTEGER NOT NULL,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL
      );
      CREATE INDEX health_checks_service ON health_checks (service_id);

      -- The monitor's memory of one check: written after every check, read at start.
      CREATE TABLE health_monitor_state (
        check_id           TEXT PRIMARY KEY REFERENCES health_checks(id) ON DELETE CASCADE,
        state              TEXT NOT NULL,
        since              INTEGER,
        fail_streak        INTEGER NOT NULL,
        down_checks        INTEGER NOT NULL,
        notified_down      INTEGER NOT NULL,
        incident_id        TEXT,
        changes            TEXT NOT NULL,
        flapping           INTEGER NOT NULL,
        in_maintenance     INTEGER NOT NULL,
        last_check_at      INTEGER,
        last_latency_ms    REAL,
        last_message       TEXT,
        last_value         REAL,
        last_notified_kind TEXT,
        last_notified_at   INTEGER
      );

      CREATE TABLE health_beats (
        seq        INTEGER PRIMARY KEY AUTOINCREMENT,
        check_id   TEXT NOT NULL REFERENCES health_checks(id) ON DELETE CASCADE,
        at         INTEGER NOT NULL,
        ok         INTEGER NOT NULL,
        latency_ms REAL,
        message    TEXT NOT NULL,
        state      TEXT NOT NULL
      );
      CREATE INDEX health_beats_check ON health_beats (check_id, seq);

      CREATE TABLE health_incidents (
        id            TEXT PRIMARY KEY,
        check_id      TEXT NOT NULL REFERENCES health_checks(id) ON DELETE CASCADE,
        service_id    TEXT,
        check_name    TEXT NOT NULL,
        started_at    INTEGER NOT NULL,
        ended_at      INTEGER,
        notifications INTEGER NOT NULL,
        first_message TEXT NOT NULL,
        last_message  TEXT NOT NULL
      );
      CREATE INDEX health_incidents_check ON health_incidents (check_id, started_at);

      CREATE TABLE health_maintenance (
        id         TEXT PRIMARY KEY,
        check_id   TEXT REFERENCES health_checks(id) ON DELETE CASCADE,
        service_id TEXT REFERENCES services(id) ON DELETE CASCADE,
        starts_at  INTEGER NOT NULL,
        ends_at    INTEGER NOT NULL,
        reason     TEXT NOT NULL,
        created_at TEXT NOT NULL
      );

      -- Non-secret settings only: the URL or SMTP password is in the vault (owner 'alert-sink').
      CREATE TABLE alert_sinks (
        id         TEXT PRIMARY KEY,
        name       TEXT NOT NULL,
        enabled    INTEGER NOT NULL,
        type       TEXT NOT NULL,
        settings   TEXT NOT NULL,
        hint       TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      -- Every notification the monitor decided to send, in order.
      CREATE TABLE alert_log (
        seq        INTEGER PRIMARY KEY AUTOINCREMENT,
        id         TEXT NOT NULL UNIQUE,
        kind       TEXT NOT NULL,
        check_id   TEXT,
        service_id TEXT,
        title      TEXT NOT NULL,
        body       TEXT NOT NULL,
        at         INTEGER NOT NULL
      );
      CREATE INDEX alert_log_check ON alert_log (check_id, seq);
    `);
  },
};
