/**
 * A set of (x, y) pairs of non-negative 31-bit integers: the (visitor, path) pairs behind each
 * path's visitor count, without a JS Set per path. Pairs with y < DENSE_Y (the paths seen first:
 * in practice the busiest) are bits of a bitmap per x (DENSE_Y bits side by side, one cache
 * line); the rest are in one Int32Array with open addressing (x and y side by side, so a probe
 * touches one cache line).
 */
const DENSE_Y = 128;
const DENSE_WORDS = DENSE_Y / 32;

export class PairSet {
  /** DENSE_WORDS Int32 words of bits per x, grown as x grows. */
  private bits = new Int32Array(DENSE_WORDS * 1024);
  /** [x0, y0, x1, y1, …]; x = -1 is an empty slot. */
  private slots = new Int32Array(2 << 12).fill(-1);
  private mask = (1 << 12) - 1;
  /** Pairs in `slots`. */
  private sparse = 0;
  size = 0;

  /** Adds the pair; true when it was not there yet. */
  add(x: number, y: number): boolean {
    if (y < DENSE_Y) {
      const w = x * DENSE_WORDS + (y >>> 5);
      if (w >= this.bits.length) this.growBits(w);
      const word = this.bits[w];
      const bit = 1 << (y & 31);
      if ((word & bit) !== 0) return false;
      this.bits[w] = word | bit;
      this.size++;
      return true;
    }
    if (!this.addSparse(x, y)) return false;
    this.size++;
    return true;
  }

  private addSparse(x: number, y: number): boolean {
    const slots = this.slots;
    const mask = this.mask;
    let i = hash(x, y) & mask;
    for (;;) {
      const cur = slots[i << 1];
      if (cur === -1) break;
      if (cur === x && slots[(i << 1) + 1] === y) return false;
      i = (i + 1) & mask;
    }
    slots[i << 1] = x;
    slots[(i << 1) + 1] = y;
    this.sparse++;
    if (this.sparse * 2 > mask + 1) this.rehash((mask + 1) * 2);
    return true;
  }

  /** Every pair, flat: [x0, y0, x1, y1, …] (no particular order). */
  toArray(): Int32Array {
    const out = new Int32Array(this.size * 2);
    let k = 0;
    const bits = this.bits;
    for (let w = 0; w < bits.length; w++) {
      let word = bits[w];
      if (word === 0) continue;
      const x = (w / DENSE_WORDS) | 0;
      const y0 = (w % DENSE_WORDS) * 32;
      while (word !== 0) {
        const b = 31 - Math.clz32(word & -word);
        out[k++] = x;
        out[k++] = y0 + b;
        word &= word - 1;
      }
    }
    const slots = this.slots;
    for (let i = 0; i < slots.length; i += 2) {
      if (slots[i] !== -1) {
        out[k++] = slots[i];
        out[k++] = slots[i + 1];
      }
    }
    return out;
  }

  clear(): void {
    this.bits = new Int32Array(DENSE_WORDS * 1024);
    this.slots = new Int32Array(2 << 12).fill(-1);
    this.mask = (1 << 12) - 1;
    this.sparse = 0;
    this.size = 0;
  }

  private growBits(w: number): void {
    let n = this.bits.length * 2;
    while (n <= w) n *= 2;
    const bigger = new Int32Array(n);
    bigger.set(this.bits);
    this.bits = bigger;
  }

  private rehash(cap: number): void {
    const old = this.slots;
    this.slots = new Int32Array(cap * 2).fill(-1);
    this.mask = cap - 1;
    this.sparse = 0;
    for (let i = 0; i < old.length; i += 2) if (old[i] !== -1) this.addSparse(old[i], old[i + 1]);
  }
}

function hash(x: number, y: number): number {
  const h = Math.imul(x, 0x9e3779b1) ^ Math.imul(y + 0x7f4a7c15, 0x85ebca6b);
  return h ^ (h >>> 15);
}
