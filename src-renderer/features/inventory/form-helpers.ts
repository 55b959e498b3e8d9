/**
 * A number field's text as the core should see it: empty → omitted, digits → a number, anything
 * else is sent as typed so the core's validation names the problem next to the field.
 */
export function parseNumberField(text: string): number | undefined {
  const v = text.trim();
  if (!v) return undefined;
  return (/^-?\d+$/.test(v) ? Number(v) : v) as unknown as number;
}

/** "a, b  c" → ["a", "b", "c"] */
export function splitList(text: string): string[] {
  return text
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
