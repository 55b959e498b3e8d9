import type { Migration } from '../migration';

/**
 * Metrics: monitors per host, thresholds and the time series (raw, 1-minute, 1-hour).
 *
 * Compact by design (a year of 5-second polling must stay small): a series is an integer id
 * (`metric_series`: target + key + the scale its values are stored with); times are epoch
 * SECONDS and values scaled INTEGERS (e.g. percent × 100). Points of the open period are rows
 * (`metric_raw`, WITHOUT ROWID keyed (series_id, t): a poll is a few small inserts); each closed
 * 10-minute period of a series is then packed into one row of `metric_raw_pack` (`p`: period
 * start). The 1-minute rollups are one row per series and hour (`metric_1m.h`), the 1-hour
 * rollups one row per series and UTC day (`metric_1h.d`). Every `data` BLOB holds bit-packed
 * integer columns (core/metrics/int-pack.ts, raw-blob.ts, slot-blob.ts).
 * `metric_rollup_state` holds how far each rollup, packing and retention step got (incremental work).
 */
export const migration005: Migration = {
  version: 5,
  name: 'metrics',
  up(db) {
    db.exec(`
      CREATE TABLE metric_series (
        id          INTEGER PRIMARY KEY,
        target_kind TEXT NOT NULL CHECK (target_kind IN ('host', 'service')),
        target_id   TEXT NOT NULL,
        key         TEXT NOT NULL,
        scale       INTEGER NOT NULL DEFAULT 1,
        UNIQUE (target_kind, target_id, key)
      );
      CREATE TABLE metric_raw (
        series_id INTEGER NOT NULL,
        t         INTEGER NOT NULL,
        v         INTEGER NOT NULL,
        PRIMARY KEY (series_id, t)
      ) WITHOUT ROWID;
      CREATE TABLE metric_raw_pack (
        series_id INTEGER NOT NULL,
        p         INTEGER NOT NULL,
        data      BLOB NOT NULL,
        PRIMARY KEY (series_id, p)
      ) WITHOUT ROWID;
      CREATE TABLE metric_1m (
        series_id INTEGER NOT NULL,
        h         INTEGER NOT NULL,
        data      BLOB NOT NULL,
        PRIMARY KEY (series_id, h)
      ) WITHOUT ROWID;
      CREATE TABLE metric_1h (
        series_id INTEGER NOT NULL,
        d         INTEGER NOT NULL,
        data      BLOB NOT NULL,
        PRIMARY KEY (series_id, d)
      ) WITHOUT ROWID;
      CREATE TABLE metric_rollup_state (
        name TEXT PRIMARY KEY,
        upto INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE metric_monitors (
        host_id        TEXT PRIMARY KEY REFERENCES hosts (id) ON DELETE CASCADE,
        enabled        INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),
        interval_sec   INTEGER NOT NULL DEFAULT 10,
        docker_socket  TEXT,
        last_poll_at   INTEGER,
        last_poll_ms   REAL,
        last_cpu_ms    REAL,
        last_error     TEXT
      );
      CREATE TABLE metric_thresholds (
        target_kind TEXT NOT NULL CHECK (target_kind IN ('host', 'service')),
        target_id   TEXT NOT NULL,
        family      TEXT NOT NULL,
        value       REAL NOT NULL,
        direction   TEXT NOT NULL CHECK (direction IN ('above', 'below')),
        alert       INTEGER NOT NULL CHECK (alert IN (0, 1)),
        PRIMARY KEY (target_kind, target_id, family)
      ) WITHOUT ROWID;
    `);
  },
};
