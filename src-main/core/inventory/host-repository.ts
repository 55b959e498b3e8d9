import type Database from 'better-sqlite3';
import type { HostAuthMethod } from '../../contract';
import type { HostRecord } from './inventory-types';

interface HostRow {
  id: string;
  environment_id: string;
  name: string;
  address: string;
  port: number;
  username: string;
  auth_method: HostAuthMethod;
  provider: HostRecord['provider'];
  credential_id: string | null;
  jump_host_id: string | null;
  tags: string;
  notes: string;
  created_at: string;
  updated_at: string;
}

function toHost(r: HostRow): HostRecord {
  return {
    id: r.id,
    environmentId: r.environment_id,
    name: r.name,
    address: r.address,
    port: r.port,
    username: r.username,
    authMethod: r.auth_method,
    provider: r.provider,
    credentialId: r.credential_id,
    jumpHostId: r.jump_host_id,
    tags: JSON.parse(r.tags) as string[],
    notes: r.notes,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toParams(h: HostRecord) {
  return { ...h, tags: JSON.stringify(h.tags) };
}

/** SQL for hosts only; secrets are the vault's, rules are in host-ops.ts. */
export function createHostRepository(db: Database.Database) {
  const q = {
    list: db.prepare<[], HostRow>('SELECT * FROM hosts ORDER BY name COLLATE NOCASE, id'),
    get: db.prepare<[string], HostRow>('SELECT * FROM hosts WHERE id = ?'),
    inEnvironment: db.prepare<[string], HostRow>('SELECT * FROM hosts WHERE environment_id = ? ORDER BY name COLLATE NOCASE'),
    insert: db.prepare(
      `INSERT INTO hosts (id, environment_id, name, address, port, username, auth_method, provider,
         credential_id, jump_host_id, tags, notes, created_at, updated_at)
       VALUES (@id, @environmentId, @name, @address, @port, @username, @authMethod, @provider,
         @credentialId, @jumpHostId, @tags, @notes, @createdAt, @updatedAt)`,
    ),
    update: db.prepare(
      `UPDATE hosts SET environment_id = @environmentId, name = @name, address = @address, port = @port,
         username = @username, auth_method = @authMethod, provider = @provider, credential_id = @credentialId,
         jump_host_id = @jumpHostId, tags = @tags, notes = @notes, updated_at = @updatedAt
       WHERE id = @id`,
    ),
    touch: db.prepare<[string, string]>('UPDATE hosts SET updated_at = ? WHERE id = ?'),
    // A deleted host stops being anyone's jump host (the FK says the same; see cascade.ts).
    clearJumpTo: db.prepare<[string]>('UPDATE hosts SET jump_host_id = NULL WHERE jump_host_id = ?'),
    remove: db.prepare<[string]>('DELETE FROM hosts WHERE id = ?'),
    clearCredential: db.prepare<[string]>('UPDATE hosts SET credential_id = NULL WHERE credential_id = ?'),
    usingCredential: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM hosts WHERE credential_id = ?'),
  };
  return {
    list: (): HostRecord[] => q.list.all().map(toHost),
    get: (id: string): HostRecord | undefined => {
      const r = q.get.get(id);
      return r && toHost(r);
    },
    inEnvironment: (environmentId: string): HostRecord[] => q.inEnvironment.all(environmentId).map(toHost),
    insert: (h: HostRecord): void => void q.insert.run(toParams(h)),
    update: (h: HostRecord): void => void q.update.run(toParams(h)),
    touch: (id: string, updatedAt: string): void => void q.touch.run(updatedAt, id),
    clearJumpTo: (id: string): number => q.clearJumpTo.run(id).changes,
    remove: (id: string): void => void q.remove.run(id),
    /** Returns how many hosts used the credential. */
    clearCredential: (credentialId: string): number => q.clearCredential.run(credentialId).changes,
    countUsingCredential: (credentialId: string): number => q.usingCredential.get(credentialId)!.n,
  };
}
export type HostRepository = ReturnType<typeof createHostRepository>;
