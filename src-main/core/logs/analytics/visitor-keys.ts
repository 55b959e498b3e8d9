/**
 * Visitor ids keyed by (day, client id, user agent id): one open-addressing table of Int32s
 * ([day, client, ua, id] side by side), where a Map would box a 53-bit key on every lookup.
 */
export class VisitorKeys {
  private slots = new Int32Array(4 << 10).fill(-1);
  private mask = (1 << 10) - 1;
  size = 0;

  /** The id already stored for (day, client, ua), or -1 after storing `id` for it. */
  getOrAdd(day: number, client: number, ua: number, id: number): number {
    let h = Math.imul(day, 0x9e3779b1) ^ Math.imul(client + 0x7f4a7c15, 0x85ebca6b) ^ Math.imul(ua + 0x165667b1, 0xc2b2ae35);
    h ^= h >>> 15;
    const slots = this.slots;
    const mask = this.mask;
    let i = h & mask;
    for (;;) {
      const o = i << 2;
      const cur = slots[o + 3];
      if (cur === -1) break;
      if (slots[o] === day && slots[o + 1] === client && slots[o + 2] === ua) return cur;
      i = (i + 1) & mask;
    }
    const o = i << 2;
    slots[o] = day;
    slots[o + 1] = client;
    slots[o + 2] = ua;
    slots[o + 3] = id;
    this.size++;
    if (this.size * 2 > mask + 1) this.grow();
    return -1;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2).fill(-1);
    this.mask = (old.length >>> 1) - 1;
    this.size = 0;
    for (let o = 0; o < old.length; o += 4) if (old[o + 3] !== -1) this.getOrAdd(old[o], old[o + 1], old[o + 2], old[o + 3]);
  }
}
