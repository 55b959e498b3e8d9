import { posix } from 'node:path';
import { createGunzip } from 'node:zlib';
import type { AccessAnalytics } from '../../contract';
import { AppError } from '../../contract/errors';
import { cmd } from '../connectors/ssh/remote-command';
import type { SshManager } from '../connectors/ssh';
import type { JobContext } from '../jobs/job-runner';
import { accessStateOptions } from './analytics';
import { AccessState } from './analytics/access-state';
import { LineFeed } from './analyze/line-feed';
import { compileLogFormat } from './parse/nginx-format';

/**
 * The `logs.analyzeFile` job: an access log on a host (and its rotated siblings, oldest first)
 * read over the host's SSH connection into one AccessState. Bytes travel as they are on disk
 * (`cat`); `.gz` siblings are decompressed here, so progress is exact in bytes read.
 */

export const ANALYZE_FILE_KIND = 'logs.analyzeFile';

/** Bounds of a job's state: exact for any ordinary log, bounded for a pathological one. */
const JOB_BOUNDS = { maxPaths: 100_000, maxClients: 100_000, maxVisitorKeys: 5_000_000 } as const;

export interface RemoteLogFile {
  path: string;
  bytes: number;
  gzip: boolean;
}

export interface AnalyzeFileInput {
  hostId: string;
  path: string;
  includeRotated: boolean;
  logFormat?: string;
}

// Lists "$1" and "$1".N / "$1".N.gz as `size<TAB>path<NUL>`. Fixed text: the path is "$1".
const LIST_SCRIPT = 'for f in "$1" "$1".[0-9]*; do if [ -f "$f" ] && [ -r "$f" ]; then printf "%s\\t%s\\0" "$(wc -c < "$f" | tr -d " ")" "$f"; fi; done';

const ROTATED = /^\.(\d+)(\.gz)?$/;

/** The log and its rotated siblings on the host, oldest first (PATH.9.gz … PATH.1, PATH). */
export async function listRotated(ssh: Pick<SshManager, 'exec'>, hostId: string, path: string, includeRotated: boolean, signal?: AbortSignal): Promise<RemoteLogFile[]> {
  const r = await ssh.exec(hostId, cmd('sh', '-c', LIST_SCRIPT, 'sh', path), { timeoutMs: 30_000, signal });
  const files: (RemoteLogFile & { n: number })[] = [];
  for (const entry of r.stdoutBytes.toString('utf8').split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const bytes = Number(entry.slice(0, tab));
    const p = entry.slice(tab + 1);
    if (!Number.isFinite(bytes)) continue;
    if (p === path) {
      files.push({ path: p, bytes, gzip: false, n: 0 });
      continue;
    }
    const m = ROTATED.exec(p.slice(path.length));
    if (!includeRotated || !p.startsWith(path) || !m) continue;
    files.push({ path: p, bytes, gzip: !!m[2], n: Number(m[1]) });
  }
  if (!files.some((f) => f.n === 0)) {
    throw new AppError('NOT_FOUND', `The log ${path} is not on the host or cannot be read.`, 'Check the path, and that the SSH user may read it (e.g. is in the adm group).');
  }
  return files.sort((a, b) => b.n - a.n).map(({ path: p, bytes, gzip }) => ({ path: p, bytes, gzip }));
}

/** Streams one remote file into a LineFeed; `onBytes` gets the bytes read so far (on disk). */
async function streamFile(ssh: Pick<SshManager, 'execStream'>, hostId: string, file: RemoteLogFile, feed: LineFeed, ctx: JobContext, onBytes: (n: number) => void): Promise<void> {
  const stream = await ssh.execStream(hostId, cmd('cat', '--', file.path), { signal: ctx.signal });
  let stderr = '';
  stream.stderr.on('data', (d: Buffer) => {
    if (stderr.length < 2000) stderr += d.toString('utf8');
  });
  const done = stream.done;
  done.catch(() => undefined);
  let read = 0;
  const counted = (chunk: Buffer) => {
    read += chunk.length;
    onBytes(read);
  };
  try {
    if (file.gzip) {
      const gunzip = createGunzip();
      stream.stdout.on('data', counted);
      stream.stdout.pipe(gunzip);
      for await (const chunk of gunzip) {
        ctx.throwIfCancelled();
        feed.feed(chunk as Buffer);
      }
    } else {
      for await (const chunk of stream.stdout) {
        ctx.throwIfCancelled();
        counted(chunk as Buffer);
        feed.feed(chunk as Buffer);
      }
    }
    feed.end();
  } catch (err) {
    stream.close();
    if (err instanceof AppError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (code.startsWith('Z_')) throw new AppError('REMOTE_COMMAND_FAILED', `${file.path} is not a valid gzip file.`, 'The rest of the logs can be read without it: analyse the plain log only.');
    throw err;
  }
  const exit = await done;
  if (exit.code !== 0) {
    throw new AppError('REMOTE_COMMAND_FAILED', `Reading ${file.path} failed${stderr.trim() ? `: ${stderr.trim().slice(0, 300)}` : ` (exit ${exit.code ?? exit.signal})`}.`, 'Check that the SSH user may read the file.');
  }
}

/** The body of a `logs.analyzeFile` job. */
export async function analyzeRemoteLog(ssh: Pick<SshManager, 'exec' | 'execStream'>, input: AnalyzeFileInput, ctx: JobContext): Promise<AccessAnalytics> {
  ctx.progress(0, 'Listing the log files');
  const files = await listRotated(ssh, input.hostId, input.path, input.includeRotated, ctx.signal);
  const total = files.reduce((s, f) => s + f.bytes, 0);
  ctx.log('info', `${files.length} file(s), ${total} bytes: ${files.map((f) => posix.basename(f.path)).join(', ')}`);
  const state = new AccessState(compileLogFormat(input.logFormat), { ...accessStateOptions({ exact: true }), ...JOB_BOUNDS });
  const feed = new LineFeed(state);
  let before = 0;
  for (const [i, f] of files.entries()) {
    ctx.throwIfCancelled();
    const step = `Reading ${posix.basename(f.path)} (${i + 1} of ${files.length})`;
    ctx.progress(total ? (before / total) * 100 : 0, step);
    const startLines = state.requests;
    await streamFile(ssh, input.hostId, f, feed, ctx, (n) => ctx.progress(total ? (Math.min(before + n, total) / total) * 100 : 0, step));
    ctx.log('info', `${posix.basename(f.path)}: ${state.requests - startLines} lines`);
    before += f.bytes;
  }
  const result = state.snapshot();
  if (result.totals.requests > 0 && result.totals.valid === 0) {
    ctx.log('warn', 'No line matched the log format: give the log_format of this nginx (it is in nginx.conf).');
  }
  ctx.progress(100, 'Done');
  return result;
}
