import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export const KEY_BYTES = 32;
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;

export interface Sealed {
  nonce: Buffer;
  /** The GCM output followed by its 16-byte authentication tag. */
  ciphertext: Buffer;
}

/** AES-256-GCM with a fresh random nonce on every call; `aad` binds the ciphertext to its place. */
export function seal(key: Buffer, plaintext: Buffer, aad: Buffer): Sealed {
  if (key.length !== KEY_BYTES) throw new Error('AES-256-GCM needs a 32-byte key');
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { nonce, ciphertext: Buffer.concat([body, cipher.getAuthTag()]) };
}

/** Throws when the key, nonce, AAD or any byte of the ciphertext is not what was sealed. */
export function open(key: Buffer, sealed: Sealed, aad: Buffer): Buffer {
  if (key.length !== KEY_BYTES) throw new Error('AES-256-GCM needs a 32-byte key');
  if (sealed.nonce.length !== NONCE_BYTES || sealed.ciphertext.length < TAG_BYTES) {
    throw new Error('sealed value is malformed');
  }
  const body = sealed.ciphertext.subarray(0, sealed.ciphertext.length - TAG_BYTES);
  const tag = sealed.ciphertext.subarray(sealed.ciphertext.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]);
}

/** nonce || ciphertext || tag in one buffer, for the wrapped data key. */
export function sealToBlob(key: Buffer, plaintext: Buffer, aad: Buffer): Buffer {
  const s = seal(key, plaintext, aad);
  return Buffer.concat([s.nonce, s.ciphertext]);
}

export function openBlob(key: Buffer, blob: Buffer, aad: Buffer): Buffer {
  return open(key, { nonce: blob.subarray(0, NONCE_BYTES), ciphertext: blob.subarray(NONCE_BYTES) }, aad);
}
