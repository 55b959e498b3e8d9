import { describe, expect, it } from 'vitest';
import { LOG_LINE_MAX_CHARS } from '../../../../../src-main/contract';
import { LINE_MAX_BYTES, LineSplitter } from '../../../../../src-main/core/logs/follow/line-splitter';

const texts = (s: LineSplitter, ...chunks: (string | Buffer)[]) => chunks.flatMap((c) => s.push(typeof c === 'string' ? Buffer.from(c) : c)).map((l) => l.text);

describe('LineSplitter', () => {
  it('splits on LF, drops the CR of CRLF, keeps a lone CR, carries a partial line', () => {
    const s = new LineSplitter();
    expect(texts(s, 'a\r\nb', '\r', '\nc\rd\n', 'tail')).toEqual(['a', 'b', 'c\rd']);
    expect(s.pendingBytes).toBe(4);
    expect(s.flush()).toEqual({ text: 'tail', truncatedBytes: 0 });
    expect(s.flush()).toBeNull();
  });

  it('keeps a multi-byte character whole when a chunk cuts it in the middle', () => {
    const s = new LineSplitter();
    const bytes = Buffer.from('año € 😀\n');
    const out: string[] = [];
    for (let i = 0; i < bytes.length; i++) out.push(...texts(s, bytes.subarray(i, i + 1)));
    expect(out).toEqual(['año € 😀']);
  });

  it('replaces invalid UTF-8 with U+FFFD instead of failing', () => {
    const s = new LineSplitter();
    expect(texts(s, Buffer.from([0x61, 0xff, 0x62, 0xc3, 0x0a]))).toEqual(['a\uFFFDb\uFFFD']);
  });

  it('caps a huge line at LOG_LINE_MAX_CHARS and counts the rest in truncatedBytes, keeping memory bounded', () => {
    const s = new LineSplitter();
    const mb = Buffer.alloc(1024 * 1024, 0x78);
    for (let i = 0; i < 4; i++) s.push(mb); // a 4 MiB line arriving in pieces
    expect(s.pendingBytes).toBe(4 * 1024 * 1024);
    const [line] = s.push(Buffer.from('\nnext\n'));
    expect(line!.text.length).toBe(LOG_LINE_MAX_CHARS);
    expect(line!.truncatedBytes).toBe(4 * 1024 * 1024 - LOG_LINE_MAX_CHARS);
    // Only LINE_MAX_BYTES were ever kept of that line.
    expect(LINE_MAX_BYTES).toBe(LOG_LINE_MAX_CHARS * 4);
  });

  it('counts the bytes of multi-byte characters past the cap', () => {
    const s = new LineSplitter();
    const line = '€'.repeat(LOG_LINE_MAX_CHARS + 10); // 3 bytes each
    const [l] = s.push(Buffer.from(`${line}\n`));
    expect(l!.text).toBe('€'.repeat(LOG_LINE_MAX_CHARS));
    expect(l!.truncatedBytes).toBe(30);
  });

  it('does not split a surrogate pair at the cap', () => {
    const s = new LineSplitter();
    const line = `${'a'.repeat(LOG_LINE_MAX_CHARS - 1)}😀b`;
    const [l] = s.push(Buffer.from(`${line}\n`));
    expect(l!.text).toBe('a'.repeat(LOG_LINE_MAX_CHARS - 1));
    expect(l!.truncatedBytes).toBe(5);
  });
});
