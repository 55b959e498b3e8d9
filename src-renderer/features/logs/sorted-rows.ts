/** Anything ordered by time, then by a tie-breaker unique within a stream. */
export interface Keyed {
  /** Effective time (epoch ms, never decreasing within one source). */
  t: number;
  /** Tie-breaker: the line's stream seq; markers sit half-way between two seqs. */
  k: number;
}

export const compareKeyed = (a: Keyed, b: Keyed): number => a.t - b.t || a.k - b.k;

/**
 * A sorted list that is cheap at both ends: appends in order are O(1), the oldest rows leave
 * from the front in O(1) (an offset, compacted now and then), and the rare row that arrives
 * out of order is placed by binary search.
 */
export class SortedRows<T extends Keyed> {
  private arr: T[] = [];
  private start = 0;

  get length(): number {
    return this.arr.length - this.start;
  }

  at(i: number): T | undefined {
    return i >= 0 && i < this.length ? this.arr[this.start + i] : undefined;
  }

  first(): T | undefined {
    return this.at(0);
  }

  last(): T | undefined {
    return this.length ? this.arr[this.arr.length - 1] : undefined;
  }

  /** First index whose row is not before `key` (length when every row is before it). */
  lowerBound(key: Keyed): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeyed(this.arr[this.start + mid]!, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First index whose time is at or after `t`. */
  indexAtTime(t: number): number {
    return this.lowerBound({ t, k: -Infinity });
  }

  /** Index of this very row, or -1. */
  indexOf(row: T): number {
    const i = this.lowerBound(row);
    return this.at(i) === row ? i : -1;
  }

  /** Inserts in order; returns the index it took. */
  insert(row: T): number {
    const last = this.last();
    if (!last || compareKeyed(last, row) < 0) {
      this.arr.push(row);
      return this.length - 1;
    }
    const i = this.lowerBound(row);
    this.arr.splice(this.start + i, 0, row);
    return i;
  }

  /** Removes and returns the oldest row. */
  shift(): T | undefined {
    if (!this.length) return undefined;
    const row = this.arr[this.start]!;
    (this.arr as unknown as Array<T | undefined>)[this.start] = undefined;
    this.start++;
    if (this.start > 4096 && this.start * 2 > this.arr.length) {
      this.arr = this.arr.slice(this.start);
      this.start = 0;
    }
    return row;
  }

  /** Puts a row back in front (it must not be after the current first row). */
  unshift(row: T): void {
    if (this.start > 0) this.arr[--this.start] = row;
    else this.arr.unshift(row);
  }

  clear(): void {
    this.arr = [];
    this.start = 0;
  }

  /** Replaces the content with rows already in order. */
  reset(rows: T[]): void {
    this.arr = rows;
    this.start = 0;
  }

  /** A copy of rows [from, to). */
  slice(from = 0, to = this.length): T[] {
    return this.arr.slice(this.start + Math.max(0, from), this.start + Math.min(this.length, to));
  }

  *[Symbol.iterator](): Iterator<T> {
    for (let i = this.start; i < this.arr.length; i++) yield this.arr[i]!;
  }
}
