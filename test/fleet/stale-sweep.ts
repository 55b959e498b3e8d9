import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alive, killAll, listProcesses, processTree } from './processes';

/**
 * Droplets whose test process died without stop() (a killed vitest worker never runs 'exit'
 * handlers) would keep sshd, PostgreSQL… running for ever. Each droplet dir records the PID
 * that owns it; the next fleet start ends the servers of droplets whose owner is gone.
 * A droplet's servers are recognised by its dir on their command line, so nothing else is
 * ever touched.
 */
export const DROPLET_DIR_PREFIX = 'opsdeck-fleet-';
const OWNER_FILE = 'owner.pid';

export function markOwner(dir: string): void {
  writeFileSync(join(dir, OWNER_FILE), `${process.pid}\n`);
}

/** PIDs (with descendants) whose command line names `dir`. */
export function processesMentioning(dir: string): number[] {
  const roots: number[] = [];
  for (const p of listProcesses()) {
    try {
      const cmd = readFileSync(`/proc/${p.pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (cmd.includes(dir + '/') && p.pid !== process.pid) roots.push(p.pid);
    } catch {
      // exited
    }
  }
  return [...new Set(roots.flatMap((pid) => processTree(pid)))];
}

/** Ends what the dead owners left; returns the dirs it cleaned. Login users are swept apart. */
export async function sweepStaleDroplets(): Promise<string[]> {
  const cleaned: string[] = [];
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(DROPLET_DIR_PREFIX)) continue;
    const dir = join(tmpdir(), name);
    const ownerFile = join(dir, OWNER_FILE);
    if (!existsSync(ownerFile)) continue;
    const owner = Number(readFileSync(ownerFile, 'utf8').trim());
    if (!owner || alive(owner)) continue;
    await killAll(processesMentioning(dir));
    unmountUnder(dir);
    rmSync(dir, { recursive: true, force: true });
    cleaned.push(dir);
  }
  return cleaned;
}

/** Mount points under `dir` (container shm mounts), deepest first. */
export function mountsUnder(dir: string): string[] {
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((l) => l.split(' ')[4])
    .filter((m) => m && m.startsWith(dir + '/'))
    .sort((a, b) => b.length - a.length);
}

export function unmountUnder(dir: string): void {
  for (const m of mountsUnder(dir)) {
    try {
      // Lazy unmount via the CLI: Node has no umount(2).
      execFileSync('umount', ['-l', m]);
    } catch {
      // not mounted any more
    }
  }
}
