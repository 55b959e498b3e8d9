import type Database from 'better-sqlite3';
import type { Link, LinkKind } from '../../contract';

interface LinkRow {
  id: string;
  from_service_id: string;
  to_service_id: string;
  kind: LinkKind;
  created_at: string;
}

function toLink(r: LinkRow): Link {
  return {
    id: r.id,
    fromServiceId: r.from_service_id,
    toServiceId: r.to_service_id,
    kind: r.kind,
    createdAt: r.created_at,
  };
}

/** SQL for links only; rules live in link-ops.ts. */
export function createLinkRepository(db: Database.Database) {
  const q = {
    list: db.prepare<[], LinkRow>('SELECT * FROM links ORDER BY created_at, id'),
    get: db.prepare<[string], LinkRow>('SELECT * FROM links WHERE id = ?'),
    find: db.prepare<[string, string, string], LinkRow>(
      'SELECT * FROM links WHERE from_service_id = ? AND to_service_id = ? AND kind = ?',
    ),
    insert: db.prepare(
      `INSERT INTO links (id, from_service_id, to_service_id, kind, created_at)
       VALUES (@id, @fromServiceId, @toServiceId, @kind, @createdAt)`,
    ),
    remove: db.prepare<[string]>('DELETE FROM links WHERE id = ?'),
    removeTouching: db.prepare<[string, string]>('DELETE FROM links WHERE from_service_id = ? OR to_service_id = ?'),
  };
  return {
    list: (): Link[] => q.list.all().map(toLink),
    get: (id: string): Link | undefined => {
      const r = q.get.get(id);
      return r && toLink(r);
    },
    find: (fromServiceId: string, toServiceId: string, kind: LinkKind): Link | undefined => {
      const r = q.find.get(fromServiceId, toServiceId, kind);
      return r && toLink(r);
    },
    insert: (l: Link): void => void q.insert.run(l),
    remove: (id: string): void => void q.remove.run(id),
    /** Every link from or to one service; returns how many went. */
    removeTouching: (serviceId: string): number => q.removeTouching.run(serviceId, serviceId).changes,
  };
}
export type LinkRepository = ReturnType<typeof createLinkRepository>;
