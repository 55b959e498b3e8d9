/**
 * A bounded FIFO: `push` past capacity drops the oldest item and counts it. Used for a log
 * stream's unsent lines: what is dropped is reported to the UI as `skipped`, never lost silently.
 */
export class RingBuffer<T> {
  private items: (T | undefined)[];
  private head = 0;
  private count = 0;
  /** Items dropped since the last `takeDropped()`. */
  private dropped = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(item: T): void {
    if (this.count === this.capacity) {
      this.items[this.head] = undefined;
      this.head = (this.head + 1) % this.capacity;
      this.count--;
      this.dropped++;
    }
    this.items[(this.head + this.count) % this.capacity] = item;
    this.count++;
  }

  /** Removes and returns up to `max` oldest items. */
  shift(max: number): T[] {
    const n = Math.min(max, this.count);
    const out = new Array<T>(n);
    for (let i = 0; i < n; i++) {
      out[i] = this.items[this.head] as T;
      this.items[this.head] = undefined;
      this.head = (this.head + 1) % this.capacity;
    }
    this.count -= n;
    return out;
  }

  /** How many items were dropped since the last call; resets the count. */
  takeDropped(): number {
    const d = this.dropped;
    this.dropped = 0;
    return d;
  }

  /** Counts items the caller dropped before they reached the buffer. */
  addDropped(n: number): void {
    this.dropped += n;
  }

  clear(): void {
    this.items = new Array<T | undefined>(this.capacity);
    this.head = 0;
    this.count = 0;
  }
}
