/** /proc/uptime ("seconds idle"), or `uptime` ("up 3 days,  4:05" / "up 17 min") as a fallback. */
export function parseUptime(output: string): number | null {
  const proc = /^\s*(\d+(?:\.\d+)?)\s+\d+(?:\.\d+)?\s*$/m.exec(output);
  if (proc) return Math.floor(Number(proc[1]));
  const m = /\bup\s+(.*?),\s+\d+\s+users?/.exec(output) ?? /\bup\s+(.*?)(?:,\s+load average|$)/m.exec(output);
  if (!m) return null;
  let seconds = 0;
  let matched = false;
  for (const part of m[1].split(',').map((p) => p.trim())) {
    let x: RegExpExecArray | null;
    if ((x = /^(\d+)\s+days?$/.exec(part))) seconds += Number(x[1]) * 86400;
    else if ((x = /^(\d+):(\d+)$/.exec(part))) seconds += Number(x[1]) * 3600 + Number(x[2]) * 60;
    else if ((x = /^(\d+)\s+min/.exec(part))) seconds += Number(x[1]) * 60;
    else if ((x = /^(\d+)\s+(?:hr|hour)s?$/.exec(part))) seconds += Number(x[1]) * 3600;
    else continue;
    matched = true;
  }
  return matched ? seconds : null;
}
