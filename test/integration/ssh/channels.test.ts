import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDroplet, type Droplet } from '../../fleet';
import { cmd, secret } from '../../../src-main/core/connectors/ssh';
import { WEAK_ALGORITHMS } from '../../../src-main/core/connectors/ssh/ssh-algorithms';
import { addHost, tempCore, trust } from './ssh-helpers';

let d: Droplet;
let t: Awaited<ReturnType<typeof tempCore>>;
let hostId: string;

beforeAll(async () => {
  d = await startDroplet({ name: 'ssh-channels' });
  t = await tempCore();
  hostId = addHost(t.core, t.envId, d, 'key').id;
  await trust(t.core, hostId, d);
});
afterAll(async () => {
  t?.done();
  await d?.stop();
});

describe('one connection, many channels', () => {
  it('negotiates no weak algorithm', async () => {
    await t.core.ssh.exec(hostId, cmd('true'));
    const n = t.core.ssh.negotiated(hostId) as { kex: string; serverHostKey: string; cs: { cipher: string; mac: string }; sc: { cipher: string; mac: string } };
    expect(n).toBeTruthy();
    expect(WEAK_ALGORITHMS.kex).not.toContain(n.kex);
    expect(WEAK_ALGORITHMS.serverHostKey).not.toContain(n.serverHostKey);
    for (const dir of [n.cs, n.sc]) {
      expect(WEAK_ALGORITHMS.cipher).not.toContain(dir.cipher);
      expect(WEAK_ALGORITHMS.hmac).not.toContain(dir.mac);
    }
  });

  it('100 parallel execs share one connection (8 channels at a time)', async () => {
    const before = (await t.core.ssh.exec(hostId, cmd('sh', '-c', 'echo $PPID'))).stdout;
    const rs = await Promise.all(Array.from({ length: 100 }, (_, i) => t.core.ssh.exec(hostId, cmd('echo', i))));
    expect(rs.map((r) => r.stdout.trim())).toEqual(Array.from({ length: 100 }, (_, i) => String(i)));
    // The same sshd session process (one TCP connection) serves them all.
    const sessions = (await t.core.ssh.exec(hostId, cmd('ps', '-u', d.user, '-o', 'args='))).stdout.split('\n').filter((l) => l.includes('@notty'));
    expect(sessions).toHaveLength(1);
    expect(before.trim()).toMatch(/^\d+$/);
  });

  it('streams long output and can be cancelled', async () => {
    const s = await t.core.ssh.execStream(hostId, cmd('seq', 1, 200000));
    let bytes = 0;
    s.stdout.on('data', (b: Buffer) => (bytes += b.length));
    expect(await s.done).toEqual({ code: 0, signal: null });
    expect(bytes).toBe(1288895);
    const ac = new AbortController();
    const follow = await t.core.ssh.execStream(hostId, cmd('sleep', 30), { signal: ac.signal });
    setTimeout(() => ac.abort(), 100);
    await expect(follow.done).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('opens an interactive shell for the terminal', async () => {
    const ch = await t.core.ssh.openShell(hostId, { cols: 100, rows: 30 });
    let out = '';
    ch.on('data', (b: Buffer) => (out += b.toString()));
    ch.write('echo "cols=$(tput cols 2>/dev/null || stty size)"; exit\n');
    await new Promise((r) => ch.on('close', r));
    expect(out).toMatch(/cols=(100|30 100)/);
  });

  it('forwards to a TCP port and to a Unix socket on the host', async () => {
    const tcp = await t.core.ssh.forwardTcp(hostId, d.host, d.port);
    const banner = await new Promise<string>((r) => tcp.once('data', (b: Buffer) => r(b.toString())));
    expect(banner).toMatch(/^SSH-2\.0-OpenSSH/);
    tcp.destroy();

    const dir = mkdtempSync(join(tmpdir(), 'opsdeck-sock-'));
    chmodSync(dir, 0o755);
    const path = join(dir, 'api.sock');
    const srv = net.createServer((s) => s.end('hello from the socket\n'));
    await new Promise<void>((r) => srv.listen(path, () => r()));
    chmodSync(path, 0o777);
    try {
      const ch = await t.core.ssh.forwardStreamLocal(hostId, path);
      const text = await new Promise<string>((r) => ch.once('data', (b: Buffer) => r(b.toString())));
      expect(text).toBe('hello from the socket\n');
    } finally {
      srv.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('audits a remote change with the redacted command', async () => {
    const r = await t.core.ssh.execAudited(hostId, 'test.change', cmd('env', secret('TOKEN=s3cr3t-value'), 'true'));
    expect(r.code).toBe(0);
    const entry = t.core.audit.list({ search: 'test.change' })[0]!;
    expect(entry.command).toBe("env '***' true");
    expect(JSON.stringify(t.core.audit.list({}))).not.toContain('s3cr3t-value');
  });
});
