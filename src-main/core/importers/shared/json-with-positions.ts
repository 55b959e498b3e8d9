import { lineColumnAt, type LocatedError } from './issues';
import type { LEntry, LValue, Loc } from './located';

/**
 * Strict JSON (RFC 8259) read into the located tree, so railway.json and similar files get
 * line/column on every value and on the first syntax error. A small hand-written reader: JSON.parse
 * neither reports positions of values nor (on Node 20) the line of its errors.
 */
export type JsonReadResult = { ok: true; root: LValue } | { ok: false; error: LocatedError };

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const MAX_DEPTH = 512;

export function readJson(file: string, input: string): JsonReadResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const shift = text === input ? 0 : 1;
  let i = 0;
  const loc = (offset: number): Loc => ({ file, ...lineColumnAt(input, offset + shift) });
  const fail = (message: string, at = i): never => {
    throw new JsonSyntaxError(message, at);
  };
  const ws = () => {
    while (i < text.length) {
      const c = text[i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
      else break;
    }
  };
  const describe = (at: number) => (at >= text.length ? 'end of file' : `'${text[at]}'`);

  const str = (): string => {
    const start = i;
    i++; // opening quote
    let out = '';
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        i++;
        return out;
      }
      if (c === '\\') {
        const n = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (n !== undefined && n in simple) {
          out += simple[n];
          i += 2;
          continue;
        }
        if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
          continue;
        }
        fail('invalid escape in string', i);
      }
      if (c.charCodeAt(0) < 0x20) fail('unescaped control character in string', i);
      out += c;
      i++;
    }
    return fail('unterminated string', start);
  };

  const value = (depth: number): LValue => {
    if (depth > MAX_DEPTH) fail('nesting too deep');
    ws();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const entries: LEntry[] = [];
      ws();
      if (text[i] === '}') {
        i++;
        return { kind: 'map', entries, loc: loc(start) };
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`expected a property name in double quotes, found ${describe(i)}`);
        const keyAt = i;
        const key = str();
        if (entries.some((e) => e.key === key)) fail(`duplicate key "${key}"`, keyAt);
        ws();
        if (text[i] !== ':') fail(`expected ':' after property name, found ${describe(i)}`);
        i++;
        entries.push({ key, keyLoc: loc(keyAt), value: value(depth + 1) });
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return { kind: 'map', entries, loc: loc(start) };
        }
        fail(`expected ',' or '}' in object, found ${describe(i)}`);
      }
    }
    if (c === '[') {
      i++;
      const items: LValue[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return { kind: 'seq', items, loc: loc(start) };
      }
      for (;;) {
        items.push(value(depth + 1));
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return { kind: 'seq', items, loc: loc(start) };
        }
        fail(`expected ',' or ']' in array, found ${describe(i)}`);
      }
    }
    if (c === '"') return { kind: 'scalar', value: str(), loc: loc(start) };
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m && m[0].length > 0 && m[0] !== '-') {
      i += m[0].length;
      return { kind: 'scalar', value: Number(m[0]), loc: loc(start) };
    }
    for (const [word, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return { kind: 'scalar', value: v, loc: loc(start) };
      }
    }
    return fail(`unexpected ${describe(i)}`);
  };

  try {
    const root = value(0);
    ws();
    if (i < text.length) fail(`unexpected ${describe(i)} after the end of the document`);
    return { ok: true, root };
  } catch (e) {
    if (e instanceof JsonSyntaxError) {
      const p = lineColumnAt(input, e.offset + shift);
      return { ok: false, error: { line: p.line, column: p.column, message: `JSON: ${e.message}` } };
    }
    throw e;
  }
}
