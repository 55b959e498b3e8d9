import { LineCounter, isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node, type Tags } from 'yaml';
import type { LocatedError } from './issues';
import type { LEntry, LMap, LValue, Loc } from './located';

/**
 * YAML parsed as data, with positions. Anchors, aliases and `<<` merge keys are expanded here
 * (with a cap so a "billion laughs" file cannot blow up memory); no tag ever constructs an
 * object or runs code: unknown local tags are kept as `tag` on plain values.
 */
export interface YamlReadOptions {
  /** Local tags the format defines (e.g. Compose's `!reset`, `!override`): parsed without warnings. */
  localTags?: readonly string[];
  /** Upper bound on values produced, counting every alias expansion. */
  maxNodes?: number;
  /** Largest file accepted, in characters. */
  maxChars?: number;
}

export type YamlReadResult =
  | { ok: true; root: LValue | null; warnings: { loc: Loc; message: string }[] }
  | { ok: false; error: LocatedError };

const DEFAULT_MAX_NODES = 200_000;
const DEFAULT_MAX_CHARS = 5_000_000;

class TooManyNodes extends Error {
  constructor(readonly at: Loc) {
    super('too many values after expanding aliases (anchors used recursively?)');
  }
}

function tagsFor(localTags: readonly string[]): Tags {
  return localTags.flatMap((tag) => [
    { tag, resolve: (s: string) => s },
    { tag, collection: 'map' as const, resolve: (m: unknown) => m },
    { tag, collection: 'seq' as const, resolve: (s: unknown) => s },
  ]) as Tags;
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

export function readYaml(file: string, text: string, opts: YamlReadOptions = {}): YamlReadResult {
  if (text.length > (opts.maxChars ?? DEFAULT_MAX_CHARS)) {
    return { ok: false, error: { line: 1, column: 1, message: `file too large: ${text.length} characters` } };
  }
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, {
      lineCounter,
      merge: false,
      prettyErrors: true,
      uniqueKeys: true,
      customTags: tagsFor(opts.localTags ?? []),
    });
  } catch (e) {
    return { ok: false, error: { line: 1, column: 1, message: `YAML: ${(e as Error).message}` } };
  }
  const at = (offset: number | undefined): Loc => {
    const p = lineCounter.linePos(offset ?? 0);
    return { file, line: p.line, column: p.col };
  };
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const p = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
    return { ok: false, error: { line: p.line, column: p.col, message: `YAML: ${firstLine(e.message)}` } };
  }
  const warnings = doc.warnings
    .filter((w) => !(w.code === 'TAG_RESOLVE_FAILED' && (opts.localTags ?? []).some((t) => w.message.includes(t))))
    .map((w) => ({ loc: at(w.pos[0]), message: `YAML: ${firstLine(w.message)}` }));

  const maxNodes = opts.maxNodes ?? DEFAULT_MAX_NODES;
  let produced = 0;
  const resolving = new Set<Node>();

  const convert = (node: unknown, aliasDepth: number): LValue => {
    const n = node as Node | null;
    const loc = at(n?.range?.[0]);
    if (++produced > maxNodes) throw new TooManyNodes(loc);
    if (n === null || n === undefined) return { kind: 'scalar', value: null, loc };
    if (isAlias(n)) {
      const target = n.resolve(doc) as Node | undefined;
      if (!target) return { kind: 'scalar', value: null, loc };
      if (resolving.has(target) || aliasDepth > 64) throw new TooManyNodes(loc);
      resolving.add(target);
      try {
        return convert(target, aliasDepth + 1);
      } finally {
        resolving.delete(target);
      }
    }
    const tag = n.tag && n.tag.startsWith('!') && !n.tag.startsWith('!!') ? n.tag : undefined;
    if (isScalar(n)) {
      const v = n.value;
      const value =
        v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
          ? v
          : typeof v === 'bigint'
            ? Number(v)
            : String(v);
      return tag ? { kind: 'scalar', value, loc, tag } : { kind: 'scalar', value, loc };
    }
    if (isSeq(n)) {
      const items = n.items.map((it) => convert(it, aliasDepth));
      return tag ? { kind: 'seq', items, loc, tag } : { kind: 'seq', items, loc };
    }
    if (isMap(n)) {
      const explicit: LEntry[] = [];
      const merged: LEntry[] = [];
      for (const pair of n.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as Node | null;
        const keyLoc = at(keyNode?.range?.[0]);
        const keyText = isScalar(keyNode) ? String(keyNode.value) : keyNode ? String(keyNode) : '';
        if (keyText === '<<' && isScalar(keyNode) && keyNode.type === 'PLAIN') {
          // YAML merge key: the merged maps give defaults, explicit keys of this map win.
          const src = convert(pair.value, aliasDepth);
          const sources = src.kind === 'seq' ? src.items : [src];
          for (const s of sources) {
            if (s.kind !== 'map') continue;
            for (const e of s.entries) if (!merged.some((m) => m.key === e.key)) merged.push(e);
          }
          continue;
        }
        explicit.push({ key: keyText, keyLoc, value: convert(pair.value, aliasDepth) });
      }
      const entries = [...merged.filter((m) => !explicit.some((e) => e.key === m.key)), ...explicit];
      const map: LMap = tag ? { kind: 'map', entries, loc, tag } : { kind: 'map', entries, loc };
      return map;
    }
    return { kind: 'scalar', value: null, loc };
  };

  try {
    const root = doc.contents === null ? null : convert(doc.contents, 0);
    return { ok: true, root, warnings };
  } catch (e) {
    if (e instanceof TooManyNodes) {
      return { ok: false, error: { line: e.at.line, column: e.at.column, message: `YAML: ${e.message}` } };
    }
    throw e;
  }
}
