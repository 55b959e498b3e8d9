import { isSecret } from '../shared';

/**
 * Whether an environment variable holds a secret: the shared rule (secret-looking names, URLs with
 * a password, PEM keys) plus the token shapes an example file sometimes ships under a harmless
 * name (GitHub, Stripe, Slack, AWS, JWT, long random strings).
 */

const TOKEN_SHAPE = /^(gh[pousr]_[A-Za-z0-9]{20,}|sk_(live|test)_[A-Za-z0-9]{10,}|xox[abpr]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16}|eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/;

export function tokenShaped(value: string): boolean {
  const v = value.trim();
  if (TOKEN_SHAPE.test(v)) return true;
  if (/^[A-Fa-f0-9]{32,}$/.test(v)) return true;
  return v.length >= 32 && /^[A-Za-z0-9+/=_-]+$/.test(v) && /[A-Z]/.test(v) && /[a-z]/.test(v) && /\d/.test(v);
}

export function looksSecret(name: string, value: string | null | undefined): boolean {
  return isSecret(name, value) || (typeof value === 'string' && value !== '' && tokenShaped(value));
}
