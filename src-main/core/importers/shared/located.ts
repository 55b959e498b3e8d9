/**
 * A parsed config file as a tree of values that remember where they were written, so every
 * warning and every draft item can say file + line (+ column). YAML, JSON and TOML readers
 * (yaml-with-positions, json-with-positions, toml-with-positions) all produce this one shape,
 * which lets the importers walk any of them the same way.
 */
export interface Loc {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export type ScalarValue = string | number | boolean | null;

interface LBase {
  loc: Loc;
  /** A local YAML tag such as `!reset` or `!override`, when the file gives one. */
  tag?: string;
}
export interface LScalar extends LBase {
  kind: 'scalar';
  value: ScalarValue;
}
export interface LSeq extends LBase {
  kind: 'seq';
  items: LValue[];
}
export interface LEntry {
  key: string;
  keyLoc: Loc;
  value: LValue;
}
export interface LMap extends LBase {
  kind: 'map';
  entries: LEntry[];
}
export type LValue = LScalar | LSeq | LMap;

export function isMapValue(v: LValue | undefined): v is LMap {
  return v?.kind === 'map';
}
export function isSeqValue(v: LValue | undefined): v is LSeq {
  return v?.kind === 'seq';
}
export function isScalarValue(v: LValue | undefined): v is LScalar {
  return v?.kind === 'scalar';
}

export function entryOf(map: LMap | undefined, key: string): LEntry | undefined {
  if (!map) return undefined;
  // Last one wins, as in every format we read (YAML merges put the explicit keys last).
  for (let i = map.entries.length - 1; i >= 0; i--) if (map.entries[i].key === key) return map.entries[i];
  return undefined;
}

export function getValue(map: LMap | undefined, key: string): LValue | undefined {
  return entryOf(map, key)?.value;
}

/** A scalar as text (numbers and booleans too); undefined for collections, null and absence. */
export function scalarText(v: LValue | undefined): string | undefined {
  if (!v || v.kind !== 'scalar' || v.value === null) return undefined;
  return String(v.value);
}

export function getString(map: LMap | undefined, key: string): string | undefined {
  return scalarText(getValue(map, key));
}

export function getNumber(map: LMap | undefined, key: string): number | undefined {
  const v = getValue(map, key);
  if (!v || v.kind !== 'scalar') return undefined;
  if (typeof v.value === 'number') return v.value;
  if (typeof v.value === 'string' && /^-?\d+(\.\d+)?$/.test(v.value.trim())) return Number(v.value);
  return undefined;
}

export function getBoolean(map: LMap | undefined, key: string): boolean | undefined {
  const v = getValue(map, key);
  if (!v || v.kind !== 'scalar') return undefined;
  if (typeof v.value === 'boolean') return v.value;
  if (v.value === 'true') return true;
  if (v.value === 'false') return false;
  return undefined;
}

/** Plain JS value of a subtree (for notes and small lookups; never for secrets). */
export function toPlain(v: LValue): unknown {
  if (v.kind === 'scalar') return v.value;
  if (v.kind === 'seq') return v.items.map(toPlain);
  const out: Record<string, unknown> = {};
  for (const e of v.entries) out[e.key] = toPlain(e.value);
  return out;
}

export function describeKind(v: LValue): string {
  if (v.kind === 'map') return 'a mapping';
  if (v.kind === 'seq') return 'a list';
  return v.value === null ? 'empty' : `a ${typeof v.value}`;
}
