import { spawn } from 'node:child_process';
import type { RemoteCommand } from '../../../../../src-main/core/connectors/ssh/remote-command';
import type { FollowSsh } from '../../../../../src-main/core/logs/follow/types';

/**
 * The follow script run by this machine's own sh instead of over SSH: the same command line,
 * the same bytes, no network. `kill()` ends every running command like a dropped connection.
 * With `closeLikeSshd`, closing a command sends KILL to its top process only and closes the
 * pipes (what sshd does on a channel close), so whatever it started must end by itself.
 */
export function localSsh(env: NodeJS.ProcessEnv = process.env, opts: { closeLikeSshd?: boolean } = {}): FollowSsh & { kill(): void; hangUp(): void; running(): number; pids(): number[] } {
  const children = new Set<ReturnType<typeof spawn>>();
  return {
    async exec(_hostId: string, command: RemoteCommand) {
      const started = Date.now();
      return new Promise((resolve) => {
        const child = spawn('sh', ['-c', command.line], { stdio: ['ignore', 'pipe', 'pipe'], env });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        child.stdout.on('data', (b: Buffer) => out.push(b));
        child.stderr.on('data', (b: Buffer) => err.push(b));
        child.on('close', (code, signal) => {
          const stdoutBytes = Buffer.concat(out);
          resolve({ code, signal, stdout: stdoutBytes.toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), stdoutBytes, durationMs: Date.now() - started });
        });
      });
    },
    async execStream(_hostId: string, command: RemoteCommand) {
      // Like a login shell that execs a single command (bash does): the script is the top process.
      const line = opts.closeLikeSshd ? `exec ${command.line}` : command.line;
      const child = spawn('sh', ['-c', line], { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env });
      children.add(child);
      const done = new Promise<{ code: number | null; signal: string | null }>((resolve, reject) => {
        child.on('close', (code, signal) => {
          children.delete(child);
          if (signal) reject(Object.assign(new Error('closed'), { code: 'SSH_CLOSED' }));
          else resolve({ code, signal: null });
        });
      });
      const kill = () => {
        try {
          if (opts.closeLikeSshd) {
            child.kill('SIGKILL');
            child.stdout!.destroy();
            child.stderr!.destroy();
          } else process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* gone */
        }
      };
      return { stdout: child.stdout!, stderr: child.stderr!, done, close: kill };
    },
    kill() {
      for (const c of children) {
        try {
          process.kill(-c.pid!, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    },
    /** The connection is gone without a signal: the commands' output pipes are closed. */
    hangUp() {
      for (const c of children) {
        c.stdout!.destroy();
        c.stderr!.destroy();
      }
    },
    running: () => children.size,
    pids: () => [...children].map((c) => c.pid!),
  };
}
