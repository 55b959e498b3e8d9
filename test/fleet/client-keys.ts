import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, startProcess, stopPid, waitForPort } from './processes';

/**
 * What a user of the console brings to a droplet: an ed25519 key without a passphrase, one
 * with a passphrase, and an ssh-agent holding the first, so every auth path can be tested.
 */
export interface ClientKeys {
  clientKey: string;
  clientKeyPath: string;
  clientPublicKey: string;
  encryptedClientKey: string;
  encryptedClientKeyPath: string;
  encryptedClientKeyPassphrase: string;
  encryptedClientPublicKey: string;
  agentSocket: string;
  agentPid: number;
}

export async function makeClientKeys(dir: string, comment: string): Promise<ClientKeys> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const clientKeyPath = join(dir, 'id_ed25519');
  const encryptedClientKeyPath = join(dir, 'id_ed25519_passphrase');
  const passphrase = randomBytes(9).toString('base64url');
  await Promise.all([
    run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', clientKeyPath]),
    run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', `${comment} (passphrase)`, '-f', encryptedClientKeyPath]),
  ]);
  const agentSocket = join(dir, 'agent.sock');
  const agentLog = join(dir, 'agent.log');
  // -D keeps the agent in the foreground so the PID we hold is the agent's own.
  const agentPid = startProcess('ssh-agent', ['-D', '-a', agentSocket], agentLog);
  try {
    await waitForPort('ssh-agent', { path: agentSocket }, agentPid, agentLog, 5000);
    await run('ssh-add', ['-q', clientKeyPath], { env: { ...process.env, SSH_AUTH_SOCK: agentSocket } });
  } catch (err) {
    await stopPid(agentPid);
    throw err;
  }
  return {
    clientKey: readFileSync(clientKeyPath, 'utf8'),
    clientKeyPath,
    clientPublicKey: readFileSync(`${clientKeyPath}.pub`, 'utf8').trim(),
    encryptedClientKey: readFileSync(encryptedClientKeyPath, 'utf8'),
    encryptedClientKeyPath,
    encryptedClientKeyPassphrase: passphrase,
    encryptedClientPublicKey: readFileSync(`${encryptedClientKeyPath}.pub`, 'utf8').trim(),
    agentSocket,
    agentPid,
  };
}
