import { describe, expect, it } from 'vitest';
import { DockerDedupe, splitDockerTimestamp } from '../../../../../src-main/core/logs/follow/docker-dedupe';
import { DockerDemux } from '../../../../../src-main/core/logs/follow/docker-follower';

describe('splitDockerTimestamp', () => {
  it('reads RFC 3339 with nanoseconds, trimmed zeros and offsets', () => {
    const a = splitDockerTimestamp('2024-05-01T10:00:00.123456789Z hello world')!;
    expect(a.text).toBe('hello world');
    expect(a.ms).toBe(Date.parse('2024-05-01T10:00:00.123Z'));
    expect(a.ns).toBe(BigInt(Date.parse('2024-05-01T10:00:00Z') / 1000) * 1_000_000_000n + 123456789n);
    const b = splitDockerTimestamp('2024-05-01T10:00:00.1Z x')!;
    const c = splitDockerTimestamp('2024-05-01T10:00:00.12Z x')!;
    expect(b.ns < c.ns).toBe(true);
    expect(splitDockerTimestamp('2024-05-01T12:00:00+02:00 y')!.ms).toBe(Date.parse('2024-05-01T10:00:00Z'));
    expect(splitDockerTimestamp('no timestamp here')).toBeNull();
  });
});

describe('DockerDedupe', () => {
  it('drops the boundary lines a reconnect with `since` sends again, keeps new ones', () => {
    const d = new DockerDedupe();
    const t = (s: number, ns = 0) => BigInt(s) * 1_000_000_000n + BigInt(ns);
    expect(d.accept(t(100, 1), 'a')).toBe(true);
    expect(d.accept(t(100, 5), 'b')).toBe(true);
    expect(d.accept(t(100, 5), 'b')).toBe(true); // the same line twice at the same time
    expect(d.accept(t(100, 5), 'c')).toBe(true);
    expect(d.since()).toBe(100);
    d.reconnected();
    // `since=100` sends the whole second again.
    expect(d.accept(t(100, 1), 'a')).toBe(false);
    expect(d.accept(t(100, 5), 'b')).toBe(false);
    expect(d.accept(t(100, 5), 'b')).toBe(false);
    expect(d.accept(t(100, 5), 'c')).toBe(false);
    // A third b at the same nanosecond was not seen before: new.
    expect(d.accept(t(100, 5), 'b')).toBe(true);
    expect(d.accept(t(101), 'd')).toBe(true);
    // Live again: an older timestamp (another stream's clock) is not dropped.
    expect(d.accept(t(100, 9), 'late')).toBe(true);
  });

  it('has no since before the first line', () => {
    expect(new DockerDedupe().since()).toBeUndefined();
  });
});

describe('DockerDemux', () => {
  it('splits the multiplexed stream across chunk boundaries', () => {
    const frame = (stream: number, s: string) => {
      const body = Buffer.from(s);
      const h = Buffer.alloc(8);
      h[0] = stream;
      h.writeUInt32BE(body.length, 4);
      return Buffer.concat([h, body]);
    };
    const all = Buffer.concat([frame(1, 'out 1\n'), frame(2, 'err 1\n'), frame(1, 'out 2\n')]);
    const d = new DockerDemux(false);
    const parts = [] as { stream: 1 | 2; data: Buffer }[];
    for (let i = 0; i < all.length; i += 5) d.push(all.subarray(i, i + 5), parts);
    const joined = { 1: '', 2: '' };
    for (const p of parts) joined[p.stream] += p.data.toString();
    expect(joined).toEqual({ 1: 'out 1\nout 2\n', 2: 'err 1\n' });
  });

  it('passes a TTY stream through as stdout', () => {
    expect(new DockerDemux(true).push(Buffer.from('raw\n'))).toEqual([{ stream: 1, data: Buffer.from('raw\n') }]);
  });
});
