/**
 * How a log line is shown: always as text. Characters that would act instead of showing —
 * C0/C1 controls (ESC of ANSI colours, NUL, BEL, backspace…), DEL and the bidirectional
 * overrides/isolates that can reorder what the eye reads — become visible stand-ins in
 * `cat -v` caret notation (ESC → ^[, NUL → ^@, DEL → ^?) or as a code point (⟨U+202E⟩),
 * each tied to its position in the original text so search highlights stay exact. (Caret
 * notation rather than the Control Pictures block ␛ ␀: many monospace fonts lack those
 * glyphs and would show empty boxes.) Nothing here produces HTML.
 */

/** One piece of a line: plain text, or a stand-in for one special character. */
export interface Piece {
  text: string;
  /** Index range [from, to) in the original line. */
  from: number;
  to: number;
  special: boolean;
  /** Search highlight (and whether it is the current match's line). */
  mark?: boolean;
}

/** Characters shown at most in a row before "… N more characters". */
export const ROW_CHARS = 2000;

// Control characters are exactly what this must find. C0 controls except tab, DEL, C1 controls, bidi marks / embeddings / overrides / isolates.
// eslint-disable-next-line no-control-regex
const SPECIAL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The visible stand-in for one special character. */
export function standIn(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c < 0x20) return `^${String.fromCharCode(0x40 + c)}`; // ^@ … ^_ (ESC → ^[)
  if (c === 0x7f) return '^?';
  return `⟨U+${c.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

/** Whether a line holds anything that needs a stand-in. */
export function hasSpecial(text: string): boolean {
  SPECIAL.lastIndex = 0;
  return SPECIAL.test(text);
}

/** The line as pieces of plain text and stand-ins, up to `max` characters of the original. */
export function toPieces(text: string, max = text.length): Piece[] {
  const end = Math.min(text.length, max);
  const out: Piece[] = [];
  let last = 0;
  SPECIAL.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SPECIAL.exec(text)) !== null && m.index < end) {
    if (m.index > last) out.push({ text: text.slice(last, m.index), from: last, to: m.index, special: false });
    out.push({ text: standIn(m[0]), from: m.index, to: m.index + 1, special: true });
    last = m.index + 1;
  }
  if (last < end) out.push({ text: text.slice(last, end), from: last, to: end, special: false });
  return out;
}

/** Splits pieces where search ranges (in original indices) begin and end; marked parts get `mark`. */
export function markPieces(pieces: Piece[], ranges: ReadonlyArray<readonly [number, number]>): Piece[] {
  if (!ranges.length) return pieces;
  const out: Piece[] = [];
  let r = 0;
  for (const p of pieces) {
    if (p.special) {
      while (r < ranges.length && ranges[r]![1] <= p.from) r++;
      const rg = ranges[r];
      out.push(rg && rg[0] < p.to && rg[1] > p.from ? { ...p, mark: true } : p);
      continue;
    }
    let pos = p.from;
    while (pos < p.to) {
      while (r < ranges.length && ranges[r]![1] <= pos) r++;
      const rg = ranges[r];
      if (!rg || rg[0] >= p.to) {
        out.push({ text: p.text.slice(pos - p.from), from: pos, to: p.to, special: false });
        break;
      }
      if (rg[0] > pos) {
        out.push({ text: p.text.slice(pos - p.from, rg[0] - p.from), from: pos, to: rg[0], special: false });
        pos = rg[0];
      }
      const end = Math.min(rg[1], p.to);
      out.push({ text: p.text.slice(pos - p.from, end - p.from), from: pos, to: end, special: false, mark: true });
      pos = end;
    }
  }
  return out;
}

/** The line with its stand-ins, as one string (copying what is seen, e.g. the detail panel's title). */
export function visibleText(text: string): string {
  SPECIAL.lastIndex = 0;
  return text.replace(SPECIAL, standIn);
}
