/**
 * Strings that break naive shell quoting: metacharacters, substitutions, quotes of every kind,
 * newlines and control characters, leading dashes, globs, unicode. Deterministic (seeded) so a
 * failure is reproducible. Shared by the unit tests and the integration test that compares them
 * with the argv the server actually received.
 */
const BASE = [
  '', ' ', '  ', '\t', '\n', '\r\n', 'a b', ';', ';;', '&', '&&', '|', '||', '>', '>>', '<', '<<EOF', '2>&1',
  '$(id)', '$(touch /tmp/pwned)', '`id`', '`touch /tmp/pwned`', '${HOME}', '$HOME', '$0', '$$', '$?', '$@', '$*', '$#', '$((1+1))',
  "'", "''", '"', '""', "'\"'", "\"'\"", "it's", 'say "hi"', "\\'", '\\"', '\\', '\\\\', '\\n', "'; rm -rf / #", '"; rm -rf / #',
  '-', '--', '-n', '-e', '-rf', '--help', '-la /', '--version', '-', '-\n-', '=', '=cmd', '==',
  '*', '?', '[a-z]', '{a,b}', '~', '~root', '~/x', '!', '!!', '!$', '#', '# comment', '%', '^', 'a=b', 'FOO=bar cmd',
  'line1\nline2', 'a\nb\nc', '\n$(id)\n', 'x\u0000'.slice(0, 1), '\u0001\u0002\u0003', '\u001b[31mred\u001b[0m', '\u007f', '\b\f\v',
  'héllo', 'naïve café', '日本語', '中文 测试', 'العربية', 'עברית', '🙂', '👩‍👩‍👧‍👦', 'e\u0301', '\u200b', '\u202e reversed', '\u2028\u2029', '\ufeff', '\u00a0nbsp',
  'a'.repeat(1000), "'".repeat(100), '"'.repeat(100), '$(' .repeat(20), '\\'.repeat(64), ' '.repeat(50),
  'IFS=x', '$IFS', '${IFS}', 'a${IFS}b', '$(printf x)', "$'\\x41'", '$"x"', '<(id)', '>(id)', '{ id; }', '(id)', 'a;b|c&d', 'x`y`z$(w)',
  '/etc/passwd', '../../etc/passwd', './-rf', 'file name with spaces.txt', 'tab\tseparated', 'trailing space ', ' leading space',
  '\\$(id)', '\'$(id)\'', '"$(id)"', '\\`id\\`', '$\'\\n\'', 'a\'b"c`d$e\\f', 'end\\',
];

/** A small PRNG so the random part is the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  "'", '"', '`', '$', '(', ')', '{', '}', '[', ']', ';', '&', '|', '<', '>', '\\', '\n', '\r', '\t', ' ', '*', '?', '~', '!', '#', '%', '=', '-', '--',
  '$(', '${', 'a', 'Z', '0', 'é', 'ß', '日', '🙂', '\u200b', '\u0007', '\u001b', '\u007f', "'\\''", 'x',
];

export function hostileStrings(count = 520, seed = 20261123): string[] {
  const rnd = mulberry32(seed);
  const out = BASE.filter((s) => !s.includes('\0'));
  while (out.length < count) {
    const len = 1 + Math.floor(rnd() * 24);
    let s = '';
    for (let i = 0; i < len; i++) s += PIECES[Math.floor(rnd() * PIECES.length)]!;
    if (rnd() < 0.2) s = '-' + s;
    out.push(s);
  }
  return out;
}
