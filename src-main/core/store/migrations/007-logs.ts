import type { Migration } from '../migration';

/** Logs: sources the user added and the log format remembered per source. */
export const migration007: Migration = {
  version: 7,
  name: 'logs',
  up(db) {
    db.exec(`SELECT 1`);
  },
};
