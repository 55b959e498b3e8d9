import type Docker from 'dockerode';
import type { ComposeProject, ContainerStats, ContainerSummary, DockerLogLine } from '../../../contract/discovery';

/** Pure conversions from the Engine API's shapes to the contract's; tested without an engine. */

export const COMPOSE_PROJECT = 'com.docker.compose.project';
export const COMPOSE_SERVICE = 'com.docker.compose.service';
export const COMPOSE_FILES = 'com.docker.compose.project.config_files';
export const COMPOSE_DIR = 'com.docker.compose.project.working_dir';

export function toSummary(c: Docker.ContainerInfo): ContainerSummary {
  const labels = c.Labels ?? {};
  return {
    id: c.Id,
    name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
    image: c.Image,
    state: String(c.State ?? '').toLowerCase(),
    status: c.Status ?? '',
    createdAt: typeof c.Created === 'number' && c.Created > 0 ? new Date(c.Created * 1000).toISOString() : null,
    ports: (c.Ports ?? []).map((p) => ({ privatePort: p.PrivatePort, publicPort: p.PublicPort ?? null, type: p.Type, ip: p.IP ?? null })),
    composeProject: labels[COMPOSE_PROJECT] ?? null,
    composeService: labels[COMPOSE_SERVICE] ?? null,
  };
}

export function composeProjects(list: Docker.ContainerInfo[]): ComposeProject[] {
  const byName = new Map<string, ComposeProject>();
  for (const c of list) {
    const labels = c.Labels ?? {};
    const name = labels[COMPOSE_PROJECT];
    if (!name) continue;
    const p = byName.get(name) ?? { name, configFiles: null, workingDir: null, services: [], containers: 0, running: 0 };
    p.configFiles ??= labels[COMPOSE_FILES] ?? null;
    p.workingDir ??= labels[COMPOSE_DIR] ?? null;
    const svc = labels[COMPOSE_SERVICE];
    if (svc && !p.services.includes(svc)) p.services.push(svc);
    p.containers++;
    if (String(c.State).toLowerCase() === 'running') p.running++;
    byName.set(name, p);
  }
  return [...byName.values()].map((p) => ({ ...p, services: p.services.sort() })).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Docker's multiplexed log format: 8-byte headers (stream, 0, 0, 0, size32be) before each
 * frame. A TTY container sends raw bytes instead; then everything is stdout.
 */
export function demuxLogs(buf: Buffer, maxBytes = 4 * 1024 * 1024): { lines: DockerLogLine[]; truncated: boolean } {
  const chunks: { stream: 'stdout' | 'stderr'; data: Buffer }[] = [];
  let truncated = false;
  const multiplexed = buf.length >= 8 && (buf[0] === 1 || buf[0] === 2) && buf[1] === 0 && buf[2] === 0 && buf[3] === 0;
  if (!multiplexed) {
    chunks.push({ stream: 'stdout', data: buf });
  } else {
    let i = 0;
    while (i + 8 <= buf.length) {
      const type = buf[i];
      const size = buf.readUInt32BE(i + 4);
      const data = buf.subarray(i + 8, Math.min(buf.length, i + 8 + size));
      chunks.push({ stream: type === 2 ? 'stderr' : 'stdout', data });
      i += 8 + size;
    }
  }
  // Frames need not end on line breaks: join per stream in order, split on newlines.
  const lines: DockerLogLine[] = [];
  const pending: Record<'stdout' | 'stderr', string> = { stdout: '', stderr: '' };
  let bytes = 0;
  for (const c of chunks) {
    const text = pending[c.stream] + c.data.toString('utf8');
    const parts = text.split('\n');
    pending[c.stream] = parts.pop() ?? '';
    for (const p of parts) {
      bytes += p.length;
      if (bytes > maxBytes) {
        truncated = true;
        break;
      }
      lines.push({ stream: c.stream, text: p.replace(/\r$/, '') });
    }
    if (truncated) break;
  }
  if (!truncated) for (const s of ['stdout', 'stderr'] as const) if (pending[s]) lines.push({ stream: s, text: pending[s] });
  return { lines, truncated };
}

/** CPU % as `docker stats` computes it; memory without the page cache. */
export function toStats(id: string, name: string, s: Docker.ContainerStats, readAt = new Date()): ContainerStats {
  const cpu = s.cpu_stats;
  const pre = s.precpu_stats;
  let cpuPercent: number | null = null;
  if (cpu?.cpu_usage && pre?.cpu_usage && typeof cpu.system_cpu_usage === 'number' && typeof pre.system_cpu_usage === 'number') {
    const cpuDelta = cpu.cpu_usage.total_usage - pre.cpu_usage.total_usage;
    const sysDelta = cpu.system_cpu_usage - pre.system_cpu_usage;
    const cpus = cpu.online_cpus || cpu.cpu_usage.percpu_usage?.length || 1;
    if (sysDelta > 0 && cpuDelta >= 0) cpuPercent = Math.round((cpuDelta / sysDelta) * cpus * 100 * 100) / 100;
  }
  const mem = s.memory_stats ?? ({} as Docker.ContainerStats['memory_stats']);
  const stats = (mem.stats ?? {}) as unknown as Record<string, number | undefined>;
  const cache = stats.inactive_file ?? stats.total_inactive_file ?? stats.cache ?? 0;
  const usage = typeof mem.usage === 'number' ? Math.max(0, mem.usage - cache) : null;
  const limit = typeof mem.limit === 'number' && mem.limit > 0 ? mem.limit : null;
  return {
    id,
    name,
    cpuPercent,
    memoryBytes: usage,
    memoryLimitBytes: limit,
    memoryPercent: usage !== null && limit ? Math.round((usage / limit) * 100 * 100) / 100 : null,
    pids: typeof s.pids_stats?.current === 'number' ? s.pids_stats.current : null,
    readAt: readAt.toISOString(),
  };
}
