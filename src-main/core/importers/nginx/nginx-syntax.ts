/**
 * nginx configuration syntax: tokens and the directive tree, nothing more. Follows the rules of
 * nginx's own reader (ngx_conf_read_token): words end at whitespace, ';', '{' or '}'; '#' starts a
 * comment only where a word could start; quotes and backslash escapes; `${var}` stays in the word.
 * Template placeholders (`{{ name }}`, `{% … %}`) of Ansible/Jinja-rendered configs are kept as text.
 */

export interface NginxDirective {
  name: string;
  args: string[];
  line: number;
  column: number;
  /** Present for block directives (`server { … }`), absent for simple ones (`listen 80;`). */
  block?: NginxDirective[];
}

export interface NginxSyntaxError {
  line: number;
  column: number;
  message: string;
}

export interface NginxSyntaxResult {
  directives: NginxDirective[];
  /** The first structural error; when set, `directives` must not be trusted. */
  error: NginxSyntaxError | null;
  /** Non-fatal oddities: stray ';', template placeholders. */
  notices: NginxSyntaxError[];
}

type Token =
  | { type: 'word'; value: string; line: number; column: number; quoted: boolean }
  | { type: ';' | '{' | '}'; line: number; column: number };

class SyntaxFailure extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    message: string,
  ) {
    super(message);
  }
}

function tokenize(text: string, notices: NginxSyntaxError[]): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let column = 1;
  let templateNoticed = false;
  const advance = (): string => {
    const ch = text[i++];
    if (ch === '\n') {
      line++;
      column = 1;
    } else {
      column++;
    }
    return ch;
  };
  const isSpace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f' || ch === '\v';

  while (i < text.length) {
    const ch = text[i];
    if (isSpace(ch)) {
      advance();
      continue;
    }
    if (ch === '#') {
      while (i < text.length && text[i] !== '\n') advance();
      continue;
    }
    const startLine = line;
    const startColumn = column;
    if ((ch === '{' && (text[i + 1] === '{' || text[i + 1] === '%')) || (ch === '$' && text[i + 1] === '{')) {
      // falls through to the word reader below
    } else if (ch === ';' || ch === '{' || ch === '}') {
      advance();
      tokens.push({ type: ch, line: startLine, column: startColumn });
      continue;
    }
    if (ch === '"' || ch === "'") {
      const quote = advance();
      let value = '';
      for (;;) {
        if (i >= text.length) throw new SyntaxFailure(startLine, startColumn, `unterminated ${quote} string`);
        const c = advance();
        if (c === '\\' && i < text.length) {
          const next = advance();
          value += next === quote || next === '\\' ? next : c + next;
          continue;
        }
        if (c === quote) break;
        value += c;
      }
      tokens.push({ type: 'word', value, line: startLine, column: startColumn, quoted: true });
      continue;
    }
    let value = '';
    while (i < text.length) {
      const c = text[i];
      if (c === '{' && (text[i + 1] === '{' || text[i + 1] === '%')) {
        const close = text[i + 1] === '{' ? '}}' : '%}';
        const end = text.indexOf(close, i + 2);
        if (end < 0) throw new SyntaxFailure(line, column, `unterminated template placeholder '${text.slice(i, i + 2)}'`);
        if (!templateNoticed) {
          notices.push({ line, column, message: `template placeholder ${text.slice(i, Math.min(end + 2, i + 60))} kept as text: this file is a template, values may be incomplete` });
          templateNoticed = true;
        }
        while (i < end + 2) value += advance();
        continue;
      }
      if (c === '$' && text[i + 1] === '{') {
        const end = text.indexOf('}', i + 2);
        if (end < 0) throw new SyntaxFailure(line, column, "unterminated variable '${'");
        while (i < end + 1) value += advance();
        continue;
      }
      if (isSpace(c) || c === ';' || c === '{' || c === '}') break;
      if (c === '\\' && i + 1 < text.length) {
        value += advance();
        value += advance();
        continue;
      }
      value += advance();
    }
    tokens.push({ type: 'word', value, line: startLine, column: startColumn, quoted: false });
  }
  return tokens;
}

/** Parses one file's text into directives; a structural problem gives a located error. */
export function parseNginxSyntax(text: string): NginxSyntaxResult {
  const notices: NginxSyntaxError[] = [];
  try {
    const tokens = tokenize(text, notices);
    const root: NginxDirective[] = [];
    const stack: { list: NginxDirective[]; opener: NginxDirective | null }[] = [{ list: root, opener: null }];
    let words: Extract<Token, { type: 'word' }>[] = [];
    for (const token of tokens) {
      const top = stack[stack.length - 1];
      if (token.type === 'word') {
        words.push(token);
        continue;
      }
      if (token.type === ';') {
        if (words.length === 0) {
          notices.push({ line: token.line, column: token.column, message: "stray ';' ignored" });
          continue;
        }
        top.list.push({ name: words[0].value, args: words.slice(1).map((w) => w.value), line: words[0].line, column: words[0].column });
        words = [];
        continue;
      }
      if (token.type === '{') {
        if (words.length === 0) throw new SyntaxFailure(token.line, token.column, "unexpected '{': a block needs a directive name before it");
        const directive: NginxDirective = { name: words[0].value, args: words.slice(1).map((w) => w.value), line: words[0].line, column: words[0].column, block: [] };
        top.list.push(directive);
        stack.push({ list: directive.block ?? [], opener: directive });
        words = [];
        continue;
      }
      // '}'
      if (words.length > 0) {
        throw new SyntaxFailure(words[0].line, words[0].column, `directive '${words[0].value}' is not terminated by ';' before '}'`);
      }
      if (stack.length === 1) throw new SyntaxFailure(token.line, token.column, "unexpected '}': no block is open here");
      stack.pop();
    }
    if (words.length > 0) {
      throw new SyntaxFailure(words[0].line, words[0].column, `directive '${words[0].value}' is not terminated by ';' (unexpected end of file)`);
    }
    if (stack.length > 1) {
      const opener = stack[stack.length - 1].opener;
      const line = opener?.line ?? 1;
      const column = opener?.column ?? 1;
      throw new SyntaxFailure(line, column, `unexpected end of file: the '${opener?.name ?? ''}' block opened here is never closed (missing '}')`);
    }
    return { directives: root, error: null, notices };
  } catch (err) {
    if (err instanceof SyntaxFailure) return { directives: [], error: { line: err.line, column: err.column, message: err.message }, notices };
    throw err;
  }
}
