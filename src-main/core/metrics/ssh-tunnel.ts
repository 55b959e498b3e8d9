import net from 'node:net';
import type { Duplex } from 'node:stream';

/** What a tunnel needs from the SSH core: a TCP stream to host:port as seen from a host. */
export interface TcpForwarder {
  forwardTcp(hostId: string, host: string, port: number): Promise<Duplex>;
}

/**
 * A local port (127.0.0.1, random) whose connections are TCP streams opened from the host over
 * its one SSH connection (`ssh -L` without a process). Database clients (pg, ioredis, TLS
 * included: it runs end to end inside the stream) connect to it like to any server.
 */
export class SshTunnels {
  private readonly open = new Map<string, Promise<{ server: net.Server; port: number }>>();

  constructor(private readonly ssh: TcpForwarder) {}

  /** The local port that reaches `host:port` from `hostId` (one listener per destination). */
  async port(hostId: string, host: string, port: number): Promise<number> {
    const key = `${hostId}|${host}|${port}`;
    let p = this.open.get(key);
    if (!p) {
      p = this.listen(hostId, host, port);
      this.open.set(key, p);
      p.catch(() => this.open.delete(key));
    }
    return (await p).port;
  }

  private listen(hostId: string, host: string, port: number): Promise<{ server: net.Server; port: number }> {
    const server = net.createServer((local) => {
      local.pause();
      this.ssh.forwardTcp(hostId, host, port).then(
        (remote) => {
          local.pipe(remote).pipe(local);
          const end = () => {
            local.destroy();
            remote.destroy();
          };
          local.once('close', end);
          remote.once('close', end);
          local.on('error', end);
          remote.on('error', end);
          local.resume();
        },
        () => local.destroy(),
      );
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.unref();
        resolve({ server, port: (server.address() as net.AddressInfo).port });
      });
    });
  }

  /** Closes the listeners of one host (or all). */
  close(hostId?: string): void {
    for (const [key, p] of this.open) {
      if (hostId && !key.startsWith(`${hostId}|`)) continue;
      this.open.delete(key);
      void p.then(({ server }) => server.close()).catch(() => {});
    }
  }
}
