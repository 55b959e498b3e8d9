import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { compileLogFormat } from '../parse/nginx-format';
import { AccessState, type AccessStateOptions, type ExportedAccessState } from '../analytics/access-state';
import { analyzeFileRange, lineAlignedRanges } from './file-range';

/**
 * Whole-file analysis over worker threads: the file is cut into line-aligned byte ranges,
 * each worker builds its own exact state, the main thread merges them. The worker runs the
 * same bundled script as its parent (the CLI or a benchmark bundle), recognised by its
 * `workerData.kind`; under a TypeScript test runner there is no bundle and callers read the
 * file on the main thread instead.
 */

const KIND = 'opsdeck.analyze-range';

interface RangeJob {
  kind: typeof KIND;
  path: string;
  start: number;
  end: number;
  logFormat: string | undefined;
  options: AccessStateOptions;
}

/** The script a worker can start from: this bundle when it is plain JavaScript, else null. */
export function workerScript(): string | null {
  const f = typeof __filename === 'string' ? __filename : '';
  return /\.(c?js)$/.test(f) ? f : null;
}

function runRange(job: RangeJob): ExportedAccessState {
  const state = new AccessState(compileLogFormat(job.logFormat), job.options);
  analyzeFileRange(state, job.path, job.start, job.end);
  return state.export();
}

// Inside a worker started by analyzeFileParallel: do the range and report.
if (!isMainThread && parentPort && (workerData as RangeJob | undefined)?.kind === KIND) {
  const port = parentPort;
  try {
    port.postMessage({ ok: true, state: runRange(workerData as RangeJob) });
  } catch (err) {
    port.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) });
  }
}

/**
 * Adds one plain file into `into` over `threads` line-aligned ranges: this thread reads the
 * first, `threads − 1` workers the others (when a worker script exists and the file is worth
 * it: ≥ `minBytes`, default 32 MB, since a worker loads the whole bundle first, ~0.3 s of
 * CPU for the CLI's; else everything on this thread). Returns the bytes read.
 */
export async function analyzeFileParallel(into: AccessState, path: string, logFormat: string | undefined, threads: number, size: number, minBytes = 32 * 1024 * 1024): Promise<number> {
  const script = workerScript();
  if (!script || threads < 2 || size < minBytes) return analyzeFileRange(into, path);
  const [first, ...rest] = lineAlignedRanges(path, threads);
  const options = into.opts;
  const pending = Promise.all(
    rest.map(
      ([start, end]) =>
        new Promise<ExportedAccessState>((resolve, reject) => {
          const job: RangeJob = { kind: KIND, path, start, end, logFormat, options };
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
  // This thread reads the first range meanwhile (one worker fewer to start and merge).
  pending.catch(() => undefined);
  analyzeFileRange(into, path, first[0], first[1]);
  for (const r of await pending) into.merge(r);
  return size;
}
