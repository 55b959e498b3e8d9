import { describe, expect, it } from 'vitest';
import { accessStateOptions } from '../../../../../src-main/core/logs/analytics';
import { AccessState } from '../../../../../src-main/core/logs/analytics/access-state';
import { LineFeed } from '../../../../../src-main/core/logs/analyze/line-feed';
import { compileLogFormat } from '../../../../../src-main/core/logs/parse';

const line = (i: number, status: number) => `10.0.0.${i % 7} - - [01/May/2024:10:00:0${i % 10} +0000] "GET /p/${i} HTTP/1.1" ${status} ${100 + i} "-" "ua/${i % 3}"`;
const LOG = [line(1, 200), line(2, 404), '', line(3, 500) + '\r', '\r', 'not an access line', line(4, 200)].join('\n');

function analyse(chunks: Buffer[]) {
  const state = new AccessState(compileLogFormat(undefined), accessStateOptions({ exact: true }));
  const feed = new LineFeed(state);
  for (const c of chunks) feed.feed(c);
  feed.end();
  return { bytes: feed.bytes, analytics: state.snapshot() };
}

describe('LineFeed', () => {
  it('reads the same lines whatever the chunk boundaries (carry, CRLF, empty lines, no final newline)', () => {
    const bytes = Buffer.from(LOG, 'utf8');
    const whole = analyse([bytes]);
    expect(whole.bytes).toBe(bytes.length);
    expect(whole.analytics.totals).toMatchObject({ requests: 5, valid: 4, failed: 1 });
    for (const size of [1, 2, 3, 7, 50]) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      expect(analyse(chunks)).toEqual(whole);
    }
  });
});
