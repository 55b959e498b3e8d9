import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDroplet, type Droplet } from '../../fleet';
import { cmd, remoteCommand } from '../../../src-main/core/connectors/ssh';
import { hostileStrings } from '../../unit/ssh/hostile-strings';
import { addHost, tempCore, trust } from './ssh-helpers';

/**
 * Every hostile string is passed as one argument and compared byte for byte with what the
 * server's program actually received in its argv (printf '%s\0' and a /proc argv dump).
 */
let d: Droplet;
let t: Awaited<ReturnType<typeof tempCore>>;
let hostId: string;

beforeAll(async () => {
  d = await startDroplet({ name: 'ssh-hostile' });
  t = await tempCore();
  hostId = addHost(t.core, t.envId, d, 'key').id;
  await trust(t.core, hostId, d);
});
afterAll(async () => {
  t?.done();
  await d?.stop();
});

const strings = hostileStrings(520);

describe('hostile strings against the argv the server ran', () => {
  it(`${strings.length} strings, one exec each, through printf '%s\\0' (8 channels at a time)`, async () => {
    expect(strings.length).toBeGreaterThanOrEqual(500);
    const results = await Promise.all(
      strings.map(async (s) => {
        const r = await t.core.ssh.exec(hostId, cmd('printf', '%s\\0', s), { timeoutMs: 20_000 });
        return { s, code: r.code, got: r.stdoutBytes };
      }),
    );
    let equal = 0;
    for (const { s, code, got } of results) {
      expect(code, JSON.stringify(s)).toBe(0);
      expect(got.equals(Buffer.from(s + '\0', 'utf8')), JSON.stringify(s)).toBe(true);
      equal++;
    }
    expect(equal).toBe(strings.length);
  });

  it('all strings as the argv of an argv-dumping sh script, 60 per process; and through the template builder', async () => {
    // The template builder: the kernel's own record of the argv (/proc/<pid>/cmdline).
    const r = await t.core.ssh.exec(hostId, remoteCommand`sh -c ${'cat /proc/$$/cmdline'} argv-dump ${strings[0]!} ${strings[1]!} ${strings[2]!}`);
    expect(r.code).toBe(0);
    expect(r.stdoutBytes.toString('utf8').split('\0').slice(0, 6)).toEqual(['sh', '-c', 'cat /proc/$$/cmdline', 'argv-dump', strings[0], strings[1]]);
    const batch = 60;
    let equal = 0;
    for (let i = 0; i < strings.length; i += batch) {
      const part = strings.slice(i, i + batch);
      const res = await t.core.ssh.exec(hostId, cmd('sh', '-c', 'for a in "$@"; do printf "%s\\0" "$a"; done', 'argv-dump', ...part), { timeoutMs: 20_000 });
      expect(res.code).toBe(0);
      const fields = res.stdoutBytes.toString('utf8').split('\0');
      fields.pop();
      expect(fields).toEqual(part);
      equal += part.length;
    }
    expect(equal).toBe(strings.length);
    // Nothing any string tried to run did run.
    const pwned = await t.core.ssh.exec(hostId, cmd('ls', '-a', '/tmp'));
    expect(pwned.stdout).not.toMatch(/^pwned$/m);
  });
});
