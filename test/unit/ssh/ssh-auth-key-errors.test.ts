import { describe, expect, it } from 'vitest';
import { resolveAuth, type SshHostRecord } from '../../../src-main/core/connectors/ssh/ssh-auth';
import { AppError } from '../../../src-main/contract/errors';

const host: SshHostRecord = { id: 'hst_a', name: 'web-1', address: '203.0.113.5', port: 22, username: 'deploy', authMethod: 'key', credentialId: null, jumpHostId: null };

function errorFor(keyText: string): AppError {
  const secrets = { reveal: (ref: { field: string }) => (ref.field === 'privateKey' ? keyText : null) } as never;
  try {
    resolveAuth(host, { inventory: { host: () => host, credential: () => undefined }, secrets }, { hostName: 'web-1', address: '203.0.113.5', port: 22 } as never);
  } catch (e) {
    return e as AppError;
  }
  throw new Error('resolveAuth accepted a broken key');
}

describe('a private key that cannot be read', () => {
  it('says so without quoting any byte of the pasted key', () => {
    const body = Buffer.from('SECRETKEYMATERIAL-0123456789-abcdefghijklmnop').toString('base64');
    const text = `-----BEGIN OPENSSH PRIVATE KEY-----\n${body}\n-----END OPENSSH PRIVATE KEY-----\n`;
    const err = errorFor(text);
    expect(err.code).toBe('SSH_AUTH_FAILED');
    expect(err.message).toMatch(/could not be read/);
    const shown = `${err.message} ${err.hint} ${JSON.stringify(err.details ?? null)}`;
    for (const piece of ['SECRETKEY', 'MATERIAL', '0123456789', body.slice(0, 12)]) expect(shown).not.toContain(piece);
  });

  it('a text that is no key at all gets the same kind of message', () => {
    const err = errorFor('hunter2-not-a-key');
    expect(err.message).toBe('The private key stored for web-1 could not be read (not a private key in OpenSSH, PEM or PPK format).');
    expect(err.message).not.toContain('hunter2');
  });
});
