import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../../src-main/contract';
import { LogViewModel } from '../../../../src-renderer/features/logs/log-view-model';
import { ResumeFilter } from '../../../../src-renderer/features/logs/resume-filter';

let seq = 0;
const T0 = Date.UTC(2026, 10, 23, 12, 0, 0);
const line = (sourceKey: string, text: string, ts = T0): LogLine => ({
  seq: ++seq, sourceKey, ts, tsFromLine: true, text, truncatedBytes: 0, level: null, status: null, path: null, latencyMs: null,
});
const texts = (m: LogViewModel) => [...m.view].map((r) => (r.kind === 'line' ? r.line.text : `<gap ${r.reason} ${r.count}>`));

describe('resuming after a lost link', () => {
  it('shows the lines written while the link was down once, and none of those already shown', () => {
    const m = new LogViewModel(1000);
    m.apply(['a1', 'a2', 'a3', 'a4'].map((t, i) => line('a', t, T0 + i)));
    m.apply(['b1', 'b2'].map((t, i) => line('b', t, T0 + i)));
    const gap = m.markLinkLost(T0 + 10);
    // The reopened stream: history (what was shown, then what was written meanwhile), then live.
    m.newStream();
    seq = 0;
    const f = new ResumeFilter(m.lastRuns(), 1000);
    const batch1 = f.filter([
      line('a', 'a1', T0), line('b', 'b1', T0), line('a', 'a2', T0 + 1), line('b', 'b2', T0 + 1),
      line('a', 'a3', T0 + 2), line('a', 'a4', T0 + 3), line('a', 'a5 meanwhile', T0 + 20),
    ]);
    expect(batch1.map((l) => l.text)).toEqual(['a5 meanwhile']);
    expect(f.active).toBe(false);
    expect(f.recovered).toBe(true);
    m.apply(batch1);
    m.markRecovered(gap);
    m.apply(f.filter([line('b', 'b3 live', T0 + 30)]));
    expect(texts(m)).toEqual(['a1', 'b1', 'a2', 'b2', 'a3', 'a4', '<gap link 0>', 'a5 meanwhile', 'b3 live']);
    // Seqs start again in the new stream: rows stay distinct and findable.
    expect(new Set([...m.view].map((r) => r.id)).size).toBe(9);
    for (let i = 0; i < m.view.length; i++) expect(m.viewIndexOf(m.view.at(i)!)).toBe(i);
  });

  it('passes a source whose last lines are gone (rotated or too much written) and says lines may be missing', () => {
    const m = new LogViewModel(1000);
    m.apply(['x1', 'x2', 'x3'].map((t) => line('x', t)));
    const f = new ResumeFilter(m.lastRuns(), 3);
    expect(f.filter([line('x', 'n1'), line('x', 'n2'), line('x', 'n3')])).toEqual([]);
    expect(f.filter([line('x', 'n4')]).map((l) => l.text)).toEqual(['n1', 'n2', 'n3', 'n4']);
    expect(f.recovered).toBe(false);
    const g = new ResumeFilter(m.lastRuns(), 1000);
    g.filter([line('x', 'short history')]);
    expect(g.release().map((l) => l.text)).toEqual(['short history']);
    expect(g.recovered).toBe(false);
    expect(g.active).toBe(false);
  });

  it('matches the last three lines together, not a repeated single line', () => {
    const m = new LogViewModel(1000);
    m.apply(['ok', 'ok', 'tick 7', 'ok'].map((t) => line('p', t)));
    const f = new ResumeFilter(m.lastRuns(), 1000);
    const out = f.filter(['ok', 'ok', 'ok', 'tick 7', 'ok', 'new'].map((t) => line('p', t)));
    expect(out.map((l) => l.text)).toEqual(['new']);
  });
});
