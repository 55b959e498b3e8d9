import type { LEntry, LMap, LValue } from '../shared/located';
import { REPLACED_SEQUENCES } from './compose-keys';

/**
 * Compose's merge rules for `extends` (compose-spec 13-merge.md), on located values:
 * mappings merge key by key, most sequences append, `command`/`entrypoint`/`healthcheck.test`
 * are replaced, `!override` replaces whatever was inherited and `!reset` removes it.
 */

/** `environment` and `labels` may be written as a list of "K=V"; merging needs the mapping form. */
export function asKeyValueMap(v: LValue): LValue {
  if (v.kind !== 'seq') return v;
  const entries: LEntry[] = [];
  for (const item of v.items) {
    if (item.kind !== 'scalar' || item.value === null) return v;
    const text = String(item.value);
    const eq = text.indexOf('=');
    const key = eq >= 0 ? text.slice(0, eq) : text;
    const value: LValue = { kind: 'scalar', value: eq >= 0 ? text.slice(eq + 1) : null, loc: item.loc };
    entries.push({ key, keyLoc: item.loc, value });
  }
  return { kind: 'map', entries, loc: v.loc, tag: v.tag };
}

const KEYED = new Set(['environment', 'labels', 'annotations', 'extra_hosts', 'sysctls']);

export function mergeValues(base: LValue, local: LValue, key: string): LValue {
  if (local.tag === '!override') return { ...local, tag: undefined };
  if (KEYED.has(key)) {
    base = asKeyValueMap(base);
    local = asKeyValueMap(local);
  }
  if (base.kind === 'map' && local.kind === 'map') return mergeMaps(base, local);
  if (base.kind === 'seq' && local.kind === 'seq' && !REPLACED_SEQUENCES.has(key)) {
    const items = [...base.items];
    for (const it of local.items) {
      const dup = it.kind === 'scalar' && items.some((b) => b.kind === 'scalar' && b.value === it.value);
      if (!dup) items.push(it);
    }
    return { ...local, items };
  }
  return local;
}

export function mergeMaps(base: LMap, local: LMap): LMap {
  const entries: LEntry[] = [];
  for (const b of base.entries) {
    if (!local.entries.some((l) => l.key === b.key)) entries.push(b);
  }
  for (const l of local.entries) {
    if (l.value.tag === '!reset') {
      entries.push(l); // kept so stripResets can still drop it; nothing inherited survives
      continue;
    }
    const b = base.entries.find((e) => e.key === l.key);
    entries.push(b ? { ...l, value: mergeValues(b.value, l.value, l.key) } : l);
  }
  return { ...local, entries };
}

/** Drops every `!reset` value: in Compose it means "as if not set". */
export function stripResets(v: LValue): LValue {
  if (v.kind === 'map') {
    return { ...v, entries: v.entries.filter((e) => e.value.tag !== '!reset').map((e) => ({ ...e, value: stripResets(e.value) })) };
  }
  if (v.kind === 'seq') return { ...v, items: v.items.filter((i) => i.tag !== '!reset').map(stripResets) };
  return v;
}
