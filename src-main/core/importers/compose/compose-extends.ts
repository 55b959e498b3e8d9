import type { ImportFile } from '../types';
import type { IssueList } from '../shared/issues';
import { entryOf, getString, getValue, type LMap, type LValue } from '../shared/located';
import { findSibling } from '../shared/paths';
import { readYaml } from '../shared/yaml-with-positions';
import { mergeMaps } from './compose-merge';

export const COMPOSE_TAGS = ['!reset', '!override'] as const;

const MAX_EXTENDS_DEPTH = 10;

interface Context {
  file: string;
  services: LMap;
}

/**
 * A service with everything it inherits through `extends` (same file, or `file:` among the
 * import's files) merged in. What cannot be followed is a warning at the `extends` line and the
 * service keeps its own keys.
 */
export function resolveExtends(
  name: string,
  ctx: Context,
  siblings: readonly ImportFile[],
  issues: IssueList,
  depth = 0,
  seen: Set<string> = new Set(),
): LMap | undefined {
  const own = getValue(ctx.services, name);
  if (!own || own.kind !== 'map') return undefined;
  const extEntry = entryOf(own, 'extends');
  if (!extEntry) return own;
  const withoutExtends: LMap = { ...own, entries: own.entries.filter((e) => e.key !== 'extends') };
  const ext = extEntry.value;
  const baseName = ext.kind === 'scalar' ? (ext.value === null ? undefined : String(ext.value)) : getString(ext as LMap, 'service');
  const fileRef = ext.kind === 'map' ? getString(ext, 'file') : undefined;
  if (!baseName || (ext.kind !== 'scalar' && ext.kind !== 'map')) {
    issues.warn(extEntry.keyLoc, `service '${name}': extends needs a service name; ignored`);
    return withoutExtends;
  }
  const id = `${fileRef ?? ctx.file}#${baseName}`;
  if (depth >= MAX_EXTENDS_DEPTH || seen.has(id)) {
    issues.warn(extEntry.keyLoc, `service '${name}': extends loops or nests too deep at '${baseName}'; not followed`);
    return withoutExtends;
  }
  let baseCtx: Context = ctx;
  if (fileRef) {
    const sib = findSibling(ctx.file, fileRef, siblings);
    if (!sib) {
      issues.warn(extEntry.keyLoc, `service '${name}' extends '${baseName}' from ${fileRef}, which is not among the imported files; imported without what it inherits`);
      return withoutExtends;
    }
    const read = readYaml(sib.path, sib.content, { localTags: COMPOSE_TAGS });
    const services: LValue | undefined = read.ok && read.root?.kind === 'map' ? getValue(read.root, 'services') : undefined;
    if (!read.ok || !services || services.kind !== 'map') {
      issues.warn(extEntry.keyLoc, `service '${name}' extends '${baseName}' from ${fileRef}, which could not be read as a Compose file; imported without what it inherits`);
      return withoutExtends;
    }
    baseCtx = { file: sib.path, services };
  }
  const base = resolveExtends(baseName, baseCtx, siblings, issues, depth + 1, new Set([...seen, id]));
  if (!base) {
    issues.warn(extEntry.keyLoc, `service '${name}' extends '${baseName}', which ${fileRef ?? 'this file'} does not define; imported without what it inherits`);
    return withoutExtends;
  }
  return mergeMaps(base, withoutExtends);
}
