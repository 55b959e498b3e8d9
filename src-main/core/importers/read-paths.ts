import fs from 'node:fs';
import path from 'node:path';
import { IMPORT_MAX_FILE_BYTES, IMPORT_MAX_FILES, IMPORT_SKIP_DIRS } from '../../contract/imports';
import { isCandidateName } from './registry';
import type { ImportFile } from './types';

const SKIP_DIRS = new Set(IMPORT_SKIP_DIRS);
const MAX_DEPTH = 8;

export interface ReadPathsOptions {
  maxFiles?: number;
  maxFileBytes?: number;
  /** Told about every file left out and why (too large, too many, unreadable, not text). */
  onSkip?: (file: string, reason: string) => void;
}

/**
 * Node only (the command line): reads the files and folders given. A file named explicitly is
 * always read; inside a folder only names an importer may read are (see isCandidateName), at
 * most `maxFiles`, each at most `maxFileBytes`. Paths are shown relative to the current folder
 * with forward slashes, so provenance reads the same on every OS.
 */
export function readImportPaths(paths: readonly string[], opts: ReadPathsOptions = {}): ImportFile[] {
  const maxFiles = opts.maxFiles ?? IMPORT_MAX_FILES;
  const maxBytes = opts.maxFileBytes ?? IMPORT_MAX_FILE_BYTES;
  const skip = opts.onSkip ?? (() => {});
  const out: ImportFile[] = [];
  const seen = new Set<string>();
  const shown = (abs: string) => {
    const rel = path.relative(process.cwd(), abs);
    return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs).split(path.sep).join('/');
  };

  function readOne(abs: string): void {
    const real = path.resolve(abs);
    if (seen.has(real)) return;
    seen.add(real);
    const display = shown(real);
    if (out.length >= maxFiles) return skip(display, `more than ${maxFiles} files; left out`);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(real);
    } catch (err) {
      return skip(display, `cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    if (stat.size > maxBytes) return skip(display, `larger than ${maxBytes} bytes; left out`);
    let buf: Buffer;
    try {
      buf = fs.readFileSync(real);
    } catch (err) {
      return skip(display, `cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    if (buf.includes(0)) return skip(display, 'not a text file; left out');
    out.push({ path: display, content: buf.toString('utf8').replace(/^\uFEFF/, '') });
  }

  function walk(dir: string, depth: number): void {
    if (depth > MAX_DEPTH) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      return skip(shown(dir), `folder cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(abs, depth + 1);
      } else if (e.isFile() && isCandidateName(e.name, dir.split(path.sep).join('/'))) {
        readOne(abs);
      }
    }
  }

  for (const p of paths) {
    const abs = path.resolve(p);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch {
      skip(p, 'no such file or folder');
      continue;
    }
    if (stat.isDirectory()) walk(abs, 0);
    else readOne(abs);
  }
  return out;
}
