import Docker from 'dockerode';
import type { Duplex } from 'node:stream';
import type { ComposeProject, ContainerStats, ContainerSummary, DockerAction, DockerLogsOutput } from '../../../contract/discovery';
import { AppError } from '../../../contract/errors';
import type { AuditRecorder } from '../../ports';
import { dockerError, type DockerWhere } from './docker-errors';
import { composeProjects, demuxLogs, toStats, toSummary } from './docker-format';
import { SshSocketAgent } from './ssh-socket-agent';

export const DEFAULT_DOCKER_SOCKET = '/var/run/docker.sock';
const STOP_GRACE_S = 10;

/** Which engine: a socket on this machine (hostId null) or on a host, reached over its SSH connection. */
export interface DockerTarget {
  hostId: string | null;
  socketPath?: string;
}

/** What the connector needs from the SSH core: a stream to a Unix socket on the host. */
export interface StreamLocalForwarder {
  forwardStreamLocal(hostId: string, socketPath: string): Promise<Duplex>;
}

export interface DockerConnectorOptions {
  ssh: StreamLocalForwarder;
  /** Host name and SSH user for messages ("Docker is not reachable on web-1 …"). */
  describeHost(hostId: string): { name: string; username: string } | undefined;
  audit: AuditRecorder;
  /** Per API call; default 20 s. */
  timeoutMs?: number;
}

export interface LogsOptions {
  since?: number;
  tail?: number;
  timestamps?: boolean;
}

/**
 * Docker (and podman's Docker-compatible API) through dockerode: a local socket, or a remote
 * socket over the host's one SSH connection (a stream-local channel per request). Start, stop and
 * restart are audited with the container and host as the target.
 */
export class DockerConnector {
  private readonly engines = new Map<string, Docker>();
  private readonly timeoutMs: number;

  constructor(private readonly opts: DockerConnectorOptions) {
    this.timeoutMs = opts.timeoutMs ?? 20_000;
  }

  /** A dockerode instance for the target (cached per host and socket). */
  engine(target: DockerTarget): Docker {
    const socketPath = target.socketPath ?? DEFAULT_DOCKER_SOCKET;
    const key = `${target.hostId ?? 'local'}|${socketPath}`;
    let docker = this.engines.get(key);
    if (!docker) {
      if (target.hostId === null) {
        docker = new Docker({ socketPath });
      } else {
        const hostId = target.hostId;
        const agent = new SshSocketAgent(() => this.opts.ssh.forwardStreamLocal(hostId, socketPath));
        // host/port only shape the HTTP request line; every byte goes through the agent's channel.
        docker = new Docker({ protocol: 'http', host: 'docker', port: 80, agent } as Docker.DockerOptions);
      }
      this.engines.set(key, docker);
    }
    return docker;
  }

  /** Forgets cached engines of a host (after its address or credentials changed). */
  forget(hostId: string | null): void {
    for (const key of [...this.engines.keys()]) if (key.startsWith(`${hostId ?? 'local'}|`)) this.engines.delete(key);
  }

  where(target: DockerTarget): DockerWhere {
    const socketPath = target.socketPath ?? DEFAULT_DOCKER_SOCKET;
    if (target.hostId === null) return { hostName: 'this computer', socketPath, remote: false };
    const h = this.opts.describeHost(target.hostId);
    if (!h) throw new AppError('NOT_FOUND', 'That host no longer exists.', 'Reload the inventory.');
    return { hostName: h.name, socketPath, remote: true, user: h.username };
  }

  /** Runs one API call with the connector's timeout and its error messages. */
  private async call<T>(target: DockerTarget, fn: (d: Docker) => Promise<T>, timeoutMs = this.timeoutMs): Promise<T> {
    const where = this.where(target);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new AppError('SSH_TIMEOUT', `The Docker engine on ${where.hostName} did not answer within ${Math.round(timeoutMs / 1000)} s.`, undefined, { socketPath: where.socketPath })), timeoutMs);
      timer.unref?.();
    });
    try {
      return await Promise.race([fn(this.engine(target)), timeout]);
    } catch (err) {
      throw dockerError(err, where);
    } finally {
      clearTimeout(timer);
    }
  }

  async ping(target: DockerTarget): Promise<{ version: string; apiVersion: string }> {
    return this.call(target, async (d) => {
      const v = await d.version();
      return { version: v.Version, apiVersion: v.ApiVersion };
    });
  }

  /** Raw list, for discovery (it needs labels the summary does not carry). */
  async listRaw(target: DockerTarget, all = true): Promise<Docker.ContainerInfo[]> {
    return this.call(target, (d) => d.listContainers({ all }));
  }

  async listContainers(target: DockerTarget, all = true): Promise<ContainerSummary[]> {
    return (await this.listRaw(target, all)).map(toSummary).sort((a, b) => a.name.localeCompare(b.name));
  }

  async listComposeProjects(target: DockerTarget): Promise<ComposeProject[]> {
    return composeProjects(await this.listRaw(target, true));
  }

  async logs(target: DockerTarget, containerId: string, opts: LogsOptions = {}): Promise<DockerLogsOutput> {
    const buf = await this.call(target, (d) =>
      // An undefined `since` would be sent as since= and refused by podman.
      d.getContainer(containerId).logs({ stdout: true, stderr: true, follow: false, tail: opts.tail ?? 500, timestamps: opts.timestamps ?? false, ...(opts.since !== undefined ? { since: opts.since } : {}) }),
    );
    return demuxLogs(Buffer.isBuffer(buf) ? buf : Buffer.from(String(buf)));
  }

  async stats(target: DockerTarget, containerId: string): Promise<ContainerStats> {
    return this.call(target, async (d) => {
      const c = d.getContainer(containerId);
      const [info, s] = await Promise.all([c.inspect(), c.stats({ stream: false })]);
      return toStats(info.Id, info.Name.replace(/^\//, ''), s);
    });
  }

  /** start / stop / restart, audited; an already-started or already-stopped container is fine. */
  async action(target: DockerTarget, containerId: string, action: DockerAction): Promise<void> {
    const where = this.where(target);
    const record = (result: 'ok' | 'error', details: string) =>
      this.opts.audit.record({
        action: `docker.${action}`,
        targetKind: 'container',
        targetId: target.hostId,
        targetName: `${containerId} on ${where.hostName}`,
        command: `POST /containers/${containerId}/${action} (${where.socketPath})`,
        result,
        details,
      });
    try {
      await this.call(target, async (d) => {
        const c = d.getContainer(containerId);
        try {
          if (action === 'start') await c.start();
          else if (action === 'stop') await c.stop({ t: STOP_GRACE_S });
          else await c.restart({ t: STOP_GRACE_S });
        } catch (err) {
          if ((err as { statusCode?: number }).statusCode !== 304) throw err;
        }
        // stop/restart wait up to 10 s for the process before killing it.
      }, this.timeoutMs + STOP_GRACE_S * 1000);
      record('ok', `container ${action}`);
    } catch (err) {
      record('error', (err as Error).message.slice(0, 300));
      throw err;
    }
  }
}
