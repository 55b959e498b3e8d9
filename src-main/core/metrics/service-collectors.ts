import type { Service } from '../../contract/inventory';
import type { PgStatements } from '../../contract/metrics';
import { PgCollector } from './pg-collector';
import { RedisCollector } from './redis-collector';
import { endpointDefaults, endpointTls, serviceEndpoint, type CredentialSource, type Endpoint } from './service-endpoint';
import type { MetricPoint } from './series-store';
import { SshTunnels, type TcpForwarder } from './ssh-tunnel';

/** PostgreSQL and Redis services: endpoint rule, tunnel when needed, then the collector. */
export class ServiceCollectors {
  readonly pg: PgCollector;
  readonly redis: RedisCollector;
  private readonly tunnels: SshTunnels;

  constructor(
    ssh: TcpForwarder,
    private readonly creds: CredentialSource,
    now: () => number,
    /** PEM CA certificates trusted for TLS besides the system's. */
    private readonly extraCa: string[] = [],
  ) {
    this.tunnels = new SshTunnels(ssh);
    this.pg = new PgCollector(now);
    this.redis = new RedisCollector(now);
  }

  /** Whether Opsdeck collects metrics for this kind of service. */
  static handles(s: Service): boolean {
    return s.kind === 'postgres' || s.kind === 'redis';
  }

  private async where(s: Service): Promise<{ e: Endpoint; port: number }> {
    const e = serviceEndpoint(s, this.creds, endpointDefaults(s.kind === 'redis' ? 'redis' : 'postgres'));
    const port = e.tunnel ? await this.tunnels.port(s.hostId as string, e.host, e.port) : e.port;
    return { e, port };
  }

  async collect(s: Service): Promise<MetricPoint[]> {
    const { e, port } = await this.where(s);
    return s.kind === 'redis' ? this.redis.collect(s, e, port, endpointTls(e, this.extraCa)) : this.pg.collect(s, e, port, endpointTls(e, this.extraCa));
  }

  async pgStatements(s: Service): Promise<PgStatements> {
    const { e, port } = await this.where(s);
    return this.pg.statements(s, e, port, endpointTls(e, this.extraCa));
  }

  /** Closes the connections and tunnels of a host's services. */
  forgetHost(hostId: string, services: Service[]): void {
    for (const s of services) {
      this.pg.drop(s.id);
      this.redis.drop(s.id);
    }
    this.tunnels.close(hostId);
  }

  closeAll(): void {
    this.pg.closeAll();
    this.redis.closeAll();
    this.tunnels.close();
  }
}
