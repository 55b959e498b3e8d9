#!/usr/bin/env node
'use strict';
// The `opsdeck` command line: `opsdeck serve`, `opsdeck help`. Runs the built core (out/main).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  console.error('Opsdeck is not built yet. Run `npm run build` first (or `npm run serve`, which builds and starts).');
  process.exit(1);
}
require(cli).main(process.argv.slice(2)).then(
  (code) => {
    if (typeof code === 'number') process.exitCode = code;
  },
  (err) => {
    console.error(err && err.message ? err.message : String(err));
    process.exit(1);
  },
);
