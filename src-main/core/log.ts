import fs from 'node:fs';
import path from 'node:path';
import { redactSecrets } from './secrets/redact';

/**
 * The app's own diagnostic log, `<dataDir>/logs/opsdeck.log`, rotated at 5 MB with 3 old files
 * kept. Rules: never log call inputs or secret values; errors go in as message + stack only
 * (an error's other fields may carry what the user typed); every line passes `redact`.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
/** Scalars only, so nobody passes a whole input object by accident. */
export type LogFields = Record<string, string | number | boolean | null>;

export interface Logger {
  readonly file: string;
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, err?: unknown, fields?: LogFields): void;
  close(): void;
}

export interface LoggerOptions {
  dataDir: string;
  maxBytes?: number;
  keep?: number;
  /** Also echo to stderr (serve in a terminal, development). */
  echo?: boolean;
  minLevel?: LogLevel;
}

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };
const MAX_LINE = 16_000;

/** The log's redaction: the one secrets redaction, plus a length cap per entry. */
export function redact(text: string): string {
  const out = redactSecrets(text);
  return out.length > MAX_LINE ? `${out.slice(0, MAX_LINE)}… [${out.length - MAX_LINE} characters cut]` : out;
}

/** Message and stack only; AppError code too. Never `details` or other own properties. */
export function describeError(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    const head = `${typeof code === 'string' ? `[${code}] ` : ''}${err.message}`;
    const stack = err.stack ? err.stack.split('\n').slice(1).join('\n') : '';
    return stack ? `${head}\n${stack}` : head;
  }
  return `non-error thrown: ${typeof err}`;
}

export function createLogger(opts: LoggerOptions): Logger {
  const dir = path.join(opts.dataDir, 'logs');
  const file = path.join(dir, 'opsdeck.log');
  const maxBytes = opts.maxBytes ?? 5 * 1024 * 1024;
  const keep = opts.keep ?? 3;
  const min = ORDER[opts.minLevel ?? 'info'];
  fs.mkdirSync(dir, { recursive: true });
  let size = fs.existsSync(file) ? fs.statSync(file).size : 0;
  let closed = false;

  function rotate(): void {
    for (let i = keep; i >= 1; i--) {
      const from = i === 1 ? file : `${file}.${i - 1}`;
      const to = `${file}.${i}`;
      if (fs.existsSync(from)) fs.renameSync(from, to); // renameSync replaces the oldest
    }
    size = 0;
  }

  function write(level: LogLevel, message: string, extra?: string, fields?: LogFields): void {
    if (closed || ORDER[level] < min) return;
    const f = fields && Object.keys(fields).length ? ' ' + JSON.stringify(fields) : '';
    const line = redact(`${new Date().toISOString()} ${level.toUpperCase()} ${message}${f}${extra ? `\n${extra}` : ''}`) + '\n';
    const bytes = Buffer.byteLength(line);
    try {
      if (size > 0 && size + bytes > maxBytes) rotate();
      // Synchronous on purpose: the line must be on disk if the process dies right after.
      fs.appendFileSync(file, line);
      size += bytes;
    } catch {
      // A full disk must not take the app down with it.
    }
    if (opts.echo) process.stderr.write(line);
  }

  return {
    file,
    debug: (m, f) => write('debug', m, undefined, f),
    info: (m, f) => write('info', m, undefined, f),
    warn: (m, f) => write('warn', m, undefined, f),
    error: (m, err, f) => write('error', m, err === undefined ? undefined : describeError(err), f),
    close: () => {
      closed = true;
    },
  };
}
