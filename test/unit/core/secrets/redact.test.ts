import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../../../src-main/core/secrets/redact';

describe('redactSecrets', () => {
  it.each([
    ['password=hunter2 other', 'password=*** other'],
    ['PGPASSWORD=hunter2 psql -h db', 'PGPASSWORD=*** psql -h db'],
    ['mysql --password=hunter2 -u root', 'mysql --password=*** -u root'],
    ['docker login --password hunter2 -u me', 'docker login --password *** -u me'],
    ['api_key: abc123', 'api_key: ***'],
    ["client_secret='abc 123'", 'client_secret=***'],
    ['REDISCLI_AUTH=s3cr3t redis-cli', 'REDISCLI_AUTH=*** redis-cli'],
    ['{"password":"hunter2","user":"bob"}', '{"password":"***","user":"bob"}'],
    ['{"apiToken": "x\\"y"}', '{"apiToken": "***"}'],
    ['postgres://user:pa55@db:5432/app', 'postgres://user:***@db:5432/app'],
    ['redis://:pa55@cache:6379', 'redis://:***@cache:6379'],
    ['mongodb+srv://u:p%40ss@cluster/x', 'mongodb+srv://u:***@cluster/x'],
    ['curl -H "Authorization: Bearer eyJhbGciOi.J9.abc-_" x', 'curl -H "Authorization: Bearer ***" x'],
    ['Authorization: Basic dXNlcjpwYXNz', 'Authorization: Basic ***'],
    ['token is Bearer abc.def.ghi', 'token is Bearer ***'],
    ['X-Auth-Token: abcdef', 'X-Auth-Token: ***'],
  ])('%s', (input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
  });

  it('removes private key blocks, terminated or not', () => {
    const pem = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\nAAAA\n-----END OPENSSH PRIVATE KEY-----';
    const out = redactSecrets(`key:\n${pem}\ndone`);
    expect(out).not.toContain('b3BlbnNzaC1rZXktdjEAAAAA');
    expect(out).toContain('-----BEGIN OPENSSH PRIVATE KEY----- *** -----END OPENSSH PRIVATE KEY-----');
    expect(out.endsWith('done')).toBe(true);
    expect(redactSecrets('-----BEGIN RSA PRIVATE KEY-----\nMIIEow')).not.toContain('MIIEow');
  });

  it('keeps descriptions of secrets and ordinary text readable', () => {
    for (const keep of [
      'password: set',
      'privateKey: deleted, passphrase: kept',
      'fields: name, port, password',
      'authMethod: password',
      'ssh deploy@10.0.0.5 -p 22 "systemctl restart app"',
      'https://example.com/path?q=1',
      'git@github.com:org/repo.git',
    ]) {
      expect(redactSecrets(keep)).toBe(keep);
    }
  });

  it('is idempotent', () => {
    const once = redactSecrets('password=abc postgres://u:p@h https://token:x@gh.com');
    expect(redactSecrets(once)).toBe(once);
    expect(once).toBe('password=*** postgres://u:***@h https://token:***@gh.com');
  });
});
