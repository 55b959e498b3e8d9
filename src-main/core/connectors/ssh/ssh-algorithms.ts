import type { Algorithms } from 'ssh2';

/**
 * ssh2's defaults minus what is weak: SHA-1 signatures on RSA host keys (ssh-rsa; RSA keys still
 * work through rsa-sha2-256/512), SHA-1 key exchanges and MACs, MD5, CBC ciphers, DSA keys.
 * Removing from the defaults (rather than listing) keeps what this build of ssh2 supports.
 */
const without = (names: string[]) => ({ append: [], prepend: [], remove: names });

/** Weak names we refuse; exported so a test can check none is ever negotiated. */
export const WEAK_ALGORITHMS = {
  kex: ['diffie-hellman-group1-sha1', 'diffie-hellman-group14-sha1', 'diffie-hellman-group-exchange-sha1'],
  serverHostKey: ['ssh-rsa', 'ssh-dss'],
  cipher: ['aes128-cbc', 'aes192-cbc', 'aes256-cbc', '3des-cbc', 'blowfish-cbc', 'cast128-cbc', 'arcfour', 'arcfour128', 'arcfour256'],
  hmac: ['hmac-sha1', 'hmac-sha1-etm@openssh.com', 'hmac-sha1-96', 'hmac-md5', 'hmac-md5-96', 'hmac-ripemd160'],
};

// The typings want every name to be a known literal; ssh2 ignores names it does not offer.
export const SSH_ALGORITHMS = {
  kex: without(WEAK_ALGORITHMS.kex),
  serverHostKey: without(WEAK_ALGORITHMS.serverHostKey),
  cipher: without(WEAK_ALGORITHMS.cipher),
  hmac: without(WEAK_ALGORITHMS.hmac),
} as unknown as Algorithms;


export const KEEPALIVE_INTERVAL_MS = 15_000;
export const KEEPALIVE_COUNT_MAX = 3;
export const READY_TIMEOUT_MS = 10_000;
