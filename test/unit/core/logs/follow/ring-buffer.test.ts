import { describe, expect, it } from 'vitest';
import { RingBuffer } from '../../../../../src-main/core/logs/follow/ring-buffer';

describe('RingBuffer', () => {
  it('keeps order and drops the oldest past capacity, counting each drop once', () => {
    const r = new RingBuffer<number>(3);
    for (let i = 1; i <= 5; i++) r.push(i);
    expect(r.size).toBe(3);
    expect(r.takeDropped()).toBe(2);
    expect(r.takeDropped()).toBe(0);
    expect(r.shift(2)).toEqual([3, 4]);
    r.push(6);
    r.push(7);
    expect(r.shift(10)).toEqual([5, 6, 7]);
    expect(r.size).toBe(0);
    expect(r.shift(10)).toEqual([]);
  });

  it('wraps around many times without losing track', () => {
    const r = new RingBuffer<number>(1000);
    let next = 0;
    let expected = 0;
    let dropped = 0;
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < 1500; i++) r.push(next++);
      dropped += r.takeDropped();
      const out = r.shift(700);
      // What is left after drops starts right after the dropped ones.
      expected = next - 1000;
      expect(out[0]).toBe(expected);
      expect(out).toEqual(Array.from({ length: 700 }, (_, i) => expected + i));
      r.shift(1000);
    }
    expect(dropped).toBe(50 * 500);
  });

  it('counts drops made before the buffer (addDropped) in the same total', () => {
    const r = new RingBuffer<string>(2);
    r.addDropped(4);
    r.push('a');
    r.push('b');
    r.push('c');
    expect(r.takeDropped()).toBe(5);
  });
});
