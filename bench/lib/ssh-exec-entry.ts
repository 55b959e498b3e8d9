import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cmd } from '../../src-main/core/connectors/ssh';
import { startDroplet } from '../../test/fleet';
import { benchCore } from './bench-core';

export interface SshExecBenchOptions {
  /** Commands per side. */
  count: number;
  /** The remote command: `true` or `echo x`. */
  command: 'true' | 'echo';
  log(line: string): void;
}

export interface SshExecBenchResult {
  count: number;
  oursMs: number;
  opensshMs: number;
  /** Of oursMs: the one connection set-up (handshake, host key check, auth) before the burst. */
  connectMs: number;
  oursPerSec: number;
  opensshPerSec: number;
}

/** One `ssh … host cmd` process; resolves with its exit code. */
function runOpenSsh(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const p = spawn('ssh', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (b: Buffer) => (err += b.toString()));
    p.once('error', reject);
    p.once('exit', (code) => (code === 0 ? resolve(0) : reject(new Error(`ssh exited ${code}: ${err.trim()}`))));
  });
}

/**
 * A burst of short remote commands through Opsdeck's connection manager (one SSH connection,
 * its channel queue running up to 8 at once) against the same number of runs of the OpenSSH
 * client, one process and one connection per command, as a script would do it, against the same
 * fleet droplet in the same run.
 */
export async function runSshExecBench(o: SshExecBenchOptions): Promise<SshExecBenchResult> {
  const droplet = await startDroplet({ name: 'bench' });
  const { core, dataDir, host, dispose } = await benchCore('ssh', droplet, 'bench');
  try {
    o.log(`droplet ${droplet.user}@${droplet.host}:${droplet.port}, ${o.count} × \`${o.command === 'true' ? 'true' : 'echo x'}\` per side`);
    const command = o.command === 'true' ? cmd('true') : cmd('echo', 'x');

    // Opsdeck from cold: connect once, then the whole burst at once; the manager queues the
    // channels on its one connection (the connection set-up is counted).
    const t0 = performance.now();
    await core.ssh.client(host.id);
    const connectMs = performance.now() - t0;
    const results = await Promise.all(Array.from({ length: o.count }, () => core.ssh.exec(host.id, command, { timeoutMs: 30_000, maxOutputBytes: 1024 })));
    const oursMs = performance.now() - t0;
    const failed = results.filter((r) => r.code !== 0).length;
    if (failed) throw new Error(`${failed} of ${o.count} commands failed through the manager`);
    o.log(`opsdeck  ${o.count} commands in ${oursMs.toFixed(0)} ms (of which ${connectMs.toFixed(0)} ms to connect once)`);

    // OpenSSH: one process per command, one after the other, as `for …; do ssh host cmd; done`.
    const knownHosts = join(dataDir, 'known_hosts');
    writeFileSync(knownHosts, droplet.knownHostsLine + '\n');
    const args = [
      '-i', droplet.clientKeyPath,
      '-o', 'IdentitiesOnly=yes',
      '-o', 'BatchMode=yes',
      '-o', 'StrictHostKeyChecking=yes',
      '-o', `UserKnownHostsFile=${knownHosts}`,
      '-o', 'GlobalKnownHostsFile=/dev/null',
      '-o', 'LogLevel=ERROR',
      '-F', '/dev/null',
      '-p', String(droplet.port),
      `${droplet.user}@${droplet.host}`,
      ...(o.command === 'true' ? ['true'] : ['echo', 'x']),
    ];
    const t1 = performance.now();
    for (let i = 0; i < o.count; i++) await runOpenSsh(args);
    const opensshMs = performance.now() - t1;
    o.log(`openssh  ${o.count} commands in ${opensshMs.toFixed(0)} ms (ssh -i key -p ${droplet.port} user@host, one process each)`);

    return {
      count: o.count,
      oursMs,
      opensshMs,
      connectMs,
      oursPerSec: (o.count * 1000) / oursMs,
      opensshPerSec: (o.count * 1000) / opensshMs,
    };
  } finally {
    await dispose();
  }
}
