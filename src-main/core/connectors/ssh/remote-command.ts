import { AppError } from '../../../contract/errors';

/**
 * THE one way to put a string into a remote shell line. Every remote command in Opsdeck
 * (SSH exec, discovery, logs, backups, deploys) is built here from a fixed template; no code path
 * concatenates a user's string into a shell line.
 */

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * POSIX single-quote quoting: the result is one word for sh/bash/dash/zsh whatever the bytes
 * (newlines, quotes, `$()`, backticks, globs, unicode). A `'` becomes `'\''`. Plain words are
 * left bare for readability, except a leading '-' or '=' … which stays quoted as a word anyway:
 * quoting cannot stop a program from reading `-rf` as an option, so builders put `--` first.
 * NUL cannot travel in an argv at all, so it is refused rather than silently cut.
 */
export function shellQuote(arg: string): string {
  if (typeof arg !== 'string') throw new TypeError('shellQuote takes a string');
  if (arg.includes('\0')) {
    throw new AppError('VALIDATION', 'A remote command argument contains a NUL byte, which no command line can carry.', 'Remove the NUL character from the value.');
  }
  // A lone UTF-16 surrogate has no UTF-8 form: it would silently become U+FFFD on the wire.
  if (/\p{Surrogate}/u.test(arg)) {
    throw new AppError('VALIDATION', 'A remote command argument contains an invalid (lone surrogate) character.', 'Remove the broken character from the value.');
  }
  if (arg === '') return "''";
  if (SAFE.test(arg) && !arg.startsWith('=')) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

const SECRET = Symbol('opsdeck.secret');
const RAW = Symbol('opsdeck.raw');

/** A secret argument: quoted into the line, masked as *** in `redacted` (what the audit stores). */
export interface SecretArg {
  readonly [SECRET]: string;
}
/** A fixed piece of shell written by Opsdeck itself (never user input): `|`, `2>&1`, `&&`. */
export interface RawShell {
  readonly [RAW]: string;
}
export type Arg = string | number | SecretArg | RawShell;

export function secret(value: string): SecretArg {
  return { [SECRET]: value };
}

/**
 * Literal shell syntax from Opsdeck's own source. Refuses anything that is not a short known
 * operator so it cannot become a back door for user strings.
 */
const RAW_OPS = ['|', '||', '&&', ';', '2>&1', '2>/dev/null', '>/dev/null', '<', '>', '>>'] as const;
export function raw(op: (typeof RAW_OPS)[number]): RawShell {
  if (!(RAW_OPS as readonly string[]).includes(op)) throw new AppError('INTERNAL', `Not a shell operator Opsdeck allows: ${JSON.stringify(op).slice(0, 40)}`);
  return { [RAW]: op };
}

const BUILT = Symbol('opsdeck.remoteCommand');

/** A remote command line and what may be shown or stored of it. */
export interface RemoteCommand {
  /** The exact line sent to the server's shell. Contains secrets when a SecretArg was used. */
  readonly line: string;
  /** The same line with every secret masked: what the audit log and job logs store. */
  readonly redacted: string;
  /** Private marker: only this module builds RemoteCommands. */
  readonly [BUILT]: true;
}

function isSecret(a: unknown): a is SecretArg {
  return typeof a === 'object' && a !== null && SECRET in a;
}
function isRaw(a: unknown): a is RawShell {
  return typeof a === 'object' && a !== null && RAW in a;
}

function quoteArg(a: Arg): { line: string; redacted: string } {
  if (isRaw(a)) return { line: a[RAW], redacted: a[RAW] };
  if (isSecret(a)) return { line: shellQuote(a[SECRET]), redacted: "'***'" };
  if (typeof a === 'number') {
    if (!Number.isFinite(a)) throw new AppError('VALIDATION', 'A remote command argument is not a finite number.');
    return { line: String(a), redacted: String(a) };
  }
  const q = shellQuote(a);
  return { line: q, redacted: q };
}

function built(line: string, redacted: string): RemoteCommand {
  return Object.freeze({ line, redacted, [BUILT]: true as const });
}

export function isRemoteCommand(x: unknown): x is RemoteCommand {
  return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[BUILT] === true;
}

const PROGRAM = /^[A-Za-z0-9_./+-]+$/;

/**
 * `cmd('ls', '-la', '--', path)` → program and arguments, each quoted. The program must be a
 * plain name or path written by Opsdeck (checked), the arguments may be anything.
 */
export function cmd(program: string, ...args: Arg[]): RemoteCommand {
  if (!PROGRAM.test(program)) throw new AppError('INTERNAL', `Not a program name: ${JSON.stringify(program).slice(0, 80)}`);
  const parts = args.map(quoteArg);
  return built([program, ...parts.map((p) => p.line)].join(' '), [program, ...parts.map((p) => p.redacted)].join(' '));
}

/**
 * A template whose literal parts are Opsdeck's own shell and whose every `${value}` is quoted
 * as one word: remoteCommand`tail -n ${n} -- ${file} 2>&1`. Values may be strings, numbers,
 * secret(x), raw(op), or another RemoteCommand (inserted as built, e.g. in a pipeline).
 */
export function remoteCommand(template: TemplateStringsArray, ...values: (Arg | RemoteCommand)[]): RemoteCommand {
  let line = template[0] ?? '';
  let redacted = template[0] ?? '';
  values.forEach((v, i) => {
    const part = isRemoteCommand(v) ? { line: v.line, redacted: v.redacted } : quoteArg(v);
    line += part.line + (template[i + 1] ?? '');
    redacted += part.redacted + (template[i + 1] ?? '');
  });
  return built(line, redacted);
}

/** Joins built commands with a fixed operator: pipe(cmd('cat', f), cmd('sha256sum')). */
export function pipeline(op: '|' | '&&' | '||' | ';', ...commands: RemoteCommand[]): RemoteCommand {
  return built(commands.map((c) => c.line).join(` ${op} `), commands.map((c) => c.redacted).join(` ${op} `));
}
