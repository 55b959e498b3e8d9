import { closeSync, openSync, readSync, statSync, createReadStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { AccessAnalytics } from '../../../contract';
import { AppError } from '../../../contract/errors';
import { accessStateOptions } from '../analytics';
import { AccessState } from '../analytics/access-state';
import { compileLogFormat } from '../parse/nginx-format';
import { LineFeed } from './line-feed';
import { analyzeFileParallel } from './parallel';

/** One input of a whole-file analysis and what was read from it. */
export interface AnalyzedInput {
  /** As given (`-` = standard input). */
  path: string;
  gzip: boolean;
  /** Bytes read (uncompressed). */
  bytes: number;
  /** Lines read (requests). */
  lines: number;
}

export interface LocalAnalysisOptions {
  logFormat?: string;
  /** Worker threads for plain files; default: the machine's cores (at most 8). */
  threads?: number;
  /** Smallest plain file read in parallel (default 32 MB; 1 MB when `threads` was asked for). */
  minParallelBytes?: number;
  top?: number;
  bucketMs?: number;
  /** Standard input, for `-`. */
  stdin?: Readable;
}

function isGzip(path: string): boolean {
  if (path.endsWith('.gz')) return true;
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

async function feedStream(state: AccessState, stream: Readable): Promise<number> {
  const feed = new LineFeed(state);
  for await (const chunk of stream) feed.feed(chunk as Buffer);
  feed.end();
  return feed.bytes;
}

function unreadable(path: string, err: unknown): AppError {
  const code = (err as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'it does not exist' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (err as Error).message;
  return new AppError('VALIDATION', `Cannot read ${path}: ${why}.`, 'Check the path and that you may read the file.');
}

/**
 * Analyses local files (plain or gzip) and standard input (`-`) as one access log: the panels
 * are summed over all inputs. Plain files are read in parallel byte ranges; exact panels.
 */
export async function analyzeLocalInputs(paths: string[], opts: LocalAnalysisOptions = {}): Promise<{ analytics: AccessAnalytics; files: AnalyzedInput[] }> {
  const state = new AccessState(compileLogFormat(opts.logFormat), accessStateOptions({ exact: true, top: opts.top, bucketMs: opts.bucketMs }));
  const threads = opts.threads ?? Math.min(8, availableParallelism());
  const files: AnalyzedInput[] = [];
  for (const path of paths) {
    const before = state.requests;
    let bytes: number;
    let gzip = false;
    if (path === '-') {
      bytes = await feedStream(state, opts.stdin ?? process.stdin);
    } else {
      let size: number;
      try {
        const st = statSync(path);
        if (st.isDirectory()) throw Object.assign(new Error('folder'), { code: 'EISDIR' });
        size = st.size;
        gzip = isGzip(path);
      } catch (err) {
        throw unreadable(path, err);
      }
      try {
        bytes = gzip ? await feedStream(state, createReadStream(path).pipe(createGunzip())) : await analyzeFileParallel(state, path, opts.logFormat, threads, size, opts.minParallelBytes ?? (opts.threads ? 1024 * 1024 : undefined));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code?.startsWith('Z_')) {
          throw new AppError('VALIDATION', `Cannot read ${path}: it is not valid gzip (${(err as Error).message}).`, 'Check the file, or give the uncompressed log.');
        }
        throw unreadable(path, err);
      }
    }
    files.push({ path, gzip, bytes, lines: state.requests - before });
  }
  return { analytics: state.snapshot(), files };
}
