/**
 * crontab lines: a user crontab (`crontab -l`: five fields + command) or a system one
 * (/etc/crontab, /etc/cron.d/*: five fields + user + command). Environment lines and comments
 * are skipped; `@daily`-style schedules are kept as written.
 */

export interface CronEntry {
  schedule: string;
  command: string;
  /** The user it runs as: from the system file's user column, or the crontab's owner. */
  user: string | null;
  /** 'user' for crontab -l, else the file path (/etc/cron.d/backup, /etc/crontab). */
  origin: string;
  line: number;
}

const FIELD = '(\\S+)';
const FIVE = new RegExp(`^${FIELD}\\s+${FIELD}\\s+${FIELD}\\s+${FIELD}\\s+${FIELD}\\s+(.+)$`);
const NICKNAME = /^(@(?:reboot|yearly|annually|monthly|weekly|daily|midnight|hourly))\s+(.+)$/;
const ENV_LINE = /^[A-Za-z_][A-Za-z0-9_]*\s*=/;

export function parseCrontab(text: string, opts: { system: boolean; origin: string; owner?: string | null }): CronEntry[] {
  const out: CronEntry[] = [];
  text.split('\n').forEach((raw, idx) => {
    const line = raw.trim();
    if (!line || line.startsWith('#') || ENV_LINE.test(line)) return;
    let schedule: string;
    let rest: string;
    const nick = NICKNAME.exec(line);
    if (nick) {
      schedule = nick[1];
      rest = nick[2];
    } else {
      const m = FIVE.exec(line);
      if (!m || !/^[\d*/,\-A-Za-z?]+$/.test(m[1])) return;
      schedule = m.slice(1, 6).join(' ');
      rest = m[6];
    }
    let user = opts.owner ?? null;
    if (opts.system) {
      const u = /^(\S+)\s+(.+)$/.exec(rest);
      if (!u) return;
      user = u[1];
      rest = u[2];
    }
    out.push({ schedule, command: rest.trim(), user, origin: opts.origin, line: idx + 1 });
  });
  return out;
}

/**
 * The script prints the system files as "### file PATH" followed by the file's text.
 */
export function parseCronFiles(output: string): CronEntry[] {
  const out: CronEntry[] = [];
  const parts = output.split(/^### file (.+)$/m);
  for (let i = 1; i + 1 < parts.length; i += 2) {
    const origin = parts[i].trim();
    // Debian's run-parts lines in /etc/crontab are the machine's own, not the user's jobs.
    const entries = parseCrontab(parts[i + 1].replace(/^\n/, ''), { system: true, origin }).filter(
      (e) => !/\brun-parts\b.*\/etc\/cron\.(hourly|daily|weekly|monthly)/.test(e.command) && !/^\[ -x \/usr\/lib\/php\/sessionclean/.test(e.command),
    );
    out.push(...entries);
  }
  return out;
}
