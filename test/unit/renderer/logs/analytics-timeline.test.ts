import { describe, expect, it } from 'vitest';
import type { AccessAnalytics } from '../../../../src-main/contract';
import { denseTimeline } from '../../../../src-renderer/features/logs/analytics/analytics-charts';

const bucket = (t: number, requests: number) => ({ t, requests, s2xx: requests, s3xx: 0, s4xx: 0, s5xx: 0, bytes: requests * 100 });
const analytics = (timeline: AccessAnalytics['timeline'], bucketMs = 1000) => ({ bucketMs, timeline }) as AccessAnalytics;

describe('requests over time', () => {
  it('fills quiet buckets with zeros so a quiet spell is drawn as quiet', () => {
    const out = denseTimeline(analytics([bucket(10_000, 5), bucket(13_000, 2)]));
    expect(out.map((b) => [b.t, b.requests])).toEqual([
      [10_000, 5],
      [11_000, 0],
      [12_000, 0],
      [13_000, 2],
    ]);
  });

  it('leaves very long or off-grid timelines as they are', () => {
    const long = analytics([bucket(0, 1), bucket(10_000_000, 1)]);
    expect(denseTimeline(long)).toBe(long.timeline);
    const offGrid = analytics([bucket(0, 1), bucket(1500, 1)]);
    expect(denseTimeline(offGrid)).toBe(offGrid.timeline);
  });
});
