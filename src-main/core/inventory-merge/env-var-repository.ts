import type Database from 'better-sqlite3';

/** A stored environment variable of a service (migration 004). Secret ones never carry a value. */
export interface ServiceEnvVar {
  serviceId: string;
  name: string;
  secret: boolean;
  missing: boolean;
  value: string | null;
  /** "file:line" where the importer found it. */
  source: string;
}

interface Row {
  service_id: string;
  name: string;
  secret: number;
  missing: number;
  value: string | null;
  source: string;
}

const toVar = (r: Row): ServiceEnvVar => ({
  serviceId: r.service_id,
  name: r.name,
  secret: r.secret === 1,
  missing: r.missing === 1,
  value: r.value,
  source: r.source,
});

/** SQL for service_env_vars only. */
export function createEnvVarRepository(db: Database.Database) {
  const q = {
    all: db.prepare<[], Row>('SELECT * FROM service_env_vars ORDER BY service_id, name'),
    forService: db.prepare<[string], Row>('SELECT * FROM service_env_vars WHERE service_id = ? ORDER BY name'),
    upsert: db.prepare(
      `INSERT INTO service_env_vars (service_id, name, secret, missing, value, source, updated_at)
       VALUES (@serviceId, @name, @secret, @missing, @value, @source, @updatedAt)
       ON CONFLICT (service_id, name) DO UPDATE SET secret = excluded.secret, missing = excluded.missing,
         value = excluded.value, source = excluded.source, updated_at = excluded.updated_at`,
    ),
  };
  return {
    all: (): ServiceEnvVar[] => q.all.all().map(toVar),
    forService: (serviceId: string): ServiceEnvVar[] => q.forService.all(serviceId).map(toVar),
    upsert(v: ServiceEnvVar, updatedAt: string): void {
      q.upsert.run({
        serviceId: v.serviceId,
        name: v.name,
        secret: v.secret ? 1 : 0,
        missing: v.missing ? 1 : 0,
        // A secret's value is never stored here, whatever the caller passed.
        value: v.secret ? null : v.value,
        source: v.source,
        updatedAt,
      });
    },
  };
}
export type EnvVarRepository = ReturnType<typeof createEnvVarRepository>;
