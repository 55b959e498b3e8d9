import { TomlError, parse } from 'smol-toml';
import type { LocatedError } from './issues';
import type { LValue, Loc } from './located';

/**
 * TOML read as data (smol-toml) into the located tree. smol-toml reports line/column of syntax
 * errors but not of values, so positions of tables and keys come from a light line scan: good
 * to the line for `[table]` headers and `key = value` lines, and to the parent's line inside
 * inline tables and multi-line arrays.
 */
export type TomlReadResult = { ok: true; root: LValue } | { ok: false; error: LocatedError };

function splitKey(raw: string): string[] {
  const parts: string[] = [];
  const re = /\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*(?:\.|$)/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw)) !== null && m[0].length > 0) {
    const k = m[1];
    parts.push(k.startsWith('"') || k.startsWith("'") ? k.slice(1, -1) : k);
    if (re.lastIndex >= raw.length) break;
  }
  return parts;
}

/** path ("a\u0000b") → position, first occurrence wins. */
function scanPositions(text: string): Map<string, { line: number; column: number }> {
  const out = new Map<string, { line: number; column: number }>();
  const arrayCounts = new Map<string, number>();
  let table: string[] = [];
  let inMultiline: string | null = null;
  const lines = text.split(/\r?\n/);
  lines.forEach((line, idx) => {
    if (inMultiline) {
      if (line.includes(inMultiline)) inMultiline = null;
      return;
    }
    const header = /^(\s*)\[(\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$/.exec(line);
    if (header) {
      const path = splitKey(header[3]);
      if (header[2] === '[') {
        const base = path.join('\u0000');
        const n = arrayCounts.get(base) ?? 0;
        arrayCounts.set(base, n + 1);
        table = [...path, String(n)];
      } else {
        table = path;
      }
      // [a.b.c] also defines a and a.b where they have no header of their own.
      for (let n = 1; n <= table.length; n++) {
        const key = table.slice(0, n).join('\u0000');
        if (!out.has(key)) out.set(key, { line: idx + 1, column: header[1].length + 1 });
      }
      return;
    }
    const kv = /^(\s*)((?:"(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_.\s-])+?)\s*=\s*(.*)$/.exec(line);
    if (kv) {
      const path = [...table, ...splitKey(kv[2])];
      for (let n = table.length + 1; n <= path.length; n++) {
        const key = path.slice(0, n).join('\u0000');
        if (!out.has(key)) out.set(key, { line: idx + 1, column: kv[1].length + 1 });
      }
      const rest = kv[3];
      for (const q of ['"""', "'''"]) {
        const first = rest.indexOf(q);
        if (first >= 0 && rest.indexOf(q, first + 3) < 0) inMultiline = q;
      }
    }
  });
  return out;
}

export function readToml(file: string, text: string): TomlReadResult {
  let data: unknown;
  try {
    data = parse(text);
  } catch (e) {
    if (e instanceof TomlError) {
      return { ok: false, error: { line: e.line, column: e.column, message: `TOML: ${e.message.split('\n')[0]}` } };
    }
    return { ok: false, error: { line: 1, column: 1, message: `TOML: ${(e as Error).message}` } };
  }
  const positions = scanPositions(text);
  const locOf = (path: string[], fallback: Loc): Loc => {
    const p = positions.get(path.join('\u0000'));
    return p ? { file, line: p.line, column: p.column } : fallback;
  };
  const build = (v: unknown, path: string[], parentLoc: Loc): LValue => {
    const loc = locOf(path, parentLoc);
    if (Array.isArray(v)) return { kind: 'seq', loc, items: v.map((x, i) => build(x, [...path, String(i)], loc)) };
    if (v instanceof Date) return { kind: 'scalar', value: v.toISOString(), loc };
    if (v !== null && typeof v === 'object') {
      return {
        kind: 'map',
        loc,
        entries: Object.entries(v as Record<string, unknown>).map(([k, x]) => {
          const keyLoc = locOf([...path, k], loc);
          return { key: k, keyLoc, value: build(x, [...path, k], keyLoc) };
        }),
      };
    }
    if (typeof v === 'bigint') return { kind: 'scalar', value: Number(v), loc };
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return { kind: 'scalar', value: v, loc };
    return { kind: 'scalar', value: v === undefined ? null : String(v), loc };
  };
  return { ok: true, root: build(data, [], { file, line: 1, column: 1 }) };
}
