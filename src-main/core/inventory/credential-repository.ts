import type Database from 'better-sqlite3';
import type { CredentialKind } from '../../contract';
import type { CredentialRecord } from './inventory-types';

interface CredentialRow {
  id: string;
  name: string;
  kind: CredentialKind;
  username: string;
  notes: string;
  created_at: string;
  updated_at: string;
}

function toCredential(r: CredentialRow): CredentialRecord {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    username: r.username,
    notes: r.notes,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** SQL for credentials only; their secret values are the vault's. */
export function createCredentialRepository(db: Database.Database) {
  const q = {
    list: db.prepare<[], CredentialRow>('SELECT * FROM credentials ORDER BY name COLLATE NOCASE, id'),
    get: db.prepare<[string], CredentialRow>('SELECT * FROM credentials WHERE id = ?'),
    insert: db.prepare(
      `INSERT INTO credentials (id, name, kind, username, notes, created_at, updated_at)
       VALUES (@id, @name, @kind, @username, @notes, @createdAt, @updatedAt)`,
    ),
    update: db.prepare(
      `UPDATE credentials SET name = @name, kind = @kind, username = @username, notes = @notes,
         updated_at = @updatedAt WHERE id = @id`,
    ),
    touch: db.prepare<[string, string]>('UPDATE credentials SET updated_at = ? WHERE id = ?'),
    remove: db.prepare<[string]>('DELETE FROM credentials WHERE id = ?'),
  };
  return {
    list: (): CredentialRecord[] => q.list.all().map(toCredential),
    get: (id: string): CredentialRecord | undefined => {
      const r = q.get.get(id);
      return r && toCredential(r);
    },
    insert: (c: CredentialRecord): void => void q.insert.run(c),
    update: (c: CredentialRecord): void => void q.update.run(c),
    touch: (id: string, updatedAt: string): void => void q.touch.run(updatedAt, id),
    remove: (id: string): void => void q.remove.run(id),
  };
}
export type CredentialRepository = ReturnType<typeof createCredentialRepository>;
