import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { compileLogFormat } from '../parse/nginx-format';
import { AccessState, type AccessStateOptions, type ExportedAccessState } from '../analytics/access-state';
import { analyzeFileRange, lineAlignedRanges } from './file-range';

/**
 * Whole-file analysis over worker threads. The file is cut into many line-aligned byte ranges;
 * this thread and the workers claim them one at a time from a shared counter (so a worker that
 * starts late, or a busy core, just takes fewer), each into its own exact state, and the
 * workers' states are merged here. A worker runs `analyze-worker.js` next to its parent's
 * bundle (the app's and the benchmark's builds emit it), else the same bundled script as its
 * parent, recognised by its `workerData.kind`; under a TypeScript test runner there is no
 * bundle and callers read the file on this thread instead.
 */

const KIND = 'opsdeck.analyze-range';
/**
 * Ranges per thread: enough to even out (the last range claimed is what one thread may run
 * alone at the end: ~1/64 of the file with 2 threads), few enough that each is a long read.
 */
const RANGES_PER_THREAD = 32;

interface RangeJob {
  kind: typeof KIND;
  path: string;
  ranges: [number, number][];
  /** Int32 [0]: the next range to claim. */
  next: SharedArrayBuffer;
  logFormat: string | undefined;
  options: AccessStateOptions;
}

/** The file name of the small worker bundle, when the build emits one (worker-entry.ts). */
export const WORKER_BUNDLE = 'analyze-worker.js';

/**
 * The script a worker can start from: `analyze-worker.js` next to this bundle when the build
 * emits it, else this bundle itself when it is plain JavaScript, else null (TypeScript under a
 * test runner: no workers).
 */
export function workerScript(): string | null {
  const f = typeof __filename === 'string' ? __filename : '';
  if (!/\.(c?js)$/.test(f)) return null;
  const small = join(dirname(f), WORKER_BUNDLE);
  return existsSync(small) ? small : f;
}

/** Reads ranges into `state` until none is left to claim. */
function claimRanges(state: AccessState, path: string, ranges: [number, number][], next: Int32Array): void {
  for (;;) {
    const i = Atomics.add(next, 0, 1);
    if (i >= ranges.length) return;
    analyzeFileRange(state, path, ranges[i][0], ranges[i][1]);
  }
}

// Inside a worker started by analyzeFileParallel: claim ranges, then report the state.
if (!isMainThread && parentPort && (workerData as RangeJob | undefined)?.kind === KIND) {
  const port = parentPort;
  const job = workerData as RangeJob;
  try {
    const state = new AccessState(compileLogFormat(job.logFormat), job.options);
    claimRanges(state, job.path, job.ranges, new Int32Array(job.next));
    port.postMessage({ ok: true, state: state.export() });
  } catch (err) {
    port.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) });
  }
}

/**
 * Adds one plain file into `into`, read by this thread and `threads − 1` workers (when a
 * worker script exists and the file is worth it: ≥ `minBytes`, default 32 MB, since a worker
 * loads the whole bundle first, ~0.3 s of CPU for the CLI's; else all on this thread).
 * Returns the bytes read.
 */
export async function analyzeFileParallel(into: AccessState, path: string, logFormat: string | undefined, threads: number, size: number, minBytes = 32 * 1024 * 1024): Promise<number> {
  const script = workerScript();
  if (!script || threads < 2 || size < minBytes) return analyzeFileRange(into, path);
  const ranges = lineAlignedRanges(path, threads * RANGES_PER_THREAD);
  const next = new SharedArrayBuffer(4);
  const options = into.opts;
  const pending = Promise.all(
    Array.from(
      { length: threads - 1 },
      () =>
        new Promise<ExportedAccessState>((resolve, reject) => {
          const job: RangeJob = { kind: KIND, path, ranges, next, logFormat, options };
          const w = new Worker(script, { workerData: job });
          w.once('message', (m: { ok: boolean; state?: ExportedAccessState; message?: string }) => {
            if (m.ok && m.state) resolve(m.state);
            else reject(new Error(m.message ?? 'analysis worker failed'));
            void w.terminate();
          });
          w.once('error', reject);
          w.once('exit', (code) => {
            if (code !== 0) reject(new Error(`analysis worker stopped with code ${code}`));
          });
        }),
    ),
  );
  pending.catch(() => undefined);
  claimRanges(into, path, ranges, new Int32Array(next));
  for (const r of await pending) into.merge(r);
  return size;
}
