import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../../src-main/contract';
import { compileSearch, NO_FILTER, type SearchSpec } from '../../../../src-renderer/features/logs/log-filters';
import { LogViewModel, type LogRow } from '../../../../src-renderer/features/logs/log-view-model';

let seq = 0;
const T0 = Date.UTC(2026, 10, 23, 12, 0, 0);
function line(p: Partial<LogLine> & { text: string }): LogLine {
  return { seq: ++seq, sourceKey: 'a', ts: T0, tsFromLine: true, truncatedBytes: 0, level: null, status: null, path: null, latencyMs: null, ...p };
}
const texts = (rows: Iterable<LogRow>) => [...rows].map((r) => (r.kind === 'line' ? r.line.text : `<gap ${r.reason} ${r.count}>`));
const search = (spec: Partial<SearchSpec>) => {
  const c = compileSearch({ text: '', regex: false, caseSensitive: false, ...spec });
  if (!c.ok) throw new Error(c.error);
  return c.search;
};

describe('LogViewModel buffer', () => {
  it('keeps at most `capacity` rows, dropping the oldest, and counts what it dropped', () => {
    const m = new LogViewModel(1000);
    for (let b = 0; b < 30; b++) {
      m.apply(Array.from({ length: 100 }, (_, i) => line({ text: `l${b * 100 + i}`, ts: T0 + b * 100 + i })));
    }
    expect(m.size).toBe(1000);
    expect(m.view.length).toBe(1000);
    expect(m.received).toBe(3000);
    expect(m.evicted).toBe(2000);
    expect(texts([m.view.first()!, m.view.last()!])).toEqual(['l2000', 'l2999']);
  });

  it('keeps the view and the matches consistent while the oldest rows leave', () => {
    const m = new LogViewModel(1000);
    m.setFilter({ ...NO_FILTER, levels: ['error'] });
    m.setSearch(search({ text: 'boom' }));
    for (let i = 0; i < 5000; i++) {
      m.apply([line({ text: i % 10 === 0 ? `boom ${i}` : `ok ${i}`, level: i % 5 === 0 ? 'error' : 'info', ts: T0 + i })]);
    }
    // The last 1000 lines (4000–4999): errors every 5th, "boom" every 10th.
    expect(m.view.length).toBe(200);
    expect(m.matches.length).toBe(100);
    expect(texts([m.view.first()!])).toEqual(['boom 4000']);
    expect(texts([m.matches.last()!])).toEqual(['boom 4990']);
  });

  it('clear empties the viewer and later lines still arrive', () => {
    const m = new LogViewModel(1000);
    m.apply([line({ text: 'a' }), line({ text: 'b' })]);
    m.clear();
    expect(m.size).toBe(0);
    m.apply([line({ text: 'c' })]);
    expect(texts(m.view)).toEqual(['c']);
    expect(m.received).toBe(3);
  });
});

describe('LogViewModel merge by time', () => {
  it('merges two sources by time, whatever order the batches come in', () => {
    const m = new LogViewModel(1000);
    m.apply([line({ sourceKey: 'nginx', text: 'n1', ts: T0 + 1000 }), line({ sourceKey: 'nginx', text: 'n3', ts: T0 + 3000 })]);
    m.apply([line({ sourceKey: 'pm2', text: 'p0', ts: T0 }), line({ sourceKey: 'pm2', text: 'p2', ts: T0 + 2000 }), line({ sourceKey: 'pm2', text: 'p4', ts: T0 + 4000 })]);
    expect(texts(m.view)).toEqual(['p0', 'n1', 'p2', 'n3', 'p4']);
  });

  it('never reorders the lines of one source, even when their times go back', () => {
    const m = new LogViewModel(1000);
    m.apply([line({ text: 'first', ts: T0 + 5000 }), line({ text: 'second (older stamp)', ts: T0 + 1000 }), line({ text: 'third', ts: T0 + 6000 })]);
    expect(texts(m.view)).toEqual(['first', 'second (older stamp)', 'third']);
  });

  it('keeps arrival order for equal times', () => {
    const m = new LogViewModel(1000);
    m.apply([line({ sourceKey: 'x', text: '1' }), line({ sourceKey: 'y', text: '2' }), line({ sourceKey: 'x', text: '3' })]);
    expect(texts(m.view)).toEqual(['1', '2', '3']);
  });

  it('places a late line inside a filtered view and its matches too', () => {
    const m = new LogViewModel(1000);
    m.setFilter({ ...NO_FILTER, statusClasses: [5] });
    m.setSearch(search({ text: 'api' }));
    m.apply([line({ sourceKey: 'a', text: 'GET /api/x 500', status: 500, ts: T0 }), line({ sourceKey: 'a', text: 'GET /api/z 503', status: 503, ts: T0 + 3000 })]);
    m.apply([line({ sourceKey: 'b', text: 'GET /api/y 502', status: 502, ts: T0 + 2000 }), line({ sourceKey: 'b', text: 'GET /ok 200', status: 200, ts: T0 + 2500 })]);
    expect(texts(m.view)).toEqual(['GET /api/x 500', 'GET /api/y 502', 'GET /api/z 503']);
    expect(texts(m.matches)).toEqual(texts(m.view));
  });
});

describe('LogViewModel skipped lines', () => {
  it('shows an explicit marker before the batch that follows a gap, whatever the filters', () => {
    const m = new LogViewModel(1000);
    m.setFilter({ ...NO_FILTER, levels: ['error'] });
    m.apply([line({ text: 'e1', level: 'error', ts: T0 })]);
    m.apply([line({ text: 'e2', level: 'error', ts: T0 + 10 }), line({ text: 'i', level: 'info', ts: T0 + 11 })], 1234);
    expect(texts(m.view)).toEqual(['e1', '<gap behind 1234>', 'e2']);
    expect(m.skipped).toBe(1234);
    expect(m.exportText((g) => `-- ${g.count} skipped --`)).toBe('e1\n-- 1234 skipped --\ne2\n');
  });

  it('keeps the newest gap marker on top when the buffer is full, dropping lines instead', () => {
    const m = new LogViewModel(1000);
    m.setSearch(search({ text: 'x' }));
    m.apply(Array.from({ length: 800 }, (_, i) => line({ text: `old ${i}`, ts: T0 + i })));
    m.apply(Array.from({ length: 1500 }, (_, i) => line({ text: `x new ${i}`, ts: T0 + 1000 + i })), 5000);
    expect(m.size).toBe(1000);
    expect(texts([m.view.at(0)!, m.view.at(1)!])).toEqual(['<gap behind 5000>', 'x new 501']);
    expect(texts([m.view.last()!])).toEqual(['x new 1499']);
    expect(m.matches.length).toBe(999);
    expect(m.evicted).toBe(1301);
    // A newer gap takes the place of the older one.
    m.apply(Array.from({ length: 1200 }, (_, i) => line({ text: `x newer ${i}`, ts: T0 + 5000 + i })), 7);
    expect(texts([m.view.at(0)!, m.view.at(1)!])).toEqual(['<gap behind 7>', 'x newer 201']);
    expect(m.view.length).toBe(1000);
  });

  it('marks a gap even when the batch after it is empty, and a lost link', () => {
    const m = new LogViewModel(1000);
    m.apply([line({ text: 'a' })]);
    m.apply([], 7);
    m.markLinkLost(T0 + 1);
    m.apply([line({ text: 'b', ts: T0 + 5 })]);
    expect(texts(m.view)).toEqual(['a', '<gap behind 7>', '<gap link null>', 'b']);
  });
});

describe('LogViewModel filters and search', () => {
  function sample(): LogViewModel {
    const m = new LogViewModel(1000);
    m.apply([
      line({ text: 'GET /api/leads 200', status: 200, path: '/api/leads', ts: T0 }),
      line({ text: 'GET /api/fail 500', status: 500, path: '/api/fail', ts: T0 + 1000 }),
      line({ text: 'GET /missing 404', status: 404, path: '/missing', ts: T0 + 2000 }),
      line({ text: '{"level":"error","msg":"DB down"}', level: 'error', ts: T0 + 3000 }),
      line({ text: 'WARN slow query', level: 'warn', ts: T0 + 4000 }),
      line({ text: 'GET /API/FAIL 502', status: 502, path: '/API/FAIL', ts: T0 + 5000 }),
    ]);
    return m;
  }

  it('filters by level, status class, path and time range, together', () => {
    const m = sample();
    m.setFilter({ ...NO_FILTER, levels: ['error', 'warn'] });
    expect(texts(m.view)).toEqual(['{"level":"error","msg":"DB down"}', 'WARN slow query']);
    m.setFilter({ ...NO_FILTER, statusClasses: [5] });
    expect(texts(m.view)).toEqual(['GET /api/fail 500', 'GET /API/FAIL 502']);
    m.setFilter({ ...NO_FILTER, statusClasses: [4, 5], path: 'fail' });
    expect(texts(m.view)).toEqual(['GET /api/fail 500', 'GET /API/FAIL 502']);
    m.setFilter({ ...NO_FILTER, from: T0 + 1000, to: T0 + 3000 });
    expect(texts(m.view)).toEqual(['GET /api/fail 500', 'GET /missing 404', '{"level":"error","msg":"DB down"}']);
    m.setFilter(NO_FILTER);
    expect(m.view.length).toBe(6);
  });

  it('counts matching lines for text (case-insensitive by default) and regex, and can show only them', () => {
    const m = sample();
    m.setSearch(search({ text: 'api/fail' }));
    expect(m.matches.length).toBe(2);
    m.setSearch(search({ text: 'api/fail', caseSensitive: true }));
    expect(m.matches.length).toBe(1);
    m.setSearch(search({ text: '\\s5\\d\\d$', regex: true }));
    expect(texts(m.matches)).toEqual(['GET /api/fail 500', 'GET /API/FAIL 502']);
    expect(m.view.length).toBe(6);
    m.setSearch(search({ text: '\\s5\\d\\d$', regex: true }), true);
    expect(m.view.length).toBe(2);
    // Special characters are literal in a text search.
    m.setSearch(search({ text: '{"level"' }));
    expect(m.matches.length).toBe(1);
  });

  it('applies filter, search and "only matching" together in one call', () => {
    const m = sample();
    m.configure({ ...NO_FILTER, statusClasses: [5] }, search({ text: 'API', caseSensitive: true }), true);
    expect(texts(m.view)).toEqual(['GET /API/FAIL 502']);
    expect(texts(m.matches)).toEqual(['GET /API/FAIL 502']);
    m.configure(NO_FILTER, null, true);
    expect(m.view.length).toBe(6);
    expect(m.matches.length).toBe(0);
  });

  it('reports an invalid regular expression instead of throwing', () => {
    const r = compileSearch({ text: '([a-z', regex: true, caseSensitive: false });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/Unterminated|missing|\)/i);
    // The same text as plain text is fine.
    expect(compileSearch({ text: '([a-z', regex: false, caseSensitive: false }).ok).toBe(true);
  });

  it('navigates matches forward and back from a position, wrapping around', () => {
    const m = sample();
    m.setSearch(search({ text: '5\\d\\d', regex: true }));
    expect(m.matches.length).toBe(2);
    const v = (i: number) => m.viewIndexOf(m.matches.at(i)!);
    expect(v(0)).toBe(1);
    expect(v(1)).toBe(5);
    // From the top (nothing chosen yet): the first match at or after it.
    expect(m.matchFrom(0, 1, true)).toBe(0);
    // From match 0: next is 1, then wraps to 0; previous from 0 wraps to 1.
    expect(m.matchFrom(1, 1)).toBe(1);
    expect(m.matchFrom(5, 1)).toBe(0);
    expect(m.matchFrom(1, -1)).toBe(1);
    // From a non-matching row between them.
    expect(m.matchFrom(3, 1)).toBe(1);
    expect(m.matchFrom(3, -1)).toBe(0);
  });

  it('highlights every occurrence with exact ranges, and ends on empty regex matches', () => {
    const s = search({ text: 'a*', regex: true })!;
    expect(s.ranges('baab')).toEqual([[1, 3]]);
    expect(search({ text: 'ab' })!.ranges('xAbyab')).toEqual([[1, 3], [4, 6]]);
  });
});

describe('LogViewModel jump to time', () => {
  it('finds the first shown row at or after a time', () => {
    const m = new LogViewModel(1000);
    m.apply(Array.from({ length: 100 }, (_, i) => line({ text: `t${i}`, ts: T0 + i * 1000 })));
    expect(m.viewIndexAtTime(T0 + 41_500)).toBe(42);
    expect(m.viewIndexAtTime(T0 - 1)).toBe(0);
    expect(m.viewIndexAtTime(T0 + 1_000_000)).toBe(100);
    m.setFilter({ ...NO_FILTER, from: T0 + 50_000 });
    expect(m.viewIndexAtTime(T0 + 41_500)).toBe(0);
    expect(texts([m.view.at(m.viewIndexAtTime(T0 + 60_000))!])).toEqual(['t60']);
  });
});

describe('LogViewModel at 100,000 lines', () => {
  it('applies 200 batches of 1,000 lines into a 100,000-line buffer with a search on', () => {
    const m = new LogViewModel(100_000);
    m.setSearch(search({ text: 'status=5\\d\\d', regex: true }));
    const t0 = performance.now();
    for (let b = 0; b < 200; b++) {
      m.apply(Array.from({ length: 1000 }, (_, i) => line({ text: `req ${b}-${i} status=${i % 50 === 0 ? 500 : 200}`, ts: T0 + b * 1000 + i })));
    }
    const ms = performance.now() - t0;
    expect(m.size).toBe(100_000);
    expect(m.evicted).toBe(100_000);
    expect(m.matches.length).toBe(2000);
    expect(texts([m.view.first()!])).toEqual(['req 100-0 status=500']);
    // Informative only: the time to apply 200,000 lines.
    console.log(`applied 200,000 lines in ${ms.toFixed(0)} ms`);
  });
});
