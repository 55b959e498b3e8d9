import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDroplet, type Droplet } from '../../fleet';
import { cmd } from '../../../src-main/core/connectors/ssh';
import { HostKeyStore } from '../../../src-main/core/connectors/ssh/host-key-store';
import { SshManager } from '../../../src-main/core/connectors/ssh/ssh-manager';
import { createCredentialRepository } from '../../../src-main/core/inventory/credential-repository';
import { createHostRepository } from '../../../src-main/core/inventory/host-repository';
import { addHost, expectCode, tempCore, trust } from './ssh-helpers';

let d: Droplet;
let t: Awaited<ReturnType<typeof tempCore>>;
let hostId: string;
const local = mkdtempSync(join(tmpdir(), 'opsdeck-sftp-'));
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  d = await startDroplet({ name: 'ssh-sftp' });
  t = await tempCore();
  hostId = addHost(t.core, t.envId, d, 'key').id;
  await trust(t.core, hostId, d);
});
afterAll(async () => {
  t?.done();
  rmSync(local, { recursive: true, force: true });
  await d?.stop();
});

function manager(readyTimeoutMs: number): SshManager {
  const hosts = createHostRepository(t.core.db);
  const creds = createCredentialRepository(t.core.db);
  return new SshManager({ keys: new HostKeyStore(t.core.db), inventory: { host: (id) => hosts.get(id), credential: (id) => creds.get(id) }, secrets: t.core.vault, audit: t.core.audit, readyTimeoutMs });
}

describe('SFTP', () => {
  it('uploads and downloads 6 MB with progress; sha256 equal on both ends', async () => {
    const data = randomBytes(6 * 1024 * 1024);
    const src = join(local, 'src.bin');
    writeFileSync(src, data);
    const remote = join(d.home, 'up.bin');
    const seen: number[] = [];
    const up = await t.core.ssh.sftp(hostId, (s) => s.upload(src, remote, (done) => seen.push(done)));
    expect(up).toEqual({ bytes: data.length, sha256: sha(data), verified: true });
    expect(seen.at(-1)).toBe(data.length);
    expect(seen.length).toBeGreaterThan(3);
    expect(sha(readFileSync(remote))).toBe(sha(data)); // the server's file itself

    const dst = join(local, 'down.bin');
    let last = 0;
    const down = await t.core.ssh.sftp(hostId, (s) => s.download(remote, dst, (done, total) => {
      expect(total).toBe(data.length);
      last = done;
    }));
    expect(down).toEqual({ bytes: data.length, sha256: sha(data), verified: true });
    expect(last).toBe(data.length);
    expect(sha(readFileSync(dst))).toBe(sha(data));

    const list = await t.core.ssh.sftp(hostId, (s) => s.list(d.home));
    expect(list.path).toBe(d.home);
    expect(list.entries.find((e) => e.name === 'up.bin')).toMatchObject({ type: 'file', size: data.length });
    await expectCode(t.core.ssh.sftp(hostId, (s) => s.list(join(d.home, 'nope'))), 'NOT_FOUND');
  });

  it('runs transfers as jobs through the calls, with the result on the job', async () => {
    const { createSshHandlers } = await import('../../../src-main/ipc/handlers/ssh');
    const h = createSshHandlers(t.core);
    const ctx = { connectionId: 'x', send: () => {} };
    const src = join(local, 'job.bin');
    writeFileSync(src, randomBytes(300_000));
    const job = await h['sftp.upload']({ hostId, localPath: src, remotePath: join(d.home, 'job.bin') }, ctx);
    let done = t.core.jobs.get(job.id);
    for (let i = 0; i < 100 && (done.status === 'queued' || done.status === 'running'); i++) {
      await new Promise((r) => setTimeout(r, 50));
      done = t.core.jobs.get(job.id);
    }
    expect(done.status).toBe('succeeded');
    expect(done.result).toMatchObject({ bytes: 300_000, verified: true });
    expect(t.core.audit.list({ search: 'sftp.upload' }).length).toBeGreaterThan(0);
  });
});

describe('errors: each failure has its own code', () => {
  it('unreachable port → SSH_UNREACHABLE', async () => {
    const srv = net.createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    const port = (srv.address() as net.AddressInfo).port;
    await new Promise<void>((r) => srv.close(() => r()));
    const h = addHost(t.core, t.envId, { ...d, host: '127.0.0.1', port }, 'key');
    const e = await expectCode(t.core.ssh.exec(h.id, cmd('true')), 'SSH_UNREACHABLE');
    expect(e.message).toBe(`Cannot reach ${h.name} (127.0.0.1:${port}): connection refused.`);
    expect(e.hint).toBe('Check the address and port, and that sshd runs and the firewall allows you.');
  });

  it('a port that never speaks SSH → SSH_TIMEOUT after readyTimeout', async () => {
    const sockets: net.Socket[] = [];
    const srv = net.createServer((s) => sockets.push(s));
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    const port = (srv.address() as net.AddressInfo).port;
    const h = addHost(t.core, t.envId, { ...d, host: '127.0.0.1', port }, 'key');
    const ssh = manager(1500);
    try {
      const started = Date.now();
      const e = await expectCode(ssh.exec(h.id, cmd('true')), 'SSH_TIMEOUT');
      expect(Date.now() - started).toBeLessThan(5000);
      expect(e.message).toContain('did not complete the SSH handshake within 1.5 s');
    } finally {
      ssh.close();
      sockets.forEach((s) => s.destroy());
      srv.close();
    }
  });

  it('a command past its timeout → SSH_TIMEOUT, and the connection stays usable', async () => {
    const e = await expectCode(t.core.ssh.exec(hostId, cmd('sleep', '10'), { timeoutMs: 500 }), 'SSH_TIMEOUT');
    expect(e.message).toContain('sleep 10');
    expect((await t.core.ssh.exec(hostId, cmd('echo', 'ok'))).stdout).toBe('ok\n');
    // The remote process was killed too (a KILL signal request), not left running.
    await new Promise((r) => setTimeout(r, 300));
    expect((await t.core.ssh.exec(hostId, cmd('ps', '-u', d.user, '-o', 'args='))).stdout).not.toMatch(/^sleep 10$/m);
  });

  it('output past the cap → OUTPUT_TOO_LARGE', async () => {
    await expectCode(t.core.ssh.exec(hostId, cmd('head', '-c', 3_000_000, '/dev/zero'), { maxOutputBytes: 1_000_000 }), 'OUTPUT_TOO_LARGE');
  });

  it('a host that closes mid-command → SSH_CLOSED; reconnects after sshd is back', async () => {
    const running = t.core.ssh.exec(hostId, cmd('sleep', '20'), { timeoutMs: 30_000 }).catch((e: { code: string }) => e);
    await new Promise((r) => setTimeout(r, 300));
    await d.kill();
    expect(((await running) as { code: string }).code).toBe('SSH_CLOSED');
    expect(t.core.ssh.isConnected(hostId)).toBe(false);
    // A call made while sshd is down waits through the backoff and succeeds once it is back.
    const started = Date.now();
    const pending = t.core.ssh.exec(hostId, cmd('echo', 'back'));
    await new Promise((r) => setTimeout(r, 700));
    await d.start();
    expect((await pending).stdout).toBe('back\n');
    expect(Date.now() - started).toBeLessThan(8000);
  });

  it('reconnects after kill() + start() within a few seconds', async () => {
    expect((await t.core.ssh.exec(hostId, cmd('true'))).code).toBe(0);
    await d.kill();
    await d.start();
    const started = Date.now();
    expect((await t.core.ssh.exec(hostId, cmd('echo', 'again'))).stdout).toBe('again\n');
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
