import { cmd } from '../../src-main/core/connectors/ssh';
import { startIaComercial } from '../../test/fleet';
import { benchCore } from './bench-core';

export interface HealthPm2BenchOptions {
  /** Checks per side, one after the other (as a scheduler runs them). */
  count: number;
  log(line: string): void;
}

export interface HealthPm2BenchResult {
  count: number;
  /** Mean ms per check: Opsdeck's PM2 check (pid file + /proc over the shared connection). */
  oursMs: number;
  /** Mean ms per `pm2 jlist` over the same connection (what a naive check would run). */
  jlistMs: number;
}

/**
 * The PM2 check as the scheduler runs it (pid files and /proc read by one short shell script)
 * against `pm2 jlist` (a Node process asking the PM2 daemon) over the same SSH connection to the
 * IA Comercial fleet droplet, in the same run.
 */
export async function runHealthPm2Bench(o: HealthPm2BenchOptions): Promise<HealthPm2BenchResult> {
  const ia = await startIaComercial({ name: 'bench-pm2' });
  const { core, host, dispose } = await benchCore('pm2', ia, 'ia');
  try {
    const config = { type: 'pm2' as const, hostId: host.id, app: ia.pm2AppName };
    const warm = await core.health.try(config);
    if (!warm.ok) throw new Error(`the PM2 check failed: ${warm.message}`);
    const jlist = cmd('sh', '-c', 'PATH="$HOME/bin:$PATH" exec pm2 jlist');
    const warmJ = await core.ssh.exec(host.id, jlist, { timeoutMs: 30_000 });
    if (warmJ.code !== 0) throw new Error(`pm2 jlist failed: ${warmJ.stderr}`);

    const t0 = performance.now();
    for (let i = 0; i < o.count; i++) {
      const r = await core.health.try(config);
      if (!r.ok) throw new Error(`check ${i} failed: ${r.message}`);
    }
    const oursMs = (performance.now() - t0) / o.count;
    o.log(`opsdeck pm2 check   ${o.count} × ${oursMs.toFixed(1)} ms`);
    const t1 = performance.now();
    for (let i = 0; i < o.count; i++) {
      const r = await core.ssh.exec(host.id, jlist, { timeoutMs: 30_000 });
      if (r.code !== 0) throw new Error(`pm2 jlist ${i} failed`);
    }
    const jlistMs = (performance.now() - t1) / o.count;
    o.log(`pm2 jlist over SSH  ${o.count} × ${jlistMs.toFixed(1)} ms`);
    return { count: o.count, oursMs, jlistMs };
  } finally {
    await dispose();
  }
}
