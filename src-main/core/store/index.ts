export { openStore, DB_FILENAME, type Store, type StoreNotice, type OpenStoreOptions } from './open-store';
export type { Migration } from './migration';
export { newId, nowIso } from './ids';
