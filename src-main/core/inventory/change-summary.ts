/**
 * The fields of `patch` that are present and differ from `current`. Arrays and objects (tags,
 * config) compare by their JSON, which is how they are stored.
 */
export function changedFields<T extends object>(current: T, patch: Partial<T>, keys: readonly (keyof T & string)[]): string[] {
  const changed: string[] = [];
  for (const key of keys) {
    const next = patch[key];
    if (next === undefined) continue;
    if (JSON.stringify(next) !== JSON.stringify(current[key])) changed.push(key);
  }
  return changed;
}

/** Copies the changed fields of `patch` onto `current`. */
export function applyPatch<T extends object>(current: T, patch: Partial<T>, fields: readonly string[]): T {
  const next = { ...current };
  for (const f of fields) (next as Record<string, unknown>)[f] = (patch as Record<string, unknown>)[f];
  return next;
}

/**
 * The audit entry's details: "fields: name, port; password: set; moved to staging". Only field
 * names and secret actions ever go in here, never values.
 */
export function auditDetails(fields: readonly string[], secrets: readonly string[] = [], extra: readonly string[] = []): string {
  const parts: string[] = [];
  if (fields.length) parts.push(`fields: ${fields.join(', ')}`);
  parts.push(...secrets, ...extra);
  return parts.join('; ');
}
