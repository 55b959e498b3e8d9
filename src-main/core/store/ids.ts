import { randomBytes } from 'node:crypto';

/**
 * Opaque ids as the contract wants them (`prefix_random`): a lowercase prefix that says what
 * the id names, then 96 random bits in hex (no '-' or '_' so the contract's pattern holds).
 */
export function newId(prefix: string): string {
  if (!/^[a-z]+$/.test(prefix)) throw new Error(`id prefix must be lowercase letters: ${prefix}`);
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}

/** Now as ISO 8601 with milliseconds, the one timestamp format stored and sent. */
export function nowIso(): string {
  return new Date().toISOString();
}
