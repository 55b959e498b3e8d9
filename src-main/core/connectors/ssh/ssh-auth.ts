import { utils, type AnyAuthMethod, type AuthHandlerMiddleware, type ParsedKey } from 'ssh2';
import { AppError } from '../../../contract/errors';
import type { SecretStore } from '../../ports';
import type { ErrorTarget } from './ssh-errors';

/** What the SSH module needs to know of a host (the inventory's Host without its secrets). */
export interface SshHostRecord {
  id: string;
  name: string;
  address: string;
  port: number;
  username: string;
  authMethod: 'password' | 'key' | 'agent';
  credentialId: string | null;
  jumpHostId: string | null;
}

export interface SshCredentialRecord {
  id: string;
  name: string;
  kind: string;
}

/** The inventory as the SSH module reads it (wired in create-core). */
export interface SshInventory {
  host(id: string): SshHostRecord | undefined;
  credential(id: string): SshCredentialRecord | undefined;
}

export interface ResolvedAuth {
  methods: AnyAuthMethod[];
  /** Names for messages: "publickey", "password", "agent". */
  names: string[];
}

/**
 * The host's login from the vault: its own secrets first, then its credential's. Plaintext stays
 * inside this object and ssh2; it is never logged or put into an error.
 */
export function resolveAuth(host: SshHostRecord, deps: { inventory: SshInventory; secrets: SecretStore; agent?: string }, t: ErrorTarget): ResolvedAuth {
  const own = (field: string) => deps.secrets.reveal({ ownerType: 'host', ownerId: host.id, field });
  const cred = host.credentialId ? deps.inventory.credential(host.credentialId) : undefined;
  const credSecret = (field: string) => (cred ? deps.secrets.reveal({ ownerType: 'credential', ownerId: cred.id, field }) : null);
  const username = host.username;

  switch (host.authMethod) {
    case 'key': {
      const fromHost = own('privateKey');
      const keyText = fromHost ?? (cred?.kind === 'ssh-key' ? credSecret('value') : null);
      if (!keyText) {
        throw new AppError('SSH_AUTH_FAILED', `No private key is stored for ${host.name}.`, `Add the private key in Hosts → ${host.name}, or pick an SSH key credential.`, { methods: ['publickey'] });
      }
      const passphrase = (fromHost ? own('passphrase') : credSecret('passphrase')) ?? own('passphrase') ?? undefined;
      const key = parsePrivateKey(keyText, passphrase, host.name);
      return { methods: [{ type: 'publickey', username, key }], names: ['publickey'] };
    }
    case 'password': {
      const password = own('password') ?? (cred && cred.kind !== 'ssh-key' ? credSecret('value') : null);
      if (!password) {
        throw new AppError('SSH_AUTH_FAILED', `No password is stored for ${host.name}.`, `Set the password in Hosts → ${host.name}, or pick a password credential.`, { methods: ['password'] });
      }
      return { methods: [{ type: 'password', username, password }], names: ['password'] };
    }
    case 'agent': {
      const agent = deps.agent ?? process.env.SSH_AUTH_SOCK ?? (process.platform === 'win32' ? 'pageant' : undefined);
      if (!agent) {
        throw new AppError('SSH_AUTH_FAILED', `${t.name} logs in with the SSH agent, but no agent is running (SSH_AUTH_SOCK is not set).`, 'Start ssh-agent and add your key with ssh-add (Pageant on Windows), or store a key for this host.', { methods: ['agent'] });
      }
      return { methods: [{ type: 'agent', username, agent }], names: ['agent'] };
    }
  }
}

function parsePrivateKey(text: string, passphrase: string | undefined, hostName: string): ParsedKey {
  const parsed = utils.parseKey(text, passphrase);
  if (parsed instanceof Error) {
    const msg = parsed.message;
    if (/no passphrase/i.test(msg)) {
      throw new AppError('SSH_AUTH_FAILED', `The private key of ${hostName} is encrypted and no passphrase is stored.`, `Store the key's passphrase in Hosts → ${hostName}.`, { methods: ['publickey'] });
    }
    if (/passphrase|decrypt|bad decrypt|integrity/i.test(msg)) {
      throw new AppError('SSH_AUTH_FAILED', `The stored passphrase does not open the private key of ${hostName}.`, `Check the passphrase in Hosts → ${hostName}.`, { methods: ['publickey'] });
    }
    // ssh2's own text may quote bytes of the key (e.g. "Unsupported OpenSSH key magic: …"): never passed on.
    throw new AppError('SSH_AUTH_FAILED', `The private key stored for ${hostName} could not be read (${keyProblem(msg)}).`, 'Paste the whole key file, including the BEGIN and END lines (OpenSSH, PEM or PPK format).', { methods: ['publickey'] });
  }
  return Array.isArray(parsed) ? parsed[0]! : parsed;
}

/** What was wrong with a key, in our words only: ssh2's message can carry pieces of the key itself. */
export function keyProblem(ssh2Message: string): string {
  if (/unsupported key format/i.test(ssh2Message)) return 'not a private key in OpenSSH, PEM or PPK format';
  if (/key magic|malformed|unexpected|invalid|bad .*(length|format)/i.test(ssh2Message)) return 'its body is not a valid private key';
  if (/unsupported/i.test(ssh2Message)) return 'a key type or format Opsdeck cannot use';
  return 'not a private key in OpenSSH, PEM or PPK format';
}

/** Offers exactly our methods, in order, and remembers which ones were tried. */
export function authHandler(auth: ResolvedAuth, tried: string[]): AuthHandlerMiddleware {
  let i = 0;
  return (_left, _partial, next) => {
    const m = auth.methods[i];
    if (!m) return next(false as unknown as AnyAuthMethod);
    tried.push(auth.names[i]!);
    i++;
    next(m);
  };
}
