import { randomBytes } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** The id prefixes of the inventory, so an id alone says what it names. */
export type InventoryIdPrefix = 'prj' | 'env' | 'hst' | 'svc' | 'lnk' | 'crd';

/**
 * `prefix_` + 16 base62 characters (~95 bits), matching the contract's Id pattern. Bytes at or
 * above 248 are dropped (rejection sampling) so every character is equally likely.
 */
export function newInventoryId(prefix: InventoryIdPrefix): string {
  let out = '';
  while (out.length < 16) {
    for (const b of randomBytes(24)) {
      if (b >= 248) continue;
      out += BASE62[b % 62];
      if (out.length === 16) break;
    }
  }
  return `${prefix}_${out}`;
}

/** The one timestamp format stored and sent: ISO 8601 with milliseconds, UTC. */
export function nowIso(): string {
  return new Date().toISOString();
}
