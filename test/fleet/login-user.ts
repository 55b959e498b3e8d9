import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname } from 'node:path';
import { killAll, processesOfUid, run, type RunAs } from './processes';

/**
 * The unprivileged user a droplet's SSH sessions log in as.
 *
 * As root, every droplet gets its own Linux user (opsdeck-XXXXXXXX) whose home lies inside
 * the droplet's temp dir. A shared user would share one home, one crontab and one process
 * list: two IA Comercial droplets started by parallel test files would overwrite each other's
 * app, and stopping one droplet could not tell its processes from the other's. With a user
 * per droplet, stop() can end every process of that uid and nothing else.
 */

export const USER_PREFIX = 'opsdeck-';
const USER_RE = /^opsdeck-[0-9a-f]{8}$/;

export interface LoginUser {
  name: string;
  uid: number;
  gid: number;
  home: string;
  /** false when not root: the current user logs in and its real home is reported. */
  dedicated: boolean;
}

export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function passwdEntries(): { name: string; uid: number; gid: number; home: string }[] {
  return readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [name, , uid, gid, , home] = line.split(':');
      return { name, uid: Number(uid), gid: Number(gid), home };
    });
}

/** useradd/userdel lock /etc/passwd; parallel test files may collide, so retry briefly. */
async function withPasswdLock<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= 20 || !/lock|try again/i.test(String(err))) throw err;
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 150));
    }
  }
}

/** Removes users (and their processes and crontabs) left by a run that died before stop(). */
export async function sweepStaleUsers(): Promise<void> {
  if (!isRoot) return;
  for (const u of passwdEntries()) {
    // The droplet dir is created before the user, so a missing one means the droplet is gone.
    if (!USER_RE.test(u.name) || existsSync(dirname(dirname(u.home)))) continue;
    await killAll(processesOfUid(u.uid));
    rmSync(`/var/spool/cron/crontabs/${u.name}`, { force: true });
    await withPasswdLock(() => run('userdel', [u.name])).catch(() => undefined);
  }
}

/** Creates the droplet's login user with its home at `${dropletDir}/home/<name>`. */
export async function createLoginUser(dropletDir: string, password: string): Promise<LoginUser> {
  if (!isRoot) {
    const me = userInfo();
    return { name: me.username, uid: me.uid, gid: me.gid, home: me.homedir, dedicated: false };
  }
  const name = USER_PREFIX + randomBytes(4).toString('hex');
  const home = `${dropletDir}/home/${name}`;
  await withPasswdLock(() => run('useradd', ['-m', '-d', home, '-s', '/bin/bash', '-K', 'MAIL_DIR=/dev/null', name]));
  // An account without a password is "locked" and sshd refuses it even for keys.
  await withPasswdLock(() => run('chpasswd', [], { input: `${name}:${password}\n` }));
  const entry = passwdEntries().find((e) => e.name === name);
  if (!entry) throw new Error(`useradd did not create ${name}`);
  return { name, uid: entry.uid, gid: entry.gid, home, dedicated: true };
}

export async function removeLoginUser(user: LoginUser): Promise<void> {
  if (!user.dedicated) return;
  await killAll(processesOfUid(user.uid));
  rmSync(`/var/spool/cron/crontabs/${user.name}`, { force: true });
  await withPasswdLock(() => run('userdel', [user.name]));
}

/** Environment of a process started as the login user outside SSH (PM2, nginx, PostgreSQL…). */
export function runAs(user: LoginUser, extra: NodeJS.ProcessEnv = {}): RunAs {
  return {
    uid: user.uid,
    gid: user.gid,
    env: {
      HOME: user.home,
      USER: user.name,
      LOGNAME: user.name,
      SHELL: '/bin/bash',
      LANG: 'C.UTF-8',
      PATH: `${user.home}/bin:/usr/local/bin:/usr/bin:/bin`,
      ...extra,
    },
  };
}
