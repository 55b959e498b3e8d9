import { chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { capabilities } from './capabilities';
import type { LoginUser } from './login-user';
import { run } from './processes';

/**
 * Installs the droplet user's crontab where `crontab -l` reads it. With Debian's cron package
 * that is `crontab -u`; without it the same text goes to /var/spool/cron/crontabs/<user>
 * (cron's own file, removed with the user at stop()). No cron daemon runs: the entries are
 * for discovery and schedule views, never executed.
 * Returns the path of a copy discovery can always read: `<dir>/crontab`.
 */
export async function installCrontab(dir: string, user: LoginUser, text: string): Promise<{ copyPath: string; spoolPath?: string }> {
  const copyPath = join(dir, 'crontab');
  writeFileSync(copyPath, text, { mode: 0o644 });
  if (!user.dedicated) return { copyPath };
  if (capabilities.cronCli) {
    await run('crontab', ['-u', user.name, copyPath]);
    return { copyPath, spoolPath: `/var/spool/cron/crontabs/${user.name}` };
  }
  const spool = '/var/spool/cron/crontabs';
  mkdirSync(spool, { recursive: true, mode: 0o755 });
  const spoolPath = join(spool, user.name);
  writeFileSync(spoolPath, text, { mode: 0o600 });
  chownSync(spoolPath, user.uid, user.gid);
  return { copyPath, spoolPath };
}
