import { AppError, isAppError } from '../../../contract/errors';

export interface DockerWhere {
  /** The host's name, or 'this computer' for a local socket. */
  hostName: string;
  socketPath: string;
  remote: boolean;
  user?: string;
}

const groupHint = (w: DockerWhere) =>
  `Add ${w.user ?? 'the user'} to the docker group (sudo usermod -aG docker ${w.user ?? '<user>'}), then reconnect; for rootless podman use its socket (e.g. /run/user/<uid>/podman/podman.sock).`;

/**
 * Turns what the socket, the SSH channel or the engine said into one clear error:
 * "Docker is not reachable on web-1 at /var/run/docker.sock: permission denied."
 */
export function dockerError(err: unknown, w: DockerWhere): AppError {
  if (isAppError(err) && err.code === 'CANCELLED') return err;
  const e = err as { code?: string; message?: string; statusCode?: number; json?: { message?: string } | null; reason?: string };
  const raw = e?.message ?? String(err);
  const at = `Docker is not reachable on ${w.hostName} at ${w.socketPath}`;
  const details = { host: w.hostName, socketPath: w.socketPath };
  if (e?.code === 'EACCES' || /permission denied/i.test(raw)) {
    return new AppError('FORBIDDEN', `${at}: permission denied.`, groupHint(w), details);
  }
  if (e?.code === 'ENOENT' || /no such file/i.test(raw)) {
    return new AppError('NOT_FOUND', `${at}: the socket does not exist.`, 'Check that Docker (or podman\u2019s API service) runs on the host, and the socket path in the host\u2019s Docker settings.', details);
  }
  if (e?.code === 'ECONNREFUSED') {
    return new AppError('NOT_FOUND', `${at}: nothing is listening on the socket.`, 'Start the Docker daemon (systemctl start docker) or podman system service.', details);
  }
  if (w.remote && (isAppError(err) ? err.code === 'SSH_CHANNEL' : /open failed|channel open|prohibited/i.test(raw))) {
    // OpenSSH refuses a stream-local channel the same way whether the socket is missing or forbidden.
    return new AppError(
      'NOT_FOUND',
      `${at}: the SSH server could not open the socket (it is missing, or ${w.user ?? 'the user'} may not use it).`,
      `Check that Docker runs on ${w.hostName}. ${groupHint(w)} The server must allow stream-local forwarding (AllowStreamLocalForwarding yes, the default).`,
      details,
    );
  }
  if (isAppError(err)) return err;
  if (typeof e?.statusCode === 'number') {
    const msg = e.json?.message ?? e.reason ?? raw;
    const code = e.statusCode === 404 ? 'NOT_FOUND' : e.statusCode === 409 ? 'CONFLICT' : 'REMOTE_COMMAND_FAILED';
    return new AppError(code, `The Docker engine on ${w.hostName} answered ${e.statusCode}: ${String(msg).slice(0, 300)}`, undefined, details);
  }
  return new AppError('REMOTE_COMMAND_FAILED', `${at}: ${raw.slice(0, 300)}`, undefined, details);
}
