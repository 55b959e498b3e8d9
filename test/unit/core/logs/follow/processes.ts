import { readdirSync, readFileSync } from 'node:fs';

/** Live processes (not zombies) whose command line contains `text`, from /proc. */
export function processesMentioning(text: string): { pid: number; args: string }[] {
  const out: { pid: number; args: string }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const args = readFileSync(`/proc/${name}/cmdline`).toString('utf8').replace(/\0$/, '').split('\0').join(' ');
      if (!args.includes(text)) continue;
      const stat = readFileSync(`/proc/${name}/stat`, 'latin1');
      if (stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z') continue;
      out.push({ pid: Number(name), args });
    } catch {
      /* gone meanwhile */
    }
  }
  return out;
}

/** Whether a process is still running (a zombie counts as ended). */
export function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
