import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeUserFile } from './files';
import type { LoginUser } from './login-user';
import { run, type RunAs } from './processes';
import { pm2Bin } from './repo-paths';

/**
 * PM2 for a droplet's login user. The repo's pm2 is reached through ~/bin/pm2 (on PATH in SSH
 * sessions via ~/.bashrc), a wrapper that always sets PM2_HOME: a bare pm2 would otherwise
 * start a second daemon in whatever ~/.pm2 the caller's HOME names.
 */
export function installPm2Wrapper(user: LoginUser, pm2Home: string, binDir: string): string {
  const wrapper = join(binDir, 'pm2');
  writeUserFile(wrapper, `#!/bin/sh\nexport PM2_HOME="\${PM2_HOME:-${pm2Home}}"\nexec ${process.execPath} ${pm2Bin} "$@"\n`, user, 0o755);
  if (process.execPath !== '/usr/bin/node' && !existsSync('/usr/bin/node')) {
    writeUserFile(join(binDir, 'node'), `#!/bin/sh\nexec ${process.execPath} "$@"\n`, user, 0o755);
  }
  return wrapper;
}

export async function pm2(as: RunAs, args: string[], cwd?: string): Promise<string> {
  const { stdout } = await run(process.execPath, [pm2Bin, ...args], { as, cwd, timeoutMs: 30_000 });
  return stdout;
}

/** The daemon's PID (it double-forks, so only its pid file knows it). */
export function pm2DaemonPid(pm2Home: string): number | undefined {
  try {
    return Number(readFileSync(join(pm2Home, 'pm2.pid'), 'utf8').trim()) || undefined;
  } catch {
    return undefined;
  }
}

/** `pm2 jlist` as the user; the PIDs of its apps. */
export async function pm2AppPids(as: RunAs): Promise<{ name: string; pid: number; status: string }[]> {
  const list = JSON.parse(await pm2(as, ['jlist'])) as { name: string; pid: number; pm2_env: { status: string } }[];
  return list.map((p) => ({ name: p.name, pid: p.pid, status: p.pm2_env.status }));
}
