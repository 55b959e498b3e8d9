import { createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { analyzeLocalInputs } from '../../src-main/core/logs/analyze/local-files';
import { createTraffic, formatTimed, TIMED_FORMAT, GOACCESS_ARGS } from './nginx-loggen';

export { TIMED_FORMAT, GOACCESS_ARGS };

/**
 * The nginx-parse benchmark's TypeScript side (bundled by bench/nginx-parse.bench.mjs): writes
 * the seeded log once (cached), and, run as a child process (`node entry.cjs analyze FILE`),
 * analyses it the way `opsdeck analyze-log` does and prints the JSON and its timing.
 */

/** Writes `lines` lines of seeded traffic to `path` unless it is already there. */
export async function ensureLog(path: string, lines: number, seed: number): Promise<{ path: string; bytes: number; cached: boolean }> {
  if (existsSync(path)) return { path, bytes: statSync(path).size, cached: true };
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  const out = createWriteStream(tmp);
  const next = createTraffic(seed);
  let batch: string[] = [];
  for (let i = 0; i < lines; i++) {
    batch.push(formatTimed(next()));
    if (batch.length === 20_000 || i === lines - 1) {
      const ok = out.write(`${batch.join('\n')}\n`);
      batch = [];
      if (!ok) await new Promise<void>((r) => out.once('drain', () => r()));
    }
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  renameSync(tmp, path);
  return { path, bytes: statSync(path).size, cached: false };
}

/** Child-process mode: analyse FILE and print `{ ms, analytics }` as JSON on stdout. */
async function childMain(argv: string[]): Promise<void> {
  const [file, threadsText] = argv;
  const threads = Number(threadsText ?? '2');
  const t0 = performance.now();
  const { analytics } = await analyzeLocalInputs([file], { logFormat: TIMED_FORMAT, threads, top: 100_000 });
  const ms = performance.now() - t0;
  process.stdout.write(JSON.stringify({ ms, analytics }));
}

if (require.main === module && process.argv[2] === 'analyze') {
  childMain(process.argv.slice(3)).catch((err) => {
    console.error(err instanceof Error ? err.stack : String(err));
    process.exit(1);
  });
}
