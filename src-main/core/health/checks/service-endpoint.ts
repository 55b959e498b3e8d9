import type { ConnectionOptions } from 'node:tls';
import type { Service } from '../../../contract';
import { AppError } from '../../../contract/errors';
import { endpointDefaults, endpointTls, serviceEndpoint } from '../../metrics/service-endpoint';
import { SshTunnels, type TcpForwarder } from '../../metrics/ssh-tunnel';
import type { SecretStore } from '../../ports';

/** What a database check needs to find its service, its host and its credential. */
export interface EndpointLookup {
  service(id: string): Service | undefined;
  host(id: string): { name: string; address: string } | undefined;
  credential(id: string): { id: string; kind: string; username: string } | undefined;
  vault: Pick<SecretStore, 'reveal'>;
}

/** Where a database check connects, resolved for one run. Holds a secret: never log it. */
export interface DbTarget {
  service: Service;
  /** What to connect to from this computer (a local tunnel port when `via` is set). */
  connectHost: string;
  connectPort: number;
  /** The address as the service's host sees it, for messages: `127.0.0.1:5432/app on web-1`. */
  where: string;
  /** The host whose SSH connection carries the traffic (the service listens on its loopback). */
  via: { hostId: string; host: string; port: number } | null;
  tls: ConnectionOptions | undefined;
  user: string | null;
  password: string | null;
  database: string | null;
}

/**
 * Resolves a PostgreSQL or Redis service with the same rule as metrics collection
 * (`core/metrics/service-endpoint.ts`): a loopback address (the usual droplet setup) is reached
 * through the host's SSH connection, anything else directly; user, password and database from
 * the service's credential (vault). Throws NOT_FOUND, VALIDATION or VAULT_LOCKED with a hint.
 */
export async function resolveTarget(serviceId: string, kind: 'postgres' | 'redis', deps: EndpointLookup, tunnels: SshTunnels, extraCa: string[]): Promise<DbTarget> {
  const service = deps.service(serviceId);
  if (!service) throw new AppError('NOT_FOUND', 'The service of this check no longer exists.', 'Delete the check or point it at another service.');
  const e = serviceEndpoint(
    service,
    { credential: (id) => deps.credential(id), secret: (id) => deps.vault.reveal({ ownerType: 'credential', ownerId: id, field: 'value' }) },
    endpointDefaults(kind),
  );
  const hostName = service.hostId ? (deps.host(service.hostId)?.name ?? 'its host') : null;
  const via = e.tunnel && service.hostId ? { hostId: service.hostId, host: e.host, port: e.port } : null;
  const connectPort = via ? await tunnels.port(via.hostId, e.host, e.port) : e.port;
  const address = `${e.host.includes(':') ? `[${e.host}]` : e.host}:${e.port}${kind === 'postgres' && e.database ? `/${e.database}` : ''}`;
  return {
    service,
    connectHost: via ? '127.0.0.1' : e.host,
    connectPort,
    where: via ? `${address} on ${hostName}` : address,
    via,
    // A tunnel connects to 127.0.0.1 here; the certificate names the server as the host sees it.
    tls: endpointTls(e, extraCa),
    user: e.user,
    password: e.password,
    database: e.database,
  };
}

/**
 * Through a tunnel a refused connection only shows up as "connection closed"; opening the
 * forward once more says why (e.g. nothing listens on that port of the host). Null if it opens.
 */
export async function explainTunnel(target: DbTarget, ssh: TcpForwarder): Promise<string | null> {
  if (!target.via) return null;
  try {
    const ch = await ssh.forwardTcp(target.via.hostId, target.via.host, target.via.port);
    ch.destroy();
    return null;
  } catch (err) {
    const message = (err as Error).message ?? String(err);
    if (/connection refused/i.test(message)) return `Nothing listens at ${target.where}: the host refused the connection to port ${target.via.port}.`;
    const why = err instanceof AppError ? `${message}${err.hint ? ` ${err.hint}` : ''}` : message;
    return `Nothing answers at ${target.where}: ${why}`;
  }
}

export { SshTunnels, type TcpForwarder };
