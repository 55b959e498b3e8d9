import type { LogLine } from '../../../src-main/contract';
import { linePredicate, NO_FILTER, type CompiledSearch, type LogFilter } from './log-filters';
import { RESUME_RUN } from './resume-filter';
import { compareKeyed, SortedRows } from './sorted-rows';

/** A line as the viewer holds it: `t` never goes back within its source, so merging keeps file order. */
export interface LineRow {
  kind: 'line';
  /** Unique in this model (React key). */
  id: number;
  t: number;
  k: number;
  line: LogLine;
}

/**
 * An explicit gap: `behind` = the core dropped `count` lines because the UI fell behind;
 * `link` = the connection to Opsdeck was lost, so lines written meanwhile are not here
 * (`count` null: unknown).
 */
export interface GapRow {
  kind: 'gap';
  id: number;
  t: number;
  k: number;
  reason: 'behind' | 'link';
  count: number | null;
}

export type LogRow = LineRow | GapRow;

/** What one batch changed, for the viewer's bookkeeping (new-lines counter). */
export interface ApplyResult {
  /** Rows added to the filtered view. */
  shown: number;
  /** Rows that left the buffer because it is full. */
  evicted: number;
}

/**
 * The viewer's model: a bounded buffer of log rows merged by time across sources, the view
 * after filters, and the lines matching the search. Every batch is applied incrementally
 * (in-order rows are appended, late ones placed by binary search, the oldest leave from the
 * front), so 100,000 rows cost the same per batch as 100. Filters and searches rebuild once.
 */
export class LogViewModel {
  private rows = new SortedRows<LogRow>();
  private viewRows = new SortedRows<LogRow>();
  private matchRows = new SortedRows<LogRow>();
  private filter: LogFilter = NO_FILTER;
  private pass: (l: LogLine) => boolean = linePredicate(NO_FILTER);
  private search: CompiledSearch | null = null;
  private onlyMatching = false;
  /** Effective time last given to each source: keeps each source in file order. */
  private lastT = new Map<string, number>();
  /** The last few texts of each source (to resume after a lost link without repeating lines). */
  private lastTexts = new Map<string, string[]>();
  private lastK = 0;
  /** Added to the seq of the current stream's lines: seqs start again when a stream is reopened. */
  private kBase = 0;
  private nextId = 1;
  /** Bumped on every change: the page re-renders on it. */
  version = 0;
  /** Lines received since the stream opened (including those evicted or cleared). */
  received = 0;
  /** Rows that left because the buffer was full. */
  evicted = 0;
  /** Lines the core reported as skipped. */
  skipped = 0;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.rows.length;
  }
  /** Rows after the filters (and "only matching lines"). */
  get view(): SortedRows<LogRow> {
    return this.viewRows;
  }
  /** Rows of the view whose text matches the search. */
  get matches(): SortedRows<LogRow> {
    return this.matchRows;
  }
  get hasSearch(): boolean {
    return this.search !== null;
  }

  private visible(row: LogRow): boolean {
    if (row.kind === 'gap') return true;
    if (!this.pass(row.line)) return false;
    return !this.onlyMatching || !this.search || this.search.test(row.line.text);
  }

  private matching(row: LogRow): boolean {
    return row.kind === 'line' && this.search !== null && this.search.test(row.line.text);
  }

  /** Applies one `logs.data` batch: a gap marker first when the core skipped lines. */
  apply(lines: readonly LogLine[], skipped = 0): ApplyResult {
    const fresh: LogRow[] = [];
    for (const line of lines) {
      const prev = this.lastT.get(line.sourceKey);
      const t = prev !== undefined && prev > line.ts ? prev : line.ts;
      this.lastT.set(line.sourceKey, t);
      const k = this.kBase + line.seq;
      fresh.push({ kind: 'line', id: this.nextId++, t, k, line });
      let run = this.lastTexts.get(line.sourceKey);
      if (!run) this.lastTexts.set(line.sourceKey, (run = []));
      run.push(line.text);
      if (run.length > RESUME_RUN) run.shift();
      if (k > this.lastK) this.lastK = k;
    }
    fresh.sort(compareKeyed);
    if (skipped > 0) {
      this.skipped += skipped;
      const first = fresh[0];
      const t = first ? first.t : (this.rows.last()?.t ?? Date.now());
      const k = first ? first.k - 0.5 : this.lastK + 0.5;
      fresh.unshift({ kind: 'gap', id: this.nextId++, t, k, reason: 'behind', count: skipped });
    }
    this.received += lines.length;
    return this.insertRows(fresh);
  }

  /** Marks where the link to Opsdeck was lost; `count` 0 later says nothing was missed. */
  markLinkLost(at = Date.now()): GapRow {
    const last = this.rows.last();
    const gap: GapRow = { kind: 'gap', id: this.nextId++, t: Math.max(at, last?.t ?? at), k: this.lastK + 0.5, reason: 'link', count: null };
    this.insertRows([gap]);
    return gap;
  }

  /** The next lines come from a new stream (reopened after a lost link): its seqs start again. */
  newStream(): void {
    this.kBase = this.lastK + 1;
  }

  /** Says the lines around a lost link were all read again (the marker shows it). */
  markRecovered(gap: GapRow): void {
    gap.count = 0;
    this.version++;
  }

  /** The last few line texts of each source. */
  lastRuns(): ReadonlyMap<string, readonly string[]> {
    return this.lastTexts;
  }

  private insertRows(fresh: LogRow[]): ApplyResult {
    let shown = 0;
    for (const row of fresh) {
      this.rows.insert(row);
      if (this.visible(row)) {
        this.viewRows.insert(row);
        shown++;
        if (this.matching(row)) this.matchRows.insert(row);
      }
    }
    let evicted = 0;
    while (this.rows.length > this.capacity) {
      const old = this.rows.shift()!;
      // The view and the matches are ordered subsets: the oldest row, if there, is their first.
      if (this.viewRows.first() === old) this.viewRows.shift();
      if (this.matchRows.first() === old) this.matchRows.shift();
      const next = this.rows.first();
      if (old.kind === 'gap' && next?.kind === 'line') {
        // A gap marker stays on top (it says lines are missing there): the line after it leaves instead.
        this.rows.shift();
        if (this.viewRows.first() === next) this.viewRows.shift();
        if (this.matchRows.first() === next) this.matchRows.shift();
        this.rows.unshift(old);
        this.viewRows.unshift(old);
      }
      evicted++;
    }
    this.evicted += evicted;
    if (fresh.length || evicted) this.version++;
    return { shown, evicted };
  }

  setFilter(filter: LogFilter): void {
    this.filter = filter;
    this.pass = linePredicate(filter);
    this.rebuild();
  }

  getFilter(): LogFilter {
    return this.filter;
  }

  /** A compiled search (null: none); `onlyMatching` hides the other lines. */
  setSearch(search: CompiledSearch | null, onlyMatching = false): void {
    this.search = search;
    this.onlyMatching = onlyMatching && search !== null;
    this.rebuild();
  }

  /** Filter, search and "only matching" at once: one pass over the buffer. */
  configure(filter: LogFilter, search: CompiledSearch | null, onlyMatching: boolean): void {
    this.filter = filter;
    this.pass = linePredicate(filter);
    this.search = search;
    this.onlyMatching = onlyMatching && search !== null;
    this.rebuild();
  }

  private rebuild(): void {
    const view: LogRow[] = [];
    const matches: LogRow[] = [];
    for (const row of this.rows) {
      if (!this.visible(row)) continue;
      view.push(row);
      if (this.matching(row)) matches.push(row);
    }
    this.viewRows.reset(view);
    this.matchRows.reset(matches);
    this.version++;
  }

  /** Empties the buffer (the stream goes on; its sources keep their order). */
  clear(): void {
    this.rows.clear();
    this.viewRows.clear();
    this.matchRows.clear();
    this.version++;
  }

  /** View index of the first row at or after `t` (the view's length when none). */
  viewIndexAtTime(t: number): number {
    return this.viewRows.indexAtTime(t);
  }

  /** View index of a row, or -1 when it left the view. */
  viewIndexOf(row: LogRow): number {
    return this.viewRows.indexOf(row);
  }

  /**
   * The next (dir 1) or previous (dir -1) matching line from a view position, wrapping
   * around; returns its index among the matches, or -1 when nothing matches.
   */
  matchFrom(viewIndex: number, dir: 1 | -1, inclusive = false): number {
    const n = this.matchRows.length;
    if (!n) return -1;
    const at = this.viewRows.at(viewIndex);
    if (!at) return dir === 1 ? 0 : n - 1;
    const i = this.matchRows.lowerBound(at);
    const here = this.matchRows.at(i) === at;
    if (dir === 1) {
      const j = here && !inclusive ? i + 1 : i;
      return j >= n ? 0 : j;
    }
    const j = here && inclusive ? i : i - 1;
    return j < 0 ? n - 1 : j;
  }

  /** The lines of the view as a .log file (gap markers as their own lines). */
  exportText(gapText: (row: GapRow) => string): string {
    const out: string[] = [];
    for (const row of this.viewRows) out.push(row.kind === 'line' ? row.line.text : gapText(row));
    return out.length ? out.join('\n') + '\n' : '';
  }
}
