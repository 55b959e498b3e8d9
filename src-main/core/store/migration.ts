import type Database from 'better-sqlite3';

/**
 * One numbered schema step. `version` is the PRAGMA user_version the DB has after `up` ran;
 * the store runs each pending migration inside its own transaction, so `up` must not open one.
 */
export type Migration = {
  version: number;
  name: string;
  up(db: Database.Database): void;
};
