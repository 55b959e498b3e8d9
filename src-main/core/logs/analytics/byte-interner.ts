/** FNV-1a, 32 bits: `h = Math.imul(h ^ byte, FNV_PRIME)` from FNV_SEED. */
export const FNV_SEED = 0x811c9dc5 | 0;
export const FNV_PRIME = 16777619;

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
  /** Per id: [hash, offset in the arena, length], side by side (one cache line per probe). */
  private meta = new Int32Array(3 * 256);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The id of `buf[s, e)`, added when new. */
  intern(buf: Uint8Array, s: number, e: number): number {
    let h = FNV_SEED;
    for (let i = s; i < e; i++) h = Math.imul(h ^ buf[i], FNV_PRIME);
    return this.internHashed(buf, s, e, h);
  }

  /** The same, when the caller already hashed `buf[s, e)` (FNV-1a: FNV_SEED, FNV_PRIME). */
  internHashed(buf: Uint8Array, s: number, e: number, h: number): number {
    const len = e - s;
    const table = this.table;
    const meta = this.meta;
    const mask = this.mask;
    let slot = h & mask;
    for (;;) {
      const id = table[slot];
      if (id < 0) break;
      const m = id * 3;
      if (meta[m] === h && meta[m + 2] === len) {
        const arena = this.arena;
        const o = meta[m + 1];
        let k = 0;
        while (k < len && arena[o + k] === buf[s + k]) k++;
        if (k === len) return id;
      }
      slot = (slot + 1) & mask;
    }
    return this.add(buf, s, len, h, slot);
  }

  private add(buf: Uint8Array, s: number, len: number, h: number, slot: number): number {
    if (this.used + len > this.arena.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.arena.length * 2, this.used + len));
      this.arena.copy(bigger, 0, 0, this.used);
      this.arena = bigger;
    }
    for (let k = 0; k < len; k++) this.arena[this.used + k] = buf[s + k];
    const id = this.count;
    if ((id + 1) * 3 > this.meta.length) {
      const bigger = new Int32Array(this.meta.length * 2);
      bigger.set(this.meta);
      this.meta = bigger;
    }
    this.meta[id * 3] = h;
    this.meta[id * 3 + 1] = this.used;
    this.meta[id * 3 + 2] = len;
    this.count++;
    this.used += len;
    this.table[slot] = id;
    if (this.count * 2 > this.table.length) this.grow();
    return id;
  }

  /** The id of a latin1 key (one char per byte), added when new. */
  internKey(key: string): number {
    const b = Buffer.from(key, 'latin1');
    return this.intern(b, 0, b.length);
  }

  /** Whether id's bytes equal `buf[s, e)`. */
  equals(id: number, buf: Uint8Array, s: number, e: number): boolean {
    const m = id * 3;
    const len = e - s;
    if (this.meta[m + 2] !== len) return false;
    const arena = this.arena;
    const o = this.meta[m + 1];
    for (let k = 0; k < len; k++) if (arena[o + k] !== buf[s + k]) return false;
    return true;
  }

  /** Every key, in id order. */
  keys(): string[] {
    const out: string[] = [];
    for (let id = 0; id < this.count; id++) out.push(this.key(id));
    return out;
  }

  /** The key of an id as a latin1 string (one char per byte). */
  key(id: number): string {
    const o = this.meta[id * 3 + 1];
    return this.arena.toString('latin1', o, o + this.meta[id * 3 + 2]);
  }

  private grow(): void {
    const cap = this.table.length * 2;
    this.table = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    for (let id = 0; id < this.count; id++) {
      let slot = this.meta[id * 3] & this.mask;
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

  /** The id of a byte string already hashed with FNV-1a (ByteInterner.internHashed). */
  idHashed(buf: Uint8Array, s: number, e: number, h: number): number {
    return this.ix.internHashed(buf, s, e, h);
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
