import type Database from 'better-sqlite3';
import type { AuditRecord, AuditRecorder } from '../ports';
import type { EventBus } from '../event-bus';
import { fromSqliteError } from './inventory-errors';

/** What one unit of work did: its result and, when something changed, what to record and tell. */
export type Change<T> =
  | { value: T; audit: AuditRecord; changed: { entity: string; id: string | null } }
  | { value: T; audit?: undefined; changed?: undefined };

/**
 * Runs one inventory change as one transaction: the rows, the vault writes (same DB handle)
 * and the audit entry commit together or not at all. The "changed" event goes out only after
 * the commit, so listeners that refetch see the new state.
 */
export function createMutator(db: Database.Database, audit: AuditRecorder, bus: EventBus) {
  return function mutate<T>(work: () => Change<T>): T {
    let change: Change<T>;
    try {
      change = db.transaction(() => {
        const c = work();
        if (c.audit) audit.record({ command: null, result: 'ok', ...c.audit });
        return c;
      })();
    } catch (err) {
      throw fromSqliteError(err);
    }
    if (change.changed) bus.emit('inventory.changed', change.changed);
    return change.value;
  };
}
export type Mutator = ReturnType<typeof createMutator>;
