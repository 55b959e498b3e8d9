import type Database from 'better-sqlite3';
import type { Project } from '../../contract';

interface ProjectRow {
  id: string;
  name: string;
  description: string;
  created_at: string;
  updated_at: string;
}

function toProject(r: ProjectRow): Project {
  return { id: r.id, name: r.name, description: r.description, createdAt: r.created_at, updatedAt: r.updated_at };
}

/** SQL for projects only; rules live in project-ops.ts. */
export function createProjectRepository(db: Database.Database) {
  const q = {
    list: db.prepare<[], ProjectRow>('SELECT * FROM projects ORDER BY name COLLATE NOCASE, id'),
    get: db.prepare<[string], ProjectRow>('SELECT * FROM projects WHERE id = ?'),
    insert: db.prepare(
      'INSERT INTO projects (id, name, description, created_at, updated_at) VALUES (@id, @name, @description, @createdAt, @updatedAt)',
    ),
    update: db.prepare('UPDATE projects SET name = @name, description = @description, updated_at = @updatedAt WHERE id = @id'),
    remove: db.prepare<[string]>('DELETE FROM projects WHERE id = ?'),
    count: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM projects'),
  };
  return {
    list: (): Project[] => q.list.all().map(toProject),
    get: (id: string): Project | undefined => {
      const r = q.get.get(id);
      return r && toProject(r);
    },
    insert: (p: Project): void => void q.insert.run(p),
    update: (p: Project): void => void q.update.run(p),
    remove: (id: string): void => void q.remove.run(id),
    count: (): number => q.count.get()!.n,
  };
}
export type ProjectRepository = ReturnType<typeof createProjectRepository>;
