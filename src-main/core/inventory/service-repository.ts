import type Database from 'better-sqlite3';
import type { Service, ServiceConfig, ServiceKind } from '../../contract';

interface ServiceRow {
  id: string;
  environment_id: string;
  host_id: string | null;
  name: string;
  kind: ServiceKind;
  config: string;
  credential_id: string | null;
  notes: string;
  created_at: string;
  updated_at: string;
}

function toService(r: ServiceRow): Service {
  return {
    id: r.id,
    environmentId: r.environment_id,
    hostId: r.host_id,
    name: r.name,
    kind: r.kind,
    config: JSON.parse(r.config) as ServiceConfig,
    credentialId: r.credential_id,
    notes: r.notes,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toParams(s: Service) {
  return { ...s, config: JSON.stringify(s.config) };
}

/** SQL for services only; rules live in service-ops.ts. */
export function createServiceRepository(db: Database.Database) {
  const q = {
    list: db.prepare<[], ServiceRow>('SELECT * FROM services ORDER BY name COLLATE NOCASE, id'),
    get: db.prepare<[string], ServiceRow>('SELECT * FROM services WHERE id = ?'),
    inEnvironment: db.prepare<[string], ServiceRow>(
      'SELECT * FROM services WHERE environment_id = ? ORDER BY name COLLATE NOCASE',
    ),
    onHost: db.prepare<[string], ServiceRow>('SELECT * FROM services WHERE host_id = ? ORDER BY name COLLATE NOCASE'),
    insert: db.prepare(
      `INSERT INTO services (id, environment_id, host_id, name, kind, config, credential_id, notes, created_at, updated_at)
       VALUES (@id, @environmentId, @hostId, @name, @kind, @config, @credentialId, @notes, @createdAt, @updatedAt)`,
    ),
    update: db.prepare(
      `UPDATE services SET host_id = @hostId, name = @name, kind = @kind, config = @config,
         credential_id = @credentialId, notes = @notes, updated_at = @updatedAt
       WHERE id = @id`,
    ),
    detachFromHost: db.prepare<[string]>('UPDATE services SET host_id = NULL WHERE host_id = ?'),
    remove: db.prepare<[string]>('DELETE FROM services WHERE id = ?'),
    clearCredential: db.prepare<[string]>('UPDATE services SET credential_id = NULL WHERE credential_id = ?'),
    usingCredential: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM services WHERE credential_id = ?'),
  };
  return {
    list: (): Service[] => q.list.all().map(toService),
    get: (id: string): Service | undefined => {
      const r = q.get.get(id);
      return r && toService(r);
    },
    inEnvironment: (environmentId: string): Service[] => q.inEnvironment.all(environmentId).map(toService),
    onHost: (hostId: string): Service[] => q.onHost.all(hostId).map(toService),
    insert: (s: Service): void => void q.insert.run(toParams(s)),
    update: (s: Service): void => void q.update.run(toParams(s)),
    /** Services stay when their host goes (they become "no host"); returns how many moved. */
    detachFromHost: (hostId: string): number => q.detachFromHost.run(hostId).changes,
    remove: (id: string): void => void q.remove.run(id),
    clearCredential: (credentialId: string): number => q.clearCredential.run(credentialId).changes,
    countUsingCredential: (credentialId: string): number => q.usingCredential.get(credentialId)!.n,
  };
}
export type ServiceRepository = ReturnType<typeof createServiceRepository>;
