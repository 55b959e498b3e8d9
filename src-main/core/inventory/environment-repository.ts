import type Database from 'better-sqlite3';
import type { Environment, EnvironmentKind } from '../../contract';

interface EnvironmentRow {
  id: string;
  project_id: string;
  name: string;
  kind: EnvironmentKind;
  created_at: string;
  updated_at: string;
}

function toEnvironment(r: EnvironmentRow): Environment {
  return {
    id: r.id,
    projectId: r.project_id,
    name: r.name,
    kind: r.kind,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

// Production first, as the environment switcher shows them.
const KIND_ORDER = `CASE kind WHEN 'production' THEN 0 WHEN 'staging' THEN 1 WHEN 'preview' THEN 2
  WHEN 'development' THEN 3 ELSE 4 END`;

/** SQL for environments only; the deep delete of an environment is in cascade.ts. */
export function createEnvironmentRepository(db: Database.Database) {
  const q = {
    list: db.prepare<[], EnvironmentRow>(`SELECT * FROM environments ORDER BY ${KIND_ORDER}, name COLLATE NOCASE, id`),
    get: db.prepare<[string], EnvironmentRow>('SELECT * FROM environments WHERE id = ?'),
    inProject: db.prepare<[string], EnvironmentRow>(
      `SELECT * FROM environments WHERE project_id = ? ORDER BY ${KIND_ORDER}, name COLLATE NOCASE`,
    ),
    insert: db.prepare(
      `INSERT INTO environments (id, project_id, name, kind, created_at, updated_at)
       VALUES (@id, @projectId, @name, @kind, @createdAt, @updatedAt)`,
    ),
    update: db.prepare('UPDATE environments SET name = @name, kind = @kind, updated_at = @updatedAt WHERE id = @id'),
  };
  return {
    list: (): Environment[] => q.list.all().map(toEnvironment),
    get: (id: string): Environment | undefined => {
      const r = q.get.get(id);
      return r && toEnvironment(r);
    },
    inProject: (projectId: string): Environment[] => q.inProject.all(projectId).map(toEnvironment),
    insert: (e: Environment): void => void q.insert.run(e),
    update: (e: Environment): void => void q.update.run(e),
  };
}
export type EnvironmentRepository = ReturnType<typeof createEnvironmentRepository>;
