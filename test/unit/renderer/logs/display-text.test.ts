import { describe, expect, it } from 'vitest';
import { markPieces, standIn, toPieces, visibleText } from '../../../../src-renderer/features/logs/display-text';

const joined = (text: string) => toPieces(text).map((p) => p.text).join('');

describe('log lines as visible text', () => {
  it('shows ANSI colour codes, NUL, BEL and DEL in caret notation, keeping HTML as literal text', () => {
    expect(joined('\u001b[31mred\u001b[0m')).toBe('^[[31mred^[[0m');
    expect(joined('a\u0000b\u0007c\u007f')).toBe('a^@b^Gc^?');
    expect(joined('<img src=x onerror=window.__pwned=1>')).toBe('<img src=x onerror=window.__pwned=1>');
    expect(joined('tab\tkept')).toBe('tab\tkept');
  });

  it('neutralises bidi overrides and C1 controls with their code point', () => {
    expect(joined('user\u202Egnp.exe')).toBe('user⟨U+202E⟩gnp.exe');
    expect(standIn('\u2066')).toBe('⟨U+2066⟩');
    expect(standIn('\u009b')).toBe('⟨U+009B⟩');
    expect(visibleText('\r\n')).toBe('^M^J');
  });

  it('ties every piece to its range in the original line and cuts at the limit', () => {
    const pieces = toPieces('ab\u001bcd', 4);
    expect(pieces.map((p) => [p.text, p.from, p.to, p.special])).toEqual([
      ['ab', 0, 2, false],
      ['^[', 2, 3, true],
      ['c', 3, 4, false],
    ]);
  });

  it('marks search ranges across plain text and stand-ins', () => {
    const marked = markPieces(toPieces('x\u001b[31my'), [[1, 4]]);
    expect(marked.map((p) => [p.text, !!p.mark])).toEqual([
      ['x', false],
      ['^[', true],
      ['[3', true],
      ['1my', false],
    ]);
    const two = markPieces(toPieces('GET /api/fail 500 /api/fail'), [[4, 13], [18, 27]]);
    expect(two.filter((p) => p.mark).map((p) => p.text)).toEqual(['/api/fail', '/api/fail']);
  });
});
