/**
 * Paths and other keys are kept as latin1 strings of the line's raw bytes (one char per byte:
 * fast to make, exact to compare); they become UTF-8 text only when shown.
 */

const HEX = (c: number): number => (c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1);

/** Percent-decodes a byte key (`/a%20b` → `/a b`), as GoAccess shows paths; bad escapes stay. */
export function decodePathKey(key: string): string {
  let out = '';
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c === 0x25 && i + 2 < key.length) {
      const a = HEX(key.charCodeAt(i + 1));
      const b = HEX(key.charCodeAt(i + 2));
      if (a >= 0 && b >= 0) {
        out += String.fromCharCode(a * 16 + b);
        i += 2;
        continue;
      }
    }
    out += key[i];
  }
  return out;
}

/** A byte key as text (invalid UTF-8 becomes U+FFFD). */
export function displayBytes(key: string): string {
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) > 0x7f) return Buffer.from(key, 'latin1').toString('utf8');
  return key;
}
