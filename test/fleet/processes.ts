import { spawn, execFile, type SpawnOptions } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';

/**
 * Process plumbing shared by every fleet server: spawn with the output in a log file, wait
 * for a port, stop by PID. Nothing here ever kills by name; only PIDs we recorded, or the
 * processes of a login user that exists for one droplet only.
 */

export interface RunAs {
  uid: number;
  gid: number;
  env: NodeJS.ProcessEnv;
}

/** Every PID the fleet started in this process, so a crash of the test runner still cleans up. */
const live = new Set<number>();
process.on('exit', () => {
  for (const pid of live) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});
export function track(pid: number): void {
  live.add(pid);
}
export function untrack(pid: number): void {
  live.delete(pid);
}

/** Starts a long-running server; stdout and stderr go to `logFile` so failures can quote it. */
export function startProcess(cmd: string, args: string[], logFile: string, opts: SpawnOptions & { as?: RunAs } = {}): number {
  const fd = openSync(logFile, 'a');
  const { as, ...rest } = opts;
  const child = spawn(cmd, args, {
    ...rest,
    ...(as ? { uid: as.uid, gid: as.gid, env: as.env } : {}),
    stdio: ['ignore', fd, fd],
    // Own process group: a Ctrl+C in `npm run fleet` reaches only our handler, which stops each by PID.
    detached: true,
  });
  closeSync(fd);
  child.unref();
  if (!child.pid) throw new Error(`could not start ${cmd}`);
  track(child.pid);
  return child.pid;
}

export interface RunResult {
  stdout: string;
  stderr: string;
}

/** Runs a short command to completion; rejects with its output on a non-zero exit. */
export function run(cmd: string, args: string[], opts: { as?: RunAs; cwd?: string; input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      cmd,
      args,
      {
        cwd: opts.cwd,
        env: opts.as?.env ?? opts.env ?? process.env,
        uid: opts.as?.uid,
        gid: opts.as?.gid,
        timeout: opts.timeoutMs ?? 60_000,
        maxBuffer: 16 * 1024 * 1024,
      },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`${cmd} ${args.join(' ')} failed: ${err.message}\n${stderr}${stdout}`.trim()));
        else resolve({ stdout, stderr });
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A zombie answers kill(0) but is gone for every purpose of ours.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the PID is gone. */
export async function stopPid(pid: number | undefined, signal: NodeJS.Signals = 'SIGTERM', graceMs = 5000): Promise<void> {
  if (!pid) return;
  try {
    process.kill(pid, signal);
  } catch {
    untrack(pid);
    return;
  }
  const deadline = Date.now() + graceMs;
  while (alive(pid) && Date.now() < deadline) await sleep(25);
  if (alive(pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone between the check and the kill
    }
    while (alive(pid)) await sleep(25);
  }
  untrack(pid);
}

interface ProcInfo {
  pid: number;
  ppid: number;
  uid: number;
}

export function listProcesses(): ProcInfo[] {
  const out: ProcInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, 'utf8');
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
      const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
      if (/^State:\s+Z/m.test(status)) continue;
      out.push({ pid: Number(name), ppid, uid });
    } catch {
      // exited while we looked
    }
  }
  return out;
}

/** The PID and all its descendants, parents first. */
export function processTree(root: number): number[] {
  const procs = listProcesses();
  const result = [root];
  for (let i = 0; i < result.length; i++) {
    for (const p of procs) if (p.ppid === result[i]) result.push(p.pid);
  }
  return result.filter((pid) => alive(pid));
}

/** Every process owned by `uid`: used only for a login user that exists for one droplet. */
export function processesOfUid(uid: number): number[] {
  return listProcesses()
    .filter((p) => p.uid === uid)
    .map((p) => p.pid);
}

export async function killAll(pids: number[]): Promise<void> {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  const deadline = Date.now() + 5000;
  while (pids.some(alive) && Date.now() < deadline) await sleep(20);
  pids.forEach(untrack);
}

/** A port free on `host` right now (the kernel picks it; the server binds it a moment later). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, host, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function tryConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = new Socket();
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(500, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
    s.connect(port, host);
  });
}

export class ServerStartError extends Error {}

export function tail(file: string, lines = 20): string {
  if (!existsSync(file)) return '(no log)';
  const text = readFileSync(file, 'utf8').trimEnd().split('\n');
  return text.slice(-lines).join('\n');
}

/** Waits until something accepts on host:port (or a unix socket path); on timeout or on the
 * process exiting first, throws naming the server with the tail of its log. */
export async function waitForPort(what: string, target: { host: string; port: number } | { path: string }, pid: number | undefined, logFile: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok =
      'path' in target
        ? await new Promise<boolean>((resolve) => {
            const s = new Socket();
            s.once('connect', () => (s.destroy(), resolve(true)));
            s.once('error', () => (s.destroy(), resolve(false)));
            s.connect(target.path);
          })
        : await tryConnect(target.host, target.port);
    if (ok) return;
    const where = 'path' in target ? target.path : `${target.host}:${target.port}`;
    if (pid !== undefined && !alive(pid)) throw new ServerStartError(`${what} exited before listening on ${where}. Log ${logFile}:\n${tail(logFile)}`);
    if (Date.now() > deadline) throw new ServerStartError(`${what} did not listen on ${where} within ${timeoutMs} ms. Log ${logFile}:\n${tail(logFile)}`);
    await sleep(30);
  }
}
