import * as acorn from 'acorn';
import { readJson, readYaml, type LValue } from '../shared';

/**
 * Configuration values read without running anything: JavaScript is parsed to a syntax tree and
 * only literals are taken from it; whatever would be computed at run time (process.env.X, calls,
 * spreads, identifiers) is kept as `computed` with its source text, so the importer can say so.
 * JSON (and PM2's JSON5-style .json) is read by the same path; YAML through `yaml`'s own tree.
 */

export type Lit =
  | { kind: 'object'; entries: LitEntry[]; line: number; column: number }
  | { kind: 'array'; items: Lit[]; line: number; column: number }
  | { kind: 'scalar'; value: string | number | boolean | null; line: number; column: number }
  | { kind: 'computed'; source: string; line: number; column: number };

export interface LitEntry {
  key: string;
  line: number;
  column: number;
  value: Lit;
}

export interface LocatedError {
  line: number;
  /** 1-based. */
  column: number;
  message: string;
}

export class LiteralSyntaxError extends Error {
  constructor(readonly located: LocatedError) {
    super(located.message);
  }
}

type AnyNode = acorn.AnyNode;

const at = (n: acorn.Node): { line: number; column: number } => ({ line: n.loc?.start.line ?? 0, column: (n.loc?.start.column ?? 0) + 1 });

function shorten(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > 60 ? `${one.slice(0, 57)}…` : one;
}

/** Reads one expression as literal data; `bindings` resolves identifiers bound to literals. */
export function litFromEstree(node: AnyNode, source: string, bindings: Map<string, AnyNode> = new Map(), depth = 0): Lit {
  const pos = at(node);
  const computed = (): Lit => ({ kind: 'computed', source: shorten(source.slice(node.start, node.end)), ...pos });
  if (depth > 64) return computed();
  switch (node.type) {
    case 'Literal':
      if (node.value === null || typeof node.value === 'string' || typeof node.value === 'number' || typeof node.value === 'boolean') {
        return { kind: 'scalar', value: node.value, ...pos };
      }
      return computed();
    case 'TemplateLiteral':
      if (node.expressions.length === 0) return { kind: 'scalar', value: node.quasis.map((q) => q.value.cooked ?? q.value.raw).join(''), ...pos };
      return computed();
    case 'UnaryExpression':
      if (node.operator === '-' && node.argument.type === 'Literal' && typeof node.argument.value === 'number') {
        return { kind: 'scalar', value: -node.argument.value, ...pos };
      }
      return computed();
    case 'ArrayExpression':
      return {
        kind: 'array',
        items: node.elements.map((e) => (e ? litFromEstree(e as AnyNode, source, bindings, depth + 1) : { kind: 'scalar', value: null, ...pos })),
        ...pos,
      };
    case 'ObjectExpression': {
      const entries: LitEntry[] = [];
      for (const p of node.properties) {
        if (p.type !== 'Property' || p.kind !== 'init') {
          // spreads and getters: keep a placeholder so the caller can warn at this line
          entries.push({ key: '…', ...at(p), value: { kind: 'computed', source: shorten(source.slice(p.start, p.end)), ...at(p) } });
          continue;
        }
        let key: string | null = null;
        if (!p.computed && p.key.type === 'Identifier') key = p.key.name;
        else if (p.key.type === 'Literal' && (typeof p.key.value === 'string' || typeof p.key.value === 'number')) key = String(p.key.value);
        if (key === null) {
          entries.push({ key: '…', ...at(p), value: { kind: 'computed', source: shorten(source.slice(p.start, p.end)), ...at(p) } });
          continue;
        }
        const value = p.method ? { kind: 'computed' as const, source: shorten(source.slice(p.start, p.end)), ...at(p.value) } : litFromEstree(p.value as AnyNode, source, bindings, depth + 1);
        entries.push({ key, ...at(p.key), value });
      }
      return { kind: 'object', entries, ...pos };
    }
    case 'Identifier': {
      if (node.name === 'undefined') return { kind: 'scalar', value: null, ...pos };
      const bound = bindings.get(node.name);
      if (bound) return litFromEstree(bound, source, new Map([...bindings].filter(([k]) => k !== node.name)), depth + 1);
      return computed();
    }
    default:
      return computed();
  }
}

const ACORN_OPTIONS = { ecmaVersion: 'latest' as const, locations: true, allowHashBang: true, allowReturnOutsideFunction: true };

function raise(err: unknown): never {
  if (err instanceof SyntaxError && 'loc' in err) {
    const loc = (err as SyntaxError & { loc: { line: number; column: number } }).loc;
    throw new LiteralSyntaxError({ line: loc.line, column: loc.column + 1, message: err.message.replace(/\s*\(\d+:\d+\)$/, '') });
  }
  throw err;
}

/** Parses JavaScript as a module, then as a script (CommonJS files may use `with`, octals…). */
export function parseJavaScript(source: string): acorn.Program {
  try {
    return acorn.parse(source, { ...ACORN_OPTIONS, sourceType: 'module' });
  } catch (moduleErr) {
    try {
      return acorn.parse(source, { ...ACORN_OPTIONS, sourceType: 'script' });
    } catch {
      raise(moduleErr);
    }
  }
}

/**
 * The exported configuration object of a JavaScript file: `module.exports = {…}`,
 * `module.exports = config` with `const config = {…}`, `export default {…}`, `exports.apps = […]`.
 * Returns null when the file exports nothing we can read as a literal.
 */
export function exportedLiteral(source: string): { value: Lit; line: number } | null {
  const program = parseJavaScript(source);
  const bindings = new Map<string, AnyNode>();
  let exported: AnyNode | null = null;
  let exportedLine = 0;
  const partial: LitEntry[] = [];
  for (const stmt of program.body) {
    if (stmt.type === 'VariableDeclaration') {
      for (const d of stmt.declarations) if (d.id.type === 'Identifier' && d.init) bindings.set(d.id.name, d.init as AnyNode);
    } else if (stmt.type === 'ExportDefaultDeclaration') {
      exported = stmt.declaration as AnyNode;
      exportedLine = at(stmt).line;
    } else if (stmt.type === 'ExpressionStatement' && stmt.expression.type === 'AssignmentExpression') {
      const target = stmt.expression.left;
      const name = memberPath(target as AnyNode);
      if (name === 'module.exports') {
        exported = stmt.expression.right as AnyNode;
        exportedLine = at(stmt).line;
      } else if (name && /^(module\.)?exports\.\w+$/.test(name)) {
        const key = name.split('.').pop() ?? '';
        partial.push({ key, ...at(target), value: litFromEstree(stmt.expression.right as AnyNode, source, bindings) });
        exportedLine = exportedLine || at(stmt).line;
      }
    }
  }
  if (exported) return { value: litFromEstree(exported, source, bindings), line: exportedLine };
  if (partial.length) return { value: { kind: 'object', entries: partial, line: exportedLine, column: 1 }, line: exportedLine };
  return null;
}

function memberPath(node: AnyNode): string | null {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') {
    const obj = memberPath(node.object as AnyNode);
    return obj ? `${obj}.${node.property.name}` : null;
  }
  return null;
}

/** JSON, and the JSON5 style PM2 accepts (comments, unquoted keys, trailing commas). */
export function jsonLiteral(source: string): Lit {
  let expr: acorn.Expression;
  try {
    expr = acorn.parseExpressionAt(source, 0, { ...ACORN_OPTIONS, sourceType: 'script' });
  } catch (err) {
    raise(err);
  }
  // nothing but whitespace and comments may follow the value
  const rest = source.slice(expr.end).replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '');
  if (rest.trim() !== '') {
    const offset = source.length - source.slice(expr.end).trimStart().length;
    const before = source.slice(0, offset).split('\n');
    throw new LiteralSyntaxError({ line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1, message: 'Unexpected content after the JSON value' });
  }
  return litFromEstree(expr as AnyNode, source);
}

/** The shared located tree (YAML, strict JSON) as a literal tree: it holds no computed values. */
export function litFromLocated(v: LValue): Lit {
  const pos = { line: v.loc.line, column: v.loc.column };
  if (v.kind === 'map') return { kind: 'object', entries: v.entries.map((e) => ({ key: e.key, line: e.keyLoc.line, column: e.keyLoc.column, value: litFromLocated(e.value) })), ...pos };
  if (v.kind === 'seq') return { kind: 'array', items: v.items.map(litFromLocated), ...pos };
  return { kind: 'scalar', value: v.value, ...pos };
}

/** YAML (shared reader: aliases expanded with a cap) as the literal tree; a syntax error is located. */
export function yamlLiteral(file: string, source: string): Lit {
  const read = readYaml(file, source);
  if (!read.ok) throw new LiteralSyntaxError(read.error);
  return read.root ? litFromLocated(read.root) : { kind: 'scalar', value: null, line: 1, column: 1 };
}

/** Strict JSON (app.json) as the literal tree. */
export function strictJsonLiteral(file: string, source: string): Lit {
  const read = readJson(file, source);
  if (!read.ok) throw new LiteralSyntaxError(read.error);
  return litFromLocated(read.root);
}

// ---------- small readers over the tree ----------

export function entry(obj: Lit | undefined, key: string): LitEntry | undefined {
  return obj?.kind === 'object' ? obj.entries.find((e) => e.key === key) : undefined;
}

export function scalarString(l: Lit | undefined): string | undefined {
  if (l?.kind !== 'scalar' || l.value === null) return undefined;
  return String(l.value);
}
