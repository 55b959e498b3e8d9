/**
 * Gives each distinct byte string (a client IP, a path) a small integer id without making a JS
 * string per line: FNV-1a over the bytes, open addressing, the bytes kept once in an arena.
 * Ids are dense (0, 1, 2 …) so the callers keep their counters in plain arrays.
 */
export class ByteInterner {
  private table = new Int32Array(1 << 10).fill(-1);
  private mask = (1 << 10) - 1;
  private arena: Buffer = Buffer.allocUnsafe(64 * 1024);
  private used = 0;
  private offsets: number[] = [];
  private lengths: number[] = [];
  private hashes: number[] = [];

  get size(): number {
    return this.offsets.length;
  }

  /** The id of `buf[s, e)`, added when new. */
  intern(buf: Uint8Array, s: number, e: number): number {
    let h = 0x811c9dc5 | 0;
    for (let i = s; i < e; i++) h = Math.imul(h ^ buf[i], 16777619);
    const len = e - s;
    let slot = h & this.mask;
    for (;;) {
      const id = this.table[slot];
      if (id < 0) break;
      if (this.hashes[id] === h && this.lengths[id] === len) {
        const o = this.offsets[id];
        let k = 0;
        while (k < len && this.arena[o + k] === buf[s + k]) k++;
        if (k === len) return id;
      }
      slot = (slot + 1) & this.mask;
    }
    if (this.used + len > this.arena.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.arena.length * 2, this.used + len));
      this.arena.copy(bigger, 0, 0, this.used);
      this.arena = bigger;
    }
    for (let k = 0; k < len; k++) this.arena[this.used + k] = buf[s + k];
    const id = this.offsets.length;
    this.offsets.push(this.used);
    this.lengths.push(len);
    this.hashes.push(h);
    this.used += len;
    this.table[slot] = id;
    if (this.offsets.length * 2 > this.table.length) this.grow();
    return id;
  }

  /** The id of a latin1 key (one char per byte), added when new. */
  internKey(key: string): number {
    const b = Buffer.from(key, 'latin1');
    return this.intern(b, 0, b.length);
  }

  /** The key of an id as a latin1 string (one char per byte). */
  key(id: number): string {
    const o = this.offsets[id];
    return this.arena.toString('latin1', o, o + this.lengths[id]);
  }

  private grow(): void {
    const cap = this.table.length * 2;
    this.table = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    for (let id = 0; id < this.offsets.length; id++) {
      let slot = this.hashes[id] & this.mask;
      while (this.table[slot] >= 0) slot = (slot + 1) & this.mask;
      this.table[slot] = id;
    }
  }
}

/**
 * Rows keyed by byte strings: an interner plus an array of rows by id. No deletion: pruning
 * rebuilds the table from the rows it keeps (ids change then).
 */
export class RowTable<R> {
  private ix = new ByteInterner();
  private rows: (R | undefined)[] = [];
  /** Rows present. */
  size = 0;

  /** The id of a byte string (interned even when it has no row yet). */
  id(buf: Uint8Array, s: number, e: number): number {
    return this.ix.intern(buf, s, e);
  }

  /** The id of a latin1 key. */
  idOfKey(key: string): number {
    return this.ix.internKey(key);
  }

  row(id: number): R | undefined {
    return this.rows[id];
  }

  set(id: number, row: R): void {
    if (this.rows[id] === undefined) this.size++;
    this.rows[id] = row;
  }

  /** [key, row, id] of every row, in id order. */
  entries(): [string, R, number][] {
    const out: [string, R, number][] = [];
    for (let id = 0; id < this.rows.length; id++) {
      const r = this.rows[id];
      if (r !== undefined) out.push([this.ix.key(id), r, id]);
    }
    return out;
  }

  /** Replaces everything with `keep`; returns the new id of each kept row, in order. */
  rebuild(keep: [string, R][]): number[] {
    this.ix = new ByteInterner();
    this.rows = [];
    this.size = 0;
    return keep.map(([k, r]) => {
      const id = this.ix.internKey(k);
      this.set(id, r);
      return id;
    });
  }
}
