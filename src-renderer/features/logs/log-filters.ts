import type { LogLevel, LogLine } from '../../../src-main/contract';

/** HTTP status classes the filter offers (2 = 2xx …). */
export type StatusClass = 2 | 3 | 4 | 5;
export const STATUS_CLASSES: readonly StatusClass[] = [2, 3, 4, 5];
export const LEVELS: readonly LogLevel[] = ['error', 'warn', 'info', 'debug'];

/** What narrows the lines shown. Empty sets / strings / nulls mean "no restriction". */
export interface LogFilter {
  levels: readonly LogLevel[];
  statusClasses: readonly StatusClass[];
  /** Case-insensitive "path contains"; lines without a path are hidden while it is set. */
  path: string;
  /** Epoch ms, inclusive. */
  from: number | null;
  to: number | null;
  /** Source keys hidden from the view (still followed). */
  hiddenSources: readonly string[];
}

export const NO_FILTER: LogFilter = { levels: [], statusClasses: [], path: '', from: null, to: null, hiddenSources: [] };

/** Whether any restriction is set (the UI says "filtered"). */
export function isFiltering(f: LogFilter): boolean {
  return f.levels.length > 0 || f.statusClasses.length > 0 || f.path.trim() !== '' || f.from !== null || f.to !== null || f.hiddenSources.length > 0;
}

/** A fast predicate for one filter: called for every line on append, so sets are built once. */
export function linePredicate(f: LogFilter): (line: LogLine) => boolean {
  const levels = f.levels.length ? new Set<string>(f.levels) : null;
  const classes = f.statusClasses.length ? new Set<number>(f.statusClasses) : null;
  const path = f.path.trim().toLowerCase();
  const hidden = f.hiddenSources.length ? new Set(f.hiddenSources) : null;
  const { from, to } = f;
  if (!levels && !classes && !path && from === null && to === null && !hidden) return () => true;
  return (l) => {
    if (hidden && hidden.has(l.sourceKey)) return false;
    if (levels && (l.level === null || !levels.has(l.level))) return false;
    if (classes && (l.status === null || !classes.has(Math.floor(l.status / 100)))) return false;
    if (path && (l.path === null || !l.path.toLowerCase().includes(path))) return false;
    if (from !== null && l.ts < from) return false;
    if (to !== null && l.ts > to) return false;
    return true;
  };
}

/** What the user typed in the search box. */
export interface SearchSpec {
  text: string;
  regex: boolean;
  caseSensitive: boolean;
}

export const NO_SEARCH: SearchSpec = { text: '', regex: false, caseSensitive: false };

/** A compiled search: `test` for counting lines, `ranges` for highlighting [start, end) pairs. */
export interface CompiledSearch {
  test(text: string): boolean;
  ranges(text: string): Array<[number, number]>;
}

export type SearchResult = { ok: true; search: CompiledSearch | null } | { ok: false; error: string };

/** At most this many highlighted ranges per line (a regex such as `.` would mark every character). */
const MAX_RANGES = 200;

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Compiles the search box. An empty box is "no search"; an invalid regular expression is
 * reported with the engine's own reason (shown under the box), never thrown.
 */
export function compileSearch(spec: SearchSpec): SearchResult {
  if (spec.text === '') return { ok: true, search: null };
  let re: RegExp;
  try {
    re = new RegExp(spec.regex ? spec.text : escapeRegex(spec.text), spec.caseSensitive ? 'g' : 'gi');
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return { ok: false, error: msg.replace(/^Invalid regular expression:\s*/i, '') };
  }
  const tester = new RegExp(re.source, re.flags.replace('g', ''));
  return {
    ok: true,
    search: {
      test: (text) => tester.test(text),
      ranges(text) {
        const out: Array<[number, number]> = [];
        re.lastIndex = 0;
        let m: RegExpExecArray | null;
        while (out.length < MAX_RANGES && (m = re.exec(text)) !== null) {
          if (m[0].length === 0) {
            // An empty match (e.g. `a*`) marks nothing; step over it so the loop ends.
            re.lastIndex++;
            continue;
          }
          out.push([m.index, m.index + m[0].length]);
        }
        return out;
      },
    },
  };
}
