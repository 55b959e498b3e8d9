/**
 * THE redaction function: every exporter (audit, logs, job logs, snapshots, error messages)
 * passes text through `redactSecrets` before it leaves the vault's protection. It is a
 * defensive net, not the primary control — secrets should never reach this text at all — so
 * it prefers hiding a little too much over leaking.
 */

export const MASK = '***';

/** Names whose value is a secret: password, PGPASSWORD, api_key, client-secret, X-Auth-Token… */
const SECRET_NAME =
  '[A-Za-z0-9_.-]*(?:passw(?:or)?d|passphrase|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|_auth)[A-Za-z0-9_.-]*';

/** Values that describe a secret without being one (audit details say "password: set"). */
const DESCRIPTIVE = /^(?:set|unset|changed|deleted|removed|kept|cleared|none|null|true|false|\*{3,}|\[redacted\])$/i;

const RULES: [RegExp, string | ((...m: string[]) => string)][] = [
  // PEM private keys, whole block; an unterminated one to the end of the text.
  [/-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\s\S]*?(?:-----END \1PRIVATE KEY-----|$)/g, (_m, kind) => `-----BEGIN ${kind}PRIVATE KEY----- ${MASK} -----END ${kind}PRIVATE KEY-----`],
  // scheme://user:password@host → scheme://user:***@host (postgres, redis, mongodb, https…).
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:@/]*):([^\s@/]+)@/gi, (_m, head) => `${head}:${MASK}@`],
  // Authorization headers and bare bearer tokens.
  [/\b(Authorization\s*[:=]\s*)(?:(Bearer|Basic|Token|Digest)\s+)?[^\s,;"']+/gi, (_m, head, scheme) => `${head}${scheme ? scheme + ' ' : ''}${MASK}`],
  [/\b(Bearer)\s+[A-Za-z0-9\-._~+/]+=*/g, (_m, word) => `${word} ${MASK}`],
  // JSON: "password": "value"
  [new RegExp(`("${SECRET_NAME}"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi'), (m, head) => (isDescriptive(m.slice(head.length)) ? m : `${head}"${MASK}"`)],
  // --password value, --token value (CLI flags with a separate value)
  [new RegExp(`(--${SECRET_NAME}\\s+)(?!-)("[^"]*"|'[^']*'|\\S+)`, 'gi'), (m, head, value) => (isDescriptive(value) ? m : `${head}${MASK}`)],
  // password=value, PGPASSWORD=value, password: value, token='value'
  [new RegExp(`\\b(${SECRET_NAME})(\\s*[=:]\\s*)("[^"]*"|'[^']*'|[^\\s&,;"']+)`, 'gi'), (m, name, sep, value) => (isDescriptive(value) ? m : `${name}${sep}${MASK}`)],
];

function isDescriptive(value: string): boolean {
  const bare = value.replace(/^["']|["']$/g, '');
  // Already masked by an earlier rule (e.g. https://token:***@host): leave the rest readable.
  return DESCRIPTIVE.test(bare) || bare.startsWith(MASK);
}

/** Returns `text` with anything that looks like a secret replaced by `***`. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const [re, replacement] of RULES) {
    out = out.replace(re, replacement as (...m: string[]) => string);
  }
  return out;
}

/** Same, for nullable fields. */
export function redactNullable(text: string | null | undefined): string | null {
  return text == null ? null : redactSecrets(text);
}
