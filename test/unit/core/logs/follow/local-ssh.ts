import { spawn } from 'node:child_process';
import type { RemoteCommand } from '../../../../../src-main/core/connectors/ssh/remote-command';
import type { FollowSsh } from '../../../../../src-main/core/logs/follow/types';

/**
 * The follow script run by this machine's own sh instead of over SSH: the same command line,
 * the same bytes, no network. `kill()` ends every running command like a dropped connection.
 */
export function localSsh(env: NodeJS.ProcessEnv = process.env): FollowSsh & { kill(): void; running(): number } {
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
      const child = spawn('sh', ['-c', command.line], { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env });
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
          process.kill(-child.pid!, 'SIGKILL');
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
    running: () => children.size,
  };
}
