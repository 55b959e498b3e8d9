import { existsSync } from 'node:fs';
import { isRoot } from './login-user';

/**
 * What the fleet can do on this machine, so a test that cannot run says exactly why instead
 * of failing obscurely (e.g. `it.skipIf(!capabilities.passwordAuth)`).
 */
export const capabilities = {
  /** The test process is root: sshd runs as root and each droplet has its own login user. */
  root: isRoot,
  /** Password (and keyboard-interactive) login works: needs sshd as root to read /etc/shadow. */
  passwordAuth: isRoot,
  /** The login user is an unprivileged user of its own, not the user running the tests. */
  separateLoginUser: isRoot,
  /** `crontab -l` works over SSH (needs Debian's cron package); without it the crontab text is
   * still written where cron keeps it (/var/spool/cron/crontabs/<user>) and at ~/crontab. */
  cronCli: existsSync('/usr/bin/crontab'),
  postgres: existsSync('/usr/lib/postgresql/15/bin/initdb'),
  pgbouncer: existsSync('/usr/sbin/pgbouncer'),
  redis: existsSync('/usr/bin/redis-server'),
  nginx: existsSync('/usr/sbin/nginx'),
  /** Podman serving the Docker Engine API, with busybox-static for the container image. */
  podman: existsSync('/usr/bin/podman') && existsSync('/bin/busybox') && isRoot,
  /** SQLite CLI on the droplet (the IA Comercial backup entry uses cp, so it is optional). */
  sqliteCli: existsSync('/usr/bin/sqlite3'),
};

export type Capabilities = typeof capabilities;
