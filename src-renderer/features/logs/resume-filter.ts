import type { LogLine } from '../../../src-main/contract';

/** Lines compared to find where the viewer stopped: the last few of each source. */
export const RESUME_RUN = 3;

/**
 * After the link to Opsdeck drops, the stream is opened again with history: each source's
 * history holds the lines already shown, then those written while the link was down. This
 * drops a source's lines up to and including the last RESUME_RUN lines the viewer had of it,
 * so nothing is shown twice and the lines written meanwhile are not lost. A source whose last
 * lines are not found (rotated, or more written than the history holds) is passed through
 * whole after `maxHistory` lines or on `release()`, and `recovered` turns false.
 */
export class ResumeFilter {
  private seeking = new Map<string, { run: string[]; pending: LogLine[] }>();
  /** Whether every source was found again (no line can be missing at the gap). */
  recovered = true;

  constructor(lastRuns: ReadonlyMap<string, readonly string[]>, private readonly maxHistory: number) {
    for (const [key, run] of lastRuns) if (run.length) this.seeking.set(key, { run: [...run], pending: [] });
  }

  /** Whether some source is still being matched. */
  get active(): boolean {
    return this.seeking.size > 0;
  }

  /** The lines of a batch that are new to the viewer. */
  filter(lines: readonly LogLine[]): LogLine[] {
    if (!this.seeking.size) return lines as LogLine[];
    const out: LogLine[] = [];
    for (const l of lines) {
      const s = this.seeking.get(l.sourceKey);
      if (!s) {
        out.push(l);
        continue;
      }
      s.pending.push(l);
      const n = s.pending.length;
      const k = s.run.length;
      if (n >= k && s.run.every((text, i) => s.pending[n - k + i]!.text === text)) {
        // Everything held so far was on screen already.
        this.seeking.delete(l.sourceKey);
      } else if (n > this.maxHistory) {
        this.seeking.delete(l.sourceKey);
        this.recovered = false;
        out.push(...s.pending);
      }
    }
    return out;
  }

  /** Stops matching: whatever is held is new. */
  release(): LogLine[] {
    const out: LogLine[] = [];
    for (const s of this.seeking.values()) out.push(...s.pending);
    if (this.seeking.size) this.recovered = false;
    this.seeking.clear();
    return out;
  }
}
