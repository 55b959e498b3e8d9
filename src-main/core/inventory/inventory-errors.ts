import { AppError } from '../../contract/errors';

/** Words the UI shows for each entity, so every message names things the same way. */
export const ENTITY_LABEL = {
  project: 'Project',
  environment: 'Environment',
  host: 'Host',
  service: 'Service',
  link: 'Link',
  credential: 'Credential',
} as const;
export type EntityKind = keyof typeof ENTITY_LABEL;

/** A referenced id is gone: usually another window deleted it, so the fix is a reload. */
export function notFound(kind: EntityKind, id: string): AppError {
  return new AppError('NOT_FOUND', `${ENTITY_LABEL[kind]} ${id} no longer exists.`, 'Reload the inventory.', {
    kind,
    id,
  });
}

export function nameTaken(kind: EntityKind, name: string, scope: string): AppError {
  const label = ENTITY_LABEL[kind].toLowerCase();
  return new AppError(
    'CONFLICT',
    `A ${label} named "${name}" already exists ${scope}.`,
    `Choose another name, or edit the existing ${label}.`,
    { kind, name },
  );
}

export function invalid(message: string, hint: string, details?: unknown): AppError {
  return new AppError('VALIDATION', message, hint, details);
}

export function conflict(message: string, hint: string, details?: unknown): AppError {
  return new AppError('CONFLICT', message, hint, details);
}

/**
 * The schema's UNIQUE and FOREIGN KEY constraints back up the checks made in code; if one ever
 * fires first (a rule the code missed), the user still gets the one error shape.
 */
export function fromSqliteError(err: unknown): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return new AppError('CONFLICT', 'That name or link already exists.', 'Reload the inventory and try again.');
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return new AppError('NOT_FOUND', 'Something this change refers to no longer exists.', 'Reload the inventory.');
  }
  return err;
}

/** Case-insensitive, so "API" and "api" count as the same name (as in the schema's NOCASE). */
export function sameName(a: string, b: string): boolean {
  return a.toLocaleLowerCase() === b.toLocaleLowerCase();
}
