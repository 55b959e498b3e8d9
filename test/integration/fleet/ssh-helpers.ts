import { createHash } from 'node:crypto';
import { Client, type ClientChannel, type ConnectConfig } from 'ssh2';
import type { Droplet } from '../../fleet';

/** SHA256 fingerprint as `ssh-keygen -lf` prints it, from the raw host key ssh2 hands over. */
export function fingerprint(key: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(key).digest('base64').replace(/=+$/, '');
}

export interface Connected {
  client: Client;
  hostKeyFingerprint: string;
}

/** Connects with strict host-key checking against `expectFingerprint` (default: the droplet's). */
export function connect(d: Droplet, auth: Partial<ConnectConfig> = { privateKey: d.clientKey }, expectFingerprint = d.hostKeyFingerprint, sock?: ConnectConfig['sock']): Promise<Connected> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    let seen = '';
    client.once('ready', () => resolve({ client, hostKeyFingerprint: seen }));
    client.once('error', reject);
    client.connect({
      host: d.host,
      port: d.port,
      username: d.user,
      readyTimeout: 10_000,
      sock,
      hostVerifier: (key: Buffer) => {
        seen = fingerprint(key);
        return seen === expectFingerprint;
      },
      ...auth,
    });
  });
}

export function exec(client: Client, command: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    client.exec(command, (err, stream: ClientChannel) => {
      if (err) return reject(err);
      let stdout = '';
      let stderr = '';
      stream.on('data', (d: Buffer) => (stdout += d));
      stream.stderr.on('data', (d: Buffer) => (stderr += d));
      stream.on('close', (code: number) => resolve({ code, stdout, stderr }));
    });
  });
}
