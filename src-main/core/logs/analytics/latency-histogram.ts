/**
 * A bounded latency histogram in milliseconds (HDR-style: one bucket per ms below `sub`, then
 * `sub` buckets per power of two). Percentiles are read back as the middle of their bucket, so
 * the error is at most half a bucket: none below `sub` ms (nginx prints whole milliseconds)
 * and at most 1/(2·sub) relative above (sub 128: ±0.39 %, sub 32: ±1.6 %). `max`, `count` and
 * `sum` are exact. Values above ~24 days land in the last bucket.
 */
export class LatencyHistogram {
  counts: Uint32Array;
  count = 0;
  sum = 0;
  max = 0;
  private readonly shift: number;

  constructor(readonly sub = 128) {
    this.shift = Math.log2(sub);
    if (!Number.isInteger(this.shift)) throw new Error('sub must be a power of two');
    this.counts = new Uint32Array(sub * 4);
  }

  /** Bucket of a value (ms, ≥ 0). */
  index(ms: number): number {
    const v = ms < 0 ? 0 : Math.floor(ms);
    if (v < this.sub) return v;
    if (v >= 2147483648) return this.sub + (31 - this.shift) * this.sub - 1;
    const octave = 31 - Math.clz32(v) - this.shift; // v in [sub·2^octave, sub·2^(octave+1))
    return this.sub + octave * this.sub + ((v >>> octave) - this.sub);
  }

  /** The [low, high) milliseconds a bucket covers. */
  bounds(i: number): [number, number] {
    if (i < this.sub) return [i, i + 1];
    const octave = Math.floor((i - this.sub) / this.sub);
    const m = (i - this.sub) % this.sub;
    const lo = (this.sub + m) * 2 ** octave;
    return [lo, lo + 2 ** octave];
  }

  record(ms: number): void {
    if (!(ms >= 0)) return;
    const i = this.index(ms);
    if (i >= this.counts.length) {
      let n = this.counts.length;
      while (n <= i) n *= 2;
      const next = new Uint32Array(n);
      next.set(this.counts);
      this.counts = next;
    }
    this.counts[i]++;
    this.count++;
    this.sum += ms;
    if (ms > this.max) this.max = ms;
  }

  merge(o: LatencyHistogram): void {
    if (o.sub !== this.sub) throw new Error('histograms differ');
    if (o.counts.length > this.counts.length) {
      const next = new Uint32Array(o.counts.length);
      next.set(this.counts);
      this.counts = next;
    }
    for (let i = 0; i < o.counts.length; i++) this.counts[i] += o.counts[i];
    this.count += o.count;
    this.sum += o.sum;
    if (o.max > this.max) this.max = o.max;
  }

  /** The q-quantile (0..1) in ms; 0 when empty. */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i];
      if (seen >= rank) {
        const [lo, hi] = this.bounds(i);
        const v = i < this.sub ? lo : (lo + hi) / 2;
        return Math.min(v, this.max);
      }
    }
    return this.max;
  }

  /** A plain object for a worker's message (the counts as a typed array: copied, not listed). */
  toJSON(): { sub: number; counts: Uint32Array; count: number; sum: number; max: number } {
    let last = this.counts.length - 1;
    while (last >= 0 && this.counts[last] === 0) last--;
    return { sub: this.sub, counts: this.counts.slice(0, last + 1), count: this.count, sum: this.sum, max: this.max };
  }

  static fromJSON(j: { sub: number; counts: ArrayLike<number>; count: number; sum: number; max: number }): LatencyHistogram {
    const h = new LatencyHistogram(j.sub);
    if (j.counts.length > h.counts.length) h.counts = new Uint32Array(j.counts.length);
    h.counts.set(j.counts);
    h.count = j.count;
    h.sum = j.sum;
    h.max = j.max;
    return h;
  }
}
