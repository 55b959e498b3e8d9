import type { DraftIssue, Provenance } from '../../../contract';
import { emptyPart, type DraftPart } from '../types';
import type { Loc } from './located';

/** Collects the warnings of one importer run with the format filled in. */
export class IssueList {
  readonly items: DraftIssue[] = [];
  constructor(private readonly format: string) {}

  /** In reading order: by file, then line, then column. */
  sorted(): DraftIssue[] {
    return [...this.items].sort((a, b) => (a.file === b.file ? a.line - b.line || (a.column ?? 0) - (b.column ?? 0) : a.file < b.file ? -1 : 1));
  }

  /** At most one warning per place: for keys reached again through extends or a merge. */
  warnOnce(loc: Loc, message: string): void {
    if (this.items.some((i) => i.file === loc.file && i.line === loc.line && i.column === loc.column)) return;
    this.warn(loc, message);
  }

  warn(loc: Loc, message: string): void {
    // The same line can be reached twice (an env group used by several services): say it once.
    if (this.items.some((i) => i.file === loc.file && i.line === loc.line && i.column === loc.column && i.message === message)) return;
    this.items.push({ severity: 'warning', format: this.format, file: loc.file, line: loc.line, column: loc.column, message });
  }
}

export function provenance(loc: Loc): Provenance {
  return { file: loc.file, line: loc.line, column: loc.column };
}

/** A located parse failure: the file is broken and nothing else is taken from it. */
export interface LocatedError {
  line: number;
  column: number;
  message: string;
}

/** The whole result for a broken file: exactly one error, nothing else. */
export function brokenFilePart(format: string, file: string, err: LocatedError): DraftPart {
  const part = emptyPart(format);
  part.errors.push({
    severity: 'error',
    format,
    file,
    line: Math.max(0, err.line),
    column: Math.max(0, err.column),
    message: err.message,
  });
  return part;
}

/** 1-based line and column of a character offset. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(0, offset), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
