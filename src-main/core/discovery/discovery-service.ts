import { randomBytes } from 'node:crypto';
import type { DraftIssue, Job } from '../../contract';
import { DiscoveryResult, type HostFacts } from '../../contract/discovery';
import { AppError } from '../../contract/errors';
import type { DockerConnector } from '../connectors/docker/docker-connector';
import { cmd, type RemoteCommand } from '../connectors/ssh/remote-command';
import type { ExecOptions, ExecResult } from '../connectors/ssh/ssh-exec';
import type { JobContext, JobRunner } from '../jobs/job-runner';
import type { AuditRecorder } from '../ports';
import { buildDraft } from './build-draft';
import { DISCOVERY_SCRIPT, splitSections } from './discovery-script';
import { interpretScan, issue, type DiscoveredContainer } from './interpret-scan';
import type { Pm2Process } from './parsers/pm2-jlist-parser';
import { COMPOSE_DIR, COMPOSE_FILES, COMPOSE_PROJECT, COMPOSE_SERVICE } from '../connectors/docker/docker-format';

export const DISCOVERY_JOB_KIND = 'discovery.scan';
const SCRIPT_TIMEOUT_MS = 90_000;
const SCRIPT_MAX_OUTPUT = 16 * 1024 * 1024;

export interface DiscoveryHost {
  id: string;
  name: string;
  address: string;
  port: number;
  username: string;
}

export interface DiscoveryDeps {
  ssh: { exec(hostId: string, command: RemoteCommand, options?: ExecOptions): Promise<ExecResult> };
  docker: Pick<DockerConnector, 'listRaw'>;
  jobs: Pick<JobRunner, 'start' | 'get'>;
  host(id: string): DiscoveryHost | undefined;
  audit?: AuditRecorder;
}

export interface ScanOptions {
  /** A Docker/podman socket to look at besides the usual places. */
  dockerSocketPath?: string;
  /** 'api': list containers through the Engine API over SSH even where a docker CLI exists. */
  dockerVia?: 'auto' | 'api';
}

/** The command a scan runs: `sh -c SCRIPT sh NONCE SOCKET`, every value quoted by the builder. */
export function discoveryCommand(nonce: string, dockerSocketPath = '', dockerVia: 'auto' | 'api' = 'auto'): RemoteCommand {
  return cmd('sh', '-c', DISCOVERY_SCRIPT, 'opsdeck-discovery', nonce, dockerSocketPath, dockerVia);
}

/**
 * "Scan host": one batched remote script over the host's SSH connection, parsers per section,
 * then an InventoryDraft (proposals, accepted through the import merge step) and HostFacts.
 * Runs as a job; its result is the DiscoveryResult.
 */
export class DiscoveryService {
  constructor(private readonly deps: DiscoveryDeps) {}

  scan(hostId: string, opts: ScanOptions = {}): Job {
    const host = this.requireHost(hostId);
    return this.deps.jobs.start(DISCOVERY_JOB_KIND, `Scan ${host.name}`, host.name, (ctx) => this.run(hostId, ctx, opts));
  }

  /** The draft and facts of a finished scan. */
  result(jobId: string): DiscoveryResult {
    const job = this.deps.jobs.get(jobId);
    if (job.kind !== DISCOVERY_JOB_KIND) throw new AppError('NOT_FOUND', 'That job is not a host scan.');
    if (job.status === 'queued' || job.status === 'running') throw new AppError('CONFLICT', `The scan of ${job.target} is still running.`, 'Wait for the job to finish.');
    if (job.status === 'cancelled') throw new AppError('CANCELLED', `The scan of ${job.target} was cancelled.`);
    if (job.status === 'failed') throw new AppError(job.error?.code ?? 'INTERNAL', job.error?.message ?? 'The scan failed.', job.error?.hint);
    const parsed = DiscoveryResult.safeParse(job.result);
    if (!parsed.success) throw new AppError('NOT_FOUND', `The scan of ${job.target} has no stored result (it may have been too large to keep).`, 'Scan the host again.');
    return parsed.data;
  }

  /** The job body; also callable directly (tests, the CLI). */
  async run(hostId: string, ctx: Pick<JobContext, 'progress' | 'log' | 'signal' | 'throwIfCancelled'>, opts: ScanOptions = {}): Promise<DiscoveryResult> {
    const host = this.requireHost(hostId);
    ctx.progress(5, 'Running the discovery script');
    const nonce = randomBytes(9).toString('hex');
    const command = discoveryCommand(nonce, opts.dockerSocketPath ?? '', opts.dockerVia ?? 'auto');
    let exec: ExecResult;
    try {
      exec = await this.deps.ssh.exec(hostId, command, { timeoutMs: SCRIPT_TIMEOUT_MS, maxOutputBytes: SCRIPT_MAX_OUTPUT, signal: ctx.signal });
    } finally {
      // The script reads only; the trail still says what ran where (without the script's text).
      this.deps.audit?.record({ action: 'discovery.scan', targetKind: 'host', targetId: hostId, targetName: host.name, command: 'sh -c <discovery script> (read-only)', details: 'scan host' });
    }
    ctx.throwIfCancelled();
    const sections = splitSections(exec.stdout, nonce);
    if (sections.size === 0) {
      throw new AppError('REMOTE_COMMAND_FAILED', `The discovery script printed nothing usable on ${host.name} (exit ${exec.code ?? exec.signal}).`, 'Check that the host has a POSIX shell (sh) and try again.');
    }
    ctx.log('info', `Discovery script finished on ${host.name} in ${exec.durationMs} ms (${sections.size} sections).`);

    ctx.progress(60, 'Reading PM2, nginx, Docker, ports, firewall and cron');
    const scan = interpretScan(sections);
    const extra: DraftIssue[] = [];

    if (scan.dockerSocket) {
      ctx.progress(70, 'Listing containers through the Docker API');
      if (scan.dockerSocket.access === 'denied') {
        extra.push(issue('Docker API', `Docker is not reachable on ${host.name} at ${scan.dockerSocket.path}: permission denied. Add ${scan.user ?? host.username} to the docker group to list containers.`));
      } else {
        try {
          const list = await this.deps.docker.listRaw({ hostId, socketPath: scan.dockerSocket.path }, true);
          scan.containers = list.map(fromApi);
        } catch (err) {
          extra.push(issue('Docker API', (err as Error).message));
        }
      }
    }

    if (scan.pm2.some((p) => p.cwd)) {
      ctx.progress(80, 'Looking for SQLite files next to the PM2 apps');
      scan.sqliteFiles = await this.findSqlite(hostId, scan.pm2, ctx.signal).catch((err: Error) => {
        extra.push(issue('find', `Could not look for SQLite files: ${err.message}`));
        return [];
      });
    }

    ctx.progress(90, 'Building the proposals');
    const draft = buildDraft({ name: host.name, address: host.address, port: host.port, username: host.username }, scan, extra);
    const facts: HostFacts = { hostId, hostName: host.name, scannedAt: new Date().toISOString(), ...scan.facts };
    for (const w of draft.warnings) ctx.log('warn', w.message);
    ctx.log('info', summary(draft.services.map((s) => s.kind)));
    return DiscoveryResult.parse({ draft, facts });
  }

  /** One bounded `find` over the apps' working directories (absolute paths only, node_modules skipped). */
  private async findSqlite(hostId: string, apps: Pm2Process[], signal: AbortSignal): Promise<{ path: string; app: string }[]> {
    const dirs = [...new Set(apps.map((p) => p.cwd).filter((d): d is string => !!d && d.startsWith('/') && d !== '/'))].slice(0, 20);
    if (dirs.length === 0) return [];
    const command = cmd('find', ...dirs, '-maxdepth', '3', '-name', 'node_modules', '-prune', '-o', '-type', 'f', '(', '-name', '*.db', '-o', '-name', '*.sqlite', '-o', '-name', '*.sqlite3', ')', '-print');
    const r = await this.deps.ssh.exec(hostId, command, { timeoutMs: 15_000, maxOutputBytes: 256 * 1024, signal });
    const found: { path: string; app: string }[] = [];
    for (const file of r.stdout.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 50)) {
      // Dated copies (leads-20261123.db) and backups are the backup job's output, not databases to add.
      if (/[-_.]\d{6,}|backup|\.bak/i.test(file.slice(file.lastIndexOf('/') + 1))) continue;
      const owner = apps.filter((p) => p.cwd && file.startsWith(`${p.cwd}/`)).sort((a, b) => (b.cwd?.length ?? 0) - (a.cwd?.length ?? 0))[0];
      if (owner && !found.some((f) => f.path === file)) found.push({ path: file, app: owner.name });
    }
    return found;
  }

  private requireHost(hostId: string): DiscoveryHost {
    const host = this.deps.host(hostId);
    if (!host) throw new AppError('NOT_FOUND', 'That host no longer exists.', 'Reload the inventory.');
    return host;
  }
}

function fromApi(c: { Id: string; Names?: string[]; Image: string; State: string; Status: string; Labels?: Record<string, string>; Ports?: { PublicPort?: number; Type: string }[] }): DiscoveredContainer {
  const labels = c.Labels ?? {};
  return {
    id: c.Id,
    name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
    image: c.Image,
    state: String(c.State).toLowerCase(),
    status: c.Status ?? '',
    publishedPorts: [...new Set((c.Ports ?? []).filter((p) => p.PublicPort && p.Type === 'tcp').map((p) => p.PublicPort as number))],
    composeProject: labels[COMPOSE_PROJECT] ?? null,
    composeService: labels[COMPOSE_SERVICE] ?? null,
    composeFile: labels[COMPOSE_FILES] ?? null,
    composeWorkingDir: labels[COMPOSE_DIR] ?? null,
    via: 'Docker API',
  };
}

function summary(kinds: string[]): string {
  const counts = new Map<string, number>();
  for (const k of kinds) counts.set(k, (counts.get(k) ?? 0) + 1);
  const parts = [...counts].map(([k, n]) => `${n} ${k}`);
  return parts.length ? `Proposed: ${parts.join(', ')}.` : 'Nothing to propose.';
}
