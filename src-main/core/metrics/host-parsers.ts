/**
 * Pure parsers for the host poll's sections (host-script.ts). Each takes the section's text and
 * returns numbers; anything unreadable becomes null, never an exception.
 */

/** The aggregate `cpu` line of /proc/stat: total and idle (idle + iowait) jiffies. */
export function parseCpuLine(text: string): { total: number; idle: number } | null {
  const m = /^cpu\s+(.+)$/m.exec(text);
  if (!m) return null;
  const f = m[1].trim().split(/\s+/).map(Number);
  if (f.length < 4 || f.some((n) => !Number.isFinite(n))) return null;
  // user nice system idle iowait irq softirq steal (guest and guest_nice are already in user/nice).
  const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
  return { total, idle: f[3] + (f[4] ?? 0) };
}

/** /proc/loadavg → [1, 5, 15] minute load. */
export function parseLoadavg(text: string): [number, number, number] | null {
  const f = text.trim().split(/\s+/).slice(0, 3).map(Number);
  return f.length === 3 && f.every(Number.isFinite) ? [f[0], f[1], f[2]] : null;
}

/** /proc/uptime → seconds since boot. */
export function parseProcUptime(text: string): number | null {
  const n = Number(text.trim().split(/\s+/)[0]);
  return Number.isFinite(n) && text.trim() !== '' ? n : null;
}

export interface MemInfo {
  total: number;
  available: number;
  swapTotal: number;
  swapFree: number;
}

/** /proc/meminfo in bytes; MemAvailable, or free + buffers + cached on kernels before 3.14. */
export function parseMeminfo(text: string): MemInfo | null {
  const kb = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^(\w+(?:\(\w+\))?):\s+(\d+)(?:\s+kB)?$/.exec(line.trim());
    if (m) kb.set(m[1], Number(m[2]) * 1024);
  }
  const total = kb.get('MemTotal');
  if (!total) return null;
  const available = kb.get('MemAvailable') ?? (kb.get('MemFree') ?? 0) + (kb.get('Buffers') ?? 0) + (kb.get('Cached') ?? 0);
  return { total, available: Math.min(available, total), swapTotal: kb.get('SwapTotal') ?? 0, swapFree: kb.get('SwapFree') ?? 0 };
}

/** Whole disks only (partitions and device-mapper volumes would count the same bytes twice). */
const WHOLE_DISK = /^(?:[shv]d[a-z]+|xvd[a-z]+|nvme\d+n\d+|mmcblk\d+)$/;

/** /proc/diskstats → bytes read and written since boot over whole disks (sectors are 512 bytes). */
export function parseDiskstats(text: string): { read: number; written: number } | null {
  let read = 0;
  let written = 0;
  let seen = false;
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10 || !WHOLE_DISK.test(f[2])) continue;
    read += Number(f[5]) * 512;
    written += Number(f[9]) * 512;
    seen = true;
  }
  return seen ? { read, written } : null;
}

/** /proc/net/dev → bytes received and sent since boot over every interface but loopback. */
export function parseNetDev(text: string): { rx: number; tx: number } | null {
  let rx = 0;
  let tx = 0;
  let seen = false;
  for (const line of text.split('\n')) {
    const m = /^\s*([^:\s]+):\s*(.*)$/.exec(line);
    if (!m || m[1] === 'lo') continue;
    const f = m[2].trim().split(/\s+/).map(Number);
    if (f.length < 9 || !Number.isFinite(f[0]) || !Number.isFinite(f[8])) continue;
    rx += f[0];
    tx += f[8];
    seen = true;
  }
  return seen ? { rx, tx } : null;
}

/** One process's /proc/<pid>/stat and statm as the script printed them. */
export interface ProcSample {
  pid: number;
  /** utime + stime in clock ticks. */
  ticks: number;
  /** Resident pages (statm's second field). */
  rssPages: number;
}

/**
 * The `pids` section: `P <pid> <stat line>`, `M <pid> <statm line>`, `G <pid>` (gone). The
 * process name in stat may hold spaces and parentheses: fields are counted after the LAST ')'.
 */
export function parsePidSection(text: string): { samples: Map<number, ProcSample>; gone: number[] } {
  const ticks = new Map<number, number>();
  const rss = new Map<number, number>();
  const gone: number[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('G ')) {
      const pid = Number(line.slice(2).trim());
      if (Number.isInteger(pid)) gone.push(pid);
    } else if (line.startsWith('P ')) {
      const m = /^P (\d+) (.*)$/.exec(line);
      if (!m) continue;
      const close = m[2].lastIndexOf(')');
      if (close < 0) continue;
      // After ')': state(3) ppid … utime is field 14, stime 15 → indexes 11 and 12 here.
      const f = m[2].slice(close + 1).trim().split(/\s+/);
      const t = Number(f[11]) + Number(f[12]);
      if (Number.isFinite(t)) ticks.set(Number(m[1]), t);
    } else if (line.startsWith('M ')) {
      const f = line.slice(2).trim().split(/\s+/).map(Number);
      if (f.length >= 3 && Number.isFinite(f[2])) rss.set(f[0], f[2]);
    }
  }
  const samples = new Map<number, ProcSample>();
  for (const [pid, t] of ticks) samples.set(pid, { pid, ticks: t, rssPages: rss.get(pid) ?? 0 });
  return { samples, gone };
}

/** The `init` section: clock ticks per second, page size and usable Docker sockets. */
export function parseInit(text: string): { tck: number | null; pageSize: number | null; sockets: string[] } {
  const tck = Number(/^tck (\d+)$/m.exec(text)?.[1]);
  const page = Number(/^page (\d+)$/m.exec(text)?.[1]);
  const sockets = [...text.matchAll(/^sock (.+)$/gm)].map((m) => m[1]);
  return { tck: tck > 0 ? tck : null, pageSize: page > 0 ? page : null, sockets };
}

/** The `self` section (/proc/$$/stat of the poll's shell): its CPU plus its waited children, in ticks. */
export function parseSelfTicks(text: string): number | null {
  const close = text.lastIndexOf(')');
  if (close < 0) return null;
  const f = text.slice(close + 1).trim().split(/\s+/).map(Number);
  const t = f[11] + f[12] + f[13] + f[14];
  return Number.isFinite(t) ? t : null;
}
