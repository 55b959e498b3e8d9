import http from 'node:http';
import type { Duplex } from 'node:stream';

/** Opens one stream to the remote Docker socket (an SSH stream-local channel). */
export type StreamOpener = () => Promise<Duplex>;

/**
 * An http.Agent whose connections are SSH channels to a Unix socket on the host
 * (openssh_forwardOutStreamLocal). dockerode speaks plain HTTP through it: one SSH connection
 * (the SshManager's), one channel per request, no docker CLI needed on the host.
 */
export class SshSocketAgent extends http.Agent {
  constructor(private readonly open: StreamOpener) {
    // A channel per request: nothing stays open between calls.
    super({ keepAlive: false, maxSockets: 8 });
  }

  // Node's Agent calls createConnection(options, callback); a callback lets us open asynchronously.
  override createConnection(_options: unknown, callback?: (err: Error | null, stream: Duplex) => void): Duplex | undefined {
    this.open().then(
      (stream) => {
        // http expects a net.Socket; the channel lacks these no-op tuning methods.
        const s = stream as Duplex & Record<string, unknown>;
        for (const m of ['setNoDelay', 'setKeepAlive', 'setTimeout', 'ref', 'unref']) {
          if (typeof s[m] !== 'function') s[m] = () => s;
        }
        callback?.(null, stream);
      },
      (err: Error) => callback?.(err, undefined as unknown as Duplex),
    );
    return undefined;
  }
}
