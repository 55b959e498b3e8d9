import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { capabilities, startDroplet } from '../../fleet';
import { sweepStaleUsers } from '../../fleet/login-user';
import { alive, freePort, startProcess, untrack, waitForPort } from '../../fleet/processes';
import { sweepStaleDroplets } from '../../fleet/stale-sweep';

/** A server that fails to start is named in the error, with the tail of its log. */
const dir = mkdtempSync(join(tmpdir(), 'opsdeck-failure-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fleet start failures', () => {
  it('name the server and quote its log when it exits before listening', async () => {
    const log = join(dir, 'broken.log');
    const pid = startProcess('/bin/sh', ['-c', 'echo "FATAL: could not bind"; exit 3'], log);
    const port = await freePort();
    await expect(waitForPort('Broken server', { host: '127.0.0.1', port }, pid, log)).rejects.toThrow(/Broken server exited before listening on 127\.0\.0\.1:\d+\. Log .*\nFATAL: could not bind/);
    expect(alive(pid)).toBe(false);
  });

  it('name the server when it never listens', async () => {
    const log = join(dir, 'silent.log');
    const pid = startProcess('/bin/sleep', ['5'], log);
    const port = await freePort();
    await expect(waitForPort('Silent server', { host: '127.0.0.1', port }, pid, log, 300)).rejects.toThrow(/Silent server did not listen on 127\.0\.0\.1:\d+ within 300 ms/);
    process.kill(pid, 'SIGKILL');
  });

  it('a droplet whose test process died is ended by the next start', async () => {
    const d = await startDroplet({ name: 'orphan' });
    const pids = d.pids();
    expect(pids.length).toBeGreaterThan(0);
    // Pretend its owner died: hand the droplet to a PID that has exited.
    const dead = spawnSync('/bin/true').pid;
    writeFileSync(join(d.dir, 'owner.pid'), `${dead}\n`);
    pids.forEach(untrack);
    const cleaned = await sweepStaleDroplets();
    await sweepStaleUsers();
    expect(cleaned).toContain(d.dir);
    expect(pids.filter(alive)).toEqual([]);
    expect(existsSync(d.dir)).toBe(false);
    if (capabilities.separateLoginUser) expect(readFileSync('/etc/passwd', 'utf8')).not.toContain(`${d.user}:`);
  });
});
