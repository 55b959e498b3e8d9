import type { CheckResult } from '../../../contract';
import { cmd, type RemoteCommand } from '../../connectors/ssh/remote-command';
import type { ExecOptions, ExecResult } from '../../connectors/ssh/ssh-exec';
import { fail, pass, since, type CheckContext } from './check-context';

/** The part of the SSH manager this check uses: one exec over the host's shared connection. */
export interface Pm2Exec {
  exec(hostId: string, command: RemoteCommand, options?: ExecOptions): Promise<ExecResult>;
}

/**
 * Reads PM2's pid files and /proc instead of asking the daemon (`pm2 jlist` starts a Node
 * process and talks to the daemon: ~300 ms and real CPU on a small droplet, every interval).
 * Fixed text; the app's file name arrives as $1. Output: one `pid <pm_id> <pid> <state|gone|bad>`
 * line per instance, then `daemon up|down`.
 */
const SCRIPT = [
  'd="${PM2_HOME:-$HOME/.pm2}"',
  'for f in "$d"/pids/*.pid; do',
  '  [ -f "$f" ] || continue',
  '  b=${f##*/}; b=${b%.pid}; id=${b##*-}; n=${b%-*}',
  '  [ "$n" = "$1" ] || continue',
  '  case $id in ""|*[!0-9]*) continue;; esac',
  '  p=; read -r p < "$f"',
  '  case $p in ""|*[!0-9]*) echo "pid $id 0 bad"; continue;; esac',
  // Shell builtins only (no sed/cut processes): the state is the word after "(comm) ".
  '  if read -r st 2>/dev/null < "/proc/$p/stat"; then st=${st##*) }; echo "pid $id $p ${st%% *}"; else echo "pid $id $p gone"; fi',
  'done',
  'dp=; [ -r "$d/pm2.pid" ] && read -r dp < "$d/pm2.pid"',
  'if [ -n "$dp" ] && [ -d "/proc/$dp" ]; then echo "daemon up"; else echo "daemon down"; fi',
].join('\n');

/** PM2's own file name for an app (Common.js: every character but letters, digits, `\`, `.`, `-` becomes `-`). */
export function pm2FileName(app: string): string {
  return app.replace(/[^a-zA-Z0-9\\.-]/g, '-');
}

/** The remote command: `sh -c <SCRIPT> opsdeck-pm2 <file name>`; the name is one quoted word. */
export function pm2StatusCommand(app: string): RemoteCommand {
  return cmd('sh', '-c', SCRIPT, 'opsdeck-pm2', pm2FileName(app));
}

const RUNNING = new Set(['R', 'S', 'D', 'I', 'W']);

/** Turns the script's output into a result; exported for tests. */
export function parsePm2Status(app: string, stdout: string, latencyMs: number): CheckResult {
  const lines = stdout.split('\n').map((l) => l.trim()).filter(Boolean);
  const daemonUp = lines.includes('daemon up');
  const instances = lines.filter((l) => l.startsWith('pid ')).map((l) => {
    const [, id, pid, state] = l.split(' ');
    return { id, pid, state };
  });
  const daemon = daemonUp ? '' : ' The PM2 daemon is not running.';
  if (instances.length === 0) {
    return fail(`PM2 app "${app}" is not running: no PM2 pid file for it (stopped, deleted, or never started).${daemon}`, latencyMs, 0);
  }
  const running = instances.filter((i) => RUNNING.has(i.state ?? ''));
  const down = instances.filter((i) => !RUNNING.has(i.state ?? ''));
  const what = (i: { id?: string; pid?: string; state?: string }) =>
    i.state === 'gone' ? `instance ${i.id} (pid ${i.pid}) has exited` : i.state === 'Z' ? `instance ${i.id} (pid ${i.pid}) is a zombie` : `instance ${i.id} is in state ${i.state}`;
  if (down.length > 0) {
    return fail(`PM2 app "${app}": ${down.map(what).join('; ')} (${running.length} of ${instances.length} running).${daemon}`, latencyMs, running.length);
  }
  const pids = running.map((i) => i.pid).join(', ');
  return pass(`PM2 app "${app}" is online: ${running.length} instance${running.length === 1 ? '' : 's'} (pid ${pids}).${daemon}`, latencyMs, running.length);
}

/** PM2: every instance of `app` on the host has a live process. */
export async function pm2Check(cfg: { hostId: string; app: string }, ctx: CheckContext, ssh: Pm2Exec): Promise<CheckResult> {
  const t0 = performance.now();
  const r = await ssh.exec(cfg.hostId, pm2StatusCommand(cfg.app), { timeoutMs: ctx.timeoutMs, maxOutputBytes: 64 * 1024, signal: ctx.signal });
  const ms = since(t0);
  if (r.code !== 0) return fail(`Reading PM2's state on the host failed (exit ${r.code ?? r.signal}): ${r.stderr.trim().slice(0, 300)}`, ms);
  return parsePm2Status(cfg.app, r.stdout, ms);
}
