import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cmd, isRemoteCommand, pipeline, raw, remoteCommand, secret, shellQuote } from '../../../src-main/core/connectors/ssh/remote-command';
import { hostileStrings } from './hostile-strings';

/** What a real POSIX shell makes of a quoted word: run `printf '%s\0' WORD` in sh (dash) and bash. */
function roundTrip(shell: string, quoted: string[]): string[] {
  const out = execFileSync(shell, ['-c', `printf '%s\\0' ${quoted.join(' ')}`], { encoding: 'utf8' });
  const parts = out.split('\0');
  parts.pop();
  return parts;
}

describe('shellQuote', () => {
  it('leaves plain words bare and quotes everything else', () => {
    expect(shellQuote('abc')).toBe('abc');
    expect(shellQuote('/var/log/nginx/access.log')).toBe('/var/log/nginx/access.log');
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('$(id)')).toBe("'$(id)'");
    expect(shellQuote('~')).toBe("'~'");
    expect(shellQuote('=cmd')).toBe("'=cmd'");
    expect(shellQuote('-rf')).toBe('-rf'); // a word still; builders put `--` before user paths
  });

  it('refuses NUL, which no argv can carry', () => {
    expect(() => shellQuote('a\0b')).toThrow(/NUL/);
    expect(() => shellQuote('a\ud800b')).toThrow(/surrogate/);
    expect(shellQuote('\ud83d\ude42')).toBe("'\ud83d\ude42'");
  });

  it.each(['/bin/sh', '/bin/bash'])('%s reads back every hostile string exactly (520 strings)', (shell) => {
    const strings = hostileStrings(520);
    expect(strings.length).toBeGreaterThanOrEqual(500);
    for (let i = 0; i < strings.length; i += 100) {
      const part = strings.slice(i, i + 100);
      expect(roundTrip(shell, part.map(shellQuote))).toEqual(part);
    }
  });

  it('property: 2,000 random strings over all of the BMP and astral planes round-trip through sh', () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const strings: string[] = [];
    for (let i = 0; i < 2000; i++) {
      let s = '';
      const len = Math.floor(rnd() * 16);
      for (let j = 0; j < len; j++) {
        const r = rnd();
        const cp = r < 0.6 ? 1 + Math.floor(rnd() * 127) : r < 0.9 ? 128 + Math.floor(rnd() * 0xd000) : 0x1f300 + Math.floor(rnd() * 0x300);
        s += String.fromCodePoint(cp);
      }
      strings.push(s);
    }
    for (let i = 0; i < strings.length; i += 200) {
      const part = strings.slice(i, i + 200);
      expect(roundTrip('/bin/sh', part.map(shellQuote))).toEqual(part);
    }
  });
});

describe('remote command builders', () => {
  it('cmd quotes each argument as one word and checks the program name', () => {
    const c = cmd('ls', '-la', '--', 'my dir; rm -rf /');
    expect(c.line).toBe("ls -la -- 'my dir; rm -rf /'");
    expect(c.redacted).toBe(c.line);
    expect(isRemoteCommand(c)).toBe(true);
    expect(() => cmd('ls; id')).toThrow();
    expect(() => cmd('$(id)')).toThrow();
  });

  it('masks secret arguments in what the audit stores', () => {
    const c = cmd('env', secret("PGPASSWORD=hunter2'x"), 'pg_dump', '--', 'db');
    expect(c.line).toBe("env 'PGPASSWORD=hunter2'\\''x' pg_dump -- db");
    expect(c.redacted).toBe("env '***' pg_dump -- db");
    expect(c.redacted).not.toContain('hunter2');
  });

  it('templates quote every value; raw() allows only fixed operators', () => {
    const file = "/var/log/a b'c.log";
    const c = remoteCommand`tail -n ${200} -- ${file} ${raw('2>&1')}`;
    expect(c.line).toBe("tail -n 200 -- '/var/log/a b'\\''c.log' 2>&1");
    expect(roundTrip('/bin/sh', [shellQuote(file)])).toEqual([file]);
    expect(() => raw('; rm -rf /' as '|')).toThrow(/Not a shell operator/);
    expect(() => remoteCommand`echo ${Number.NaN}`).toThrow();
  });

  it('pipelines join built commands only', () => {
    const p = pipeline('|', cmd('cat', '--', 'a b'), cmd('sha256sum'));
    expect(p.line).toBe("cat -- 'a b' | sha256sum");
    const nested = remoteCommand`sh -c ${'exit 0'} ${raw('&&')} ${p}`;
    expect(nested.line).toBe("sh -c 'exit 0' && cat -- 'a b' | sha256sum");
  });

  it('a plain object is not a RemoteCommand', () => {
    expect(isRemoteCommand({ line: 'id', redacted: 'id' })).toBe(false);
  });
});
