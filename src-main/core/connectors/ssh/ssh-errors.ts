import { AppError } from '../../../contract/errors';
import { redactSecrets } from '../../secrets/redact';

/** Who we were talking to, for messages the user can act on. */
export interface ErrorTarget {
  name: string;
  address: string;
  port: number;
  username?: string;
  /** 'jump' when the failure happened on the jump host of the host asked for. */
  via?: 'direct' | 'jump';
}

const where = (t: ErrorTarget) => `${t.address.includes(':') ? `[${t.address}]` : t.address}:${t.port}`;
const who = (t: ErrorTarget) => `${t.via === 'jump' ? 'jump host ' : ''}${t.name} (${where(t)})`;
/** The same at the start of a sentence: only our own words are capitalised, never a host's name. */
const Who = (t: ErrorTarget) => (t.via === 'jump' ? `Jump host ${t.name} (${where(t)})` : who(t));

const UNREACHABLE: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  EHOSTUNREACH: 'no route to host',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'the name does not resolve',
  EAI_AGAIN: 'the name could not be resolved right now',
  ECONNRESET: 'the connection was reset',
  EADDRNOTAVAIL: 'the address is not available',
  ETIMEDOUT: 'the connection attempt timed out',
  EPIPE: 'the connection broke',
};

/**
 * One ssh2 failure → one AppError with a code of its own and a hint that says what to do.
 * Messages never carry secrets (and pass through redactSecrets in case a library put one there).
 */
export function mapSshError(err: unknown, t: ErrorTarget, ctx: { phase: 'connect' | 'exec'; authTried?: string[]; timeoutMs?: number } = { phase: 'connect' }): AppError {
  if (err instanceof AppError) return err;
  const e = (err ?? {}) as { code?: string; level?: string; message?: string };
  const message = redactSecrets(String(e.message ?? err));
  const code = typeof e.code === 'string' ? e.code : '';

  if (code && UNREACHABLE[code]) {
    if (code === 'ETIMEDOUT') return timeoutError(t, ctx.timeoutMs);
    return new AppError(
      'SSH_UNREACHABLE',
      `Cannot reach ${who(t)}: ${UNREACHABLE[code]}.`,
      code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? 'Check the host name (DNS) and your network connection.'
        : 'Check the address and port, and that sshd runs and the firewall allows you.',
      { code, host: t.address, port: t.port, via: t.via ?? 'direct' },
    );
  }
  if (e.level === 'client-timeout' || /timed out|timeout/i.test(message)) return timeoutError(t, ctx.timeoutMs, /keepalive/i.test(message));
  if (e.level === 'client-authentication' || /authentication methods failed/i.test(message)) {
    return authFailed(t, ctx.authTried ?? []);
  }
  if (e.level === 'agent') {
    return new AppError('SSH_AUTH_FAILED', `The SSH agent could not be used for ${who(t)}: ${message}.`, 'Start your SSH agent (SSH_AUTH_SOCK) and add the key with ssh-add, or choose key or password authentication.', { methods: ['agent'] });
  }
  if (/channel open failure|open failed|administratively prohibited|unable to open/i.test(message)) {
    return channelError(t, message);
  }
  if (/no response from server|not connected|socket.*closed|connection lost|ended/i.test(message)) {
    return closedError(t);
  }
  if (e.level === 'protocol' || e.level === 'handshake') {
    return new AppError('SSH_UNREACHABLE', `${who(t)} did not complete an SSH handshake: ${message}.`, 'Check that this address and port run an SSH server that supports modern algorithms (ed25519/ECDSA/RSA-SHA2 keys, AES-GCM/CTR or ChaCha20 ciphers).', { host: t.address, port: t.port });
  }
  return new AppError('SSH_CLOSED', `The SSH connection to ${who(t)} failed: ${message}.`, 'Try again; if it persists, check the server logs (journalctl -u ssh).', { host: t.address, port: t.port });
}

export function timeoutError(t: ErrorTarget, timeoutMs?: number, keepalive = false, command?: string): AppError {
  if (command !== undefined) {
    return new AppError('SSH_TIMEOUT', `The command on ${who(t)} did not finish within ${fmtMs(timeoutMs)} and was stopped: ${command}`, 'The server may be overloaded, or the command waits for input; try again or raise the timeout.', { host: t.address, port: t.port, timeoutMs });
  }
  if (keepalive) {
    return new AppError('SSH_TIMEOUT', `${Who(t)} stopped answering (no reply to 3 keepalives).`, 'Check the network and the server; Opsdeck reconnects on the next action.', { host: t.address, port: t.port });
  }
  return new AppError('SSH_TIMEOUT', `${Who(t)} did not complete the SSH handshake within ${fmtMs(timeoutMs)}.`, 'Check that this port runs sshd (not another service) and that no firewall drops the connection.', { host: t.address, port: t.port, timeoutMs });
}

export function authFailed(t: ErrorTarget, tried: string[], why?: string): AppError {
  const methods = tried.length ? tried.join(', ') : 'none';
  return new AppError(
    'SSH_AUTH_FAILED',
    `${Who(t)} refused the login of ${t.username ?? 'the user'}${why ? `: ${why}` : ''} (tried: ${methods}).`,
    'Check the user name and the key or password stored for this host (Hosts → ' + t.name + '); for a key, the server must list its public key in ~/.ssh/authorized_keys.',
    { methods: tried, username: t.username },
  );
}

export function closedError(t: ErrorTarget, command?: string): AppError {
  return new AppError(
    'SSH_CLOSED',
    command ? `The connection to ${who(t)} closed while a command was running: ${command}` : `The connection to ${who(t)} closed.`,
    'The server may have restarted or dropped the connection; check that it is up and try again (Opsdeck reconnects by itself).',
    { host: t.address, port: t.port },
  );
}

export function channelError(t: ErrorTarget, message: string): AppError {
  return new AppError(
    'SSH_CHANNEL',
    `${Who(t)} refused to open a channel: ${redactSecrets(message)}.`,
    'The server may limit sessions (MaxSessions) or forbid forwarding (AllowTcpForwarding / AllowStreamLocalForwarding); check sshd_config.',
    { host: t.address, port: t.port },
  );
}

export function outputTooLarge(t: ErrorTarget, maxBytes: number, command: string): AppError {
  return new AppError('OUTPUT_TOO_LARGE', `The command on ${who(t)} produced more than ${maxBytes} bytes of output and was stopped: ${command}`, 'Narrow the command down (fewer lines, a filter) or use a streaming view.', { maxBytes });
}

function fmtMs(ms?: number): string {
  if (ms === undefined) return 'the time allowed';
  return ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}
