#!/usr/bin/env node
// `npm run bench -- NAME [flags]`: runs bench/NAME.bench.mjs (or .ts through the build).
// Each benchmark prints its figures and ends with
// `RESULT NAME metric=VALUE anchor=VALUE ratio=VALUE` (ratio > 1: Opsdeck is better).
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .map((f) => f.replace(/\.bench\.mjs$/, ''));
const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.error(
    `${name ? `No benchmark named "${name}". ` : ''}Available: ${available.length ? available.join(', ') : '(none yet)'}\nUsage: npm run bench -- NAME [flags]`,
  );
  process.exit(name ? 2 : 0);
}
const mod = await import(pathToFileURL(join(here, `${name}.bench.mjs`)).href);
await mod.run(args);
