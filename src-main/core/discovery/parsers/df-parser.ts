import type { DiskUsage } from '../../../contract/discovery';

/** Pseudo file systems that say nothing about disk space. */
const PSEUDO = /^(?:tmpfs|devtmpfs|udev|overlay|shm|none|efivarfs|squashfs|proc|sysfs|cgroup2?)$/;

/** `df -P -k`: POSIX format, one line per file system, sizes in 1024-byte blocks. */
export function parseDf(output: string, opts: { includePseudo?: boolean } = {}): DiskUsage[] {
  const out: DiskUsage[] = [];
  for (const line of output.split('\n').slice(1)) {
    const m = /^(\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)%\s+(.+)$/.exec(line.trim());
    if (!m) continue;
    const [, filesystem, size, used, avail, pct, mount] = m;
    if (!opts.includePseudo && (PSEUDO.test(filesystem) || mount.startsWith('/snap/'))) continue;
    out.push({ filesystem, sizeKb: Number(size), usedKb: Number(used), availableKb: Number(avail), usePercent: Number(pct), mount });
  }
  return out;
}
