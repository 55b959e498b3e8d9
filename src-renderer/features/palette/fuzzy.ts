/**
 * Subsequence match: every query character must appear in order. Score favours matches at word
 * starts and runs of consecutive characters; null means no match.
 */
export function fuzzyScore(query: string, text: string): number | null {
  const q = query.toLowerCase().replace(/\s+/g, '');
  if (!q) return 0;
  const s = text.toLowerCase();
  let score = 0;
  let qi = 0;
  let prev = -2;
  for (let i = 0; i < s.length && qi < q.length; i++) {
    if (s[i] !== q[qi]) continue;
    const wordStart = i === 0 || /[\s/\-_.:·—(]/.test(s[i - 1]);
    score += 1 + (wordStart ? 3 : 0) + (i === prev + 1 ? 2 : 0);
    prev = i;
    qi++;
  }
  if (qi < q.length) return null;
  return score - s.length * 0.01;
}

/** Matches on the primary text rank above matches that need the secondary text too. */
export function fuzzyFilter<T>(items: T[], query: string, primary: (t: T) => string, secondary?: (t: T) => string): T[] {
  if (!query.trim()) return items;
  const score = (item: T): number | null => {
    const a = fuzzyScore(query, primary(item));
    if (a !== null) return a + 100;
    return secondary ? fuzzyScore(query, secondary(item)) : null;
  };
  return items
    .map((item, i) => ({ item, i, score: score(item) }))
    .filter((x): x is { item: T; i: number; score: number } => x.score !== null)
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map((x) => x.item);
}
