/**
 * Docker timestamps (RFC 3339 with up to nanoseconds, `--timestamps`) as [epoch seconds,
 * nanoseconds] and the de-duplication of a reconnect: `since` is inclusive and whole seconds,
 * so lines of the boundary second come again; the ones already delivered are recognised by
 * (timestamp, text) and dropped, a line repeated with the same time counted as often as seen.
 */

const TS = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2}) /;

export interface DockerStamp {
  /** Nanoseconds since the epoch. */
  ns: bigint;
  /** Epoch ms. */
  ms: number;
  /** The line without its timestamp. */
  text: string;
}

/** Splits Docker's `timestamps` prefix off a line; null when the line has none. */
export function splitDockerTimestamp(line: string): DockerStamp | null {
  const m = TS.exec(line);
  if (!m) return null;
  const secMs = Date.parse(`${m[1]}${m[3]}`);
  if (!Number.isFinite(secMs)) return null;
  const frac = (m[2] ?? '').padEnd(9, '0');
  const ns = BigInt(secMs / 1000) * 1_000_000_000n + BigInt(frac);
  return { ns, ms: secMs + Math.floor(Number(frac) / 1e6), text: line.slice(m[0].length) };
}

export class DockerDedupe {
  private last: bigint | null = null;
  /** Texts delivered at `last`, with how many times. */
  private atLast = new Map<string, number>();
  /** What may come again after a reconnect: a copy of atLast, consumed as it repeats. */
  private replay = new Map<string, number>();
  private replaying = false;

  /** The `since` for a reconnect (whole seconds, inclusive), or undefined before any line. */
  since(): number | undefined {
    return this.last === null ? undefined : Number(this.last / 1_000_000_000n);
  }

  /** Call when the stream restarts with since(): repeats of the boundary are expected now. */
  reconnected(): void {
    this.replay = new Map(this.atLast);
    this.replaying = true;
  }

  /** Whether a line is new (true) or a repeat of one already delivered (false). */
  accept(ns: bigint, text: string): boolean {
    if (this.last !== null) {
      if (ns < this.last) return !this.replaying;
      if (ns === this.last) {
        const r = this.replay.get(text) ?? 0;
        if (this.replaying && r > 0) {
          this.replay.set(text, r - 1);
          return false;
        }
        this.atLast.set(text, (this.atLast.get(text) ?? 0) + 1);
        return true;
      }
    }
    this.last = ns;
    this.atLast = new Map([[text, 1]]);
    this.replay.clear();
    this.replaying = false;
    return true;
  }
}
