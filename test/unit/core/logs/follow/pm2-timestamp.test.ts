import { describe, expect, it } from 'vitest';
import { pm2Timestamp } from '../../../../../src-main/core/logs/follow/pm2-timestamp';

describe('pm2Timestamp', () => {
  it("reads PM2's time prefixes", () => {
    expect(pm2Timestamp('2024-05-01T10:00:00.123Z: GET /')).toBe(Date.parse('2024-05-01T10:00:00.123Z'));
    expect(pm2Timestamp('2024-05-01 10:00:00 +02:00: started')).toBe(Date.parse('2024-05-01T08:00:00Z'));
    expect(pm2Timestamp('2024-05-01 10:00:00 +0200: started')).toBe(Date.parse('2024-05-01T08:00:00Z'));
    expect(pm2Timestamp('2024-05-01T10:00:00: local time')).toBe(Date.parse('2024-05-01T10:00:00'));
  });

  it('leaves lines without a prefix to the parser', () => {
    expect(pm2Timestamp('{"level":"info","message":"x"}')).toBeNull();
    expect(pm2Timestamp('2024-05-01 something else')).toBeNull();
  });
});
