// Shared set-up of the benchmarks whose code under test is TypeScript: the repository root, the
// command-line flag reader, and the Vite SSR build that bundles a TS entry into out/bench/
// (a devDependency already; node_modules stay external) so the benchmark can import it.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root. */
export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The value of `--name VALUE` or `--name=VALUE` in args, or fallback when absent. */
export function flag(args, name, fallback) {
  const i = args.indexOf(`--${name}`);
  if (i >= 0 && args[i + 1] !== undefined) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`--${name}=`));
  return eq ? eq.slice(name.length + 3) : fallback;
}

/**
 * Bundles each [input, fileName] pair (input relative to the repository root) with Vite's SSR
 * build into out/bench/fileName (CommonJS, node20, not minified), one after the other.
 * Returns the absolute path of the first bundle.
 */
export async function bundle(...entries) {
  const { build } = await import('vite');
  const outDir = join(root, 'out', 'bench');
  mkdirSync(outDir, { recursive: true });
  for (const [input, file] of entries) {
    await build({
      configFile: false,
      root,
      logLevel: 'warn',
      build: {
        ssr: join(root, input),
        outDir,
        emptyOutDir: false,
        target: 'node20',
        minify: false,
        rollupOptions: { output: { format: 'cjs', entryFileNames: file } },
      },
    });
  }
  return join(outDir, entries[0][1]);
}

/** Bundles bench/lib/NAME.ts into out/bench/NAME.cjs and imports it (the module's exports). */
export async function importBundled(name) {
  const entry = await bundle([join('bench', 'lib', `${name}.ts`), `${name}.cjs`]);
  return import(pathToFileURL(entry).href);
}
