/**
 * A set of (x, y) pairs of non-negative 31-bit integers in two Int32Arrays (open addressing):
 * the (visitor, path) pairs behind each path's visitor count, without a JS Set per path.
 */
export class PairSet {
  private xs = new Int32Array(1 << 12).fill(-1);
  private ys = new Int32Array(1 << 12);
  private mask = (1 << 12) - 1;
  size = 0;

  /** Adds the pair; true when it was not there yet. */
  add(x: number, y: number): boolean {
    let h = Math.imul(x, 0x9e3779b1) ^ Math.imul(y + 0x7f4a7c15, 0x85ebca6b);
    h ^= h >>> 15;
    let i = h & this.mask;
    const xs = this.xs;
    for (;;) {
      const cur = xs[i];
      if (cur === -1) break;
      if (cur === x && this.ys[i] === y) return false;
      i = (i + 1) & this.mask;
    }
    xs[i] = x;
    this.ys[i] = y;
    this.size++;
    if (this.size * 2 > xs.length) this.grow();
    return true;
  }

  forEach(fn: (x: number, y: number) => void): void {
    for (let i = 0; i < this.xs.length; i++) if (this.xs[i] !== -1) fn(this.xs[i], this.ys[i]);
  }

  clear(): void {
    this.xs = new Int32Array(1 << 12).fill(-1);
    this.ys = new Int32Array(1 << 12);
    this.mask = (1 << 12) - 1;
    this.size = 0;
  }

  private grow(): void {
    const oldX = this.xs;
    const oldY = this.ys;
    this.xs = new Int32Array(oldX.length * 2).fill(-1);
    this.ys = new Int32Array(oldX.length * 2);
    this.mask = this.xs.length - 1;
    this.size = 0;
    for (let i = 0; i < oldX.length; i++) if (oldX[i] !== -1) this.add(oldX[i], oldY[i]);
  }
}
