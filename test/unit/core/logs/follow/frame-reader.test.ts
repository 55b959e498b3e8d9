import { describe, expect, it } from 'vitest';
import { FrameReader } from '../../../../../src-main/core/logs/follow/frame-reader';

describe('FrameReader', () => {
  it('reads headers and exact payloads whatever the chunking, payloads may contain newlines and headers', () => {
    const payload = Buffer.from('D 1 2 3\nline\n');
    const stream = Buffer.concat([Buffer.from('O 42 0 100\n'), Buffer.from(`D 42 0 ${payload.length}\n`), payload, Buffer.from('R 42 43\nT 43 ok\nH\nW\nG 42\n')]);
    for (const step of [1, 3, 7, stream.length]) {
      const r = new FrameReader();
      const frames = [];
      for (let i = 0; i < stream.length; i += step) frames.push(...r.push(stream.subarray(i, i + step)));
      expect(frames.map((f) => f.type)).toEqual(['O', 'D', 'R', 'T', 'H', 'W', 'G']);
      const d = frames[1] as { data: Buffer; start: number; ino: string };
      expect(d.data.equals(payload)).toBe(true);
      expect(frames[0]).toEqual({ type: 'O', ino: '42', start: 0, end: 100 });
    }
  });

  it('refuses output that is not a frame (the follower then restarts)', () => {
    expect(() => new FrameReader().push(Buffer.from('sh: 1: oops\n'))).toThrow(/frame/);
  });
});
