#!/usr/bin/env node
// `npm start`: opens the Opsdeck desktop app. Where the Electron binary is missing (a machine
// without a display, or an install with ELECTRON_SKIP_BINARY_DOWNLOAD), it says so and points
// to `npm run serve`, which runs the same product in a browser.
import { spawnSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const electron = electronBinary();
if (!electron) {
  console.error(
    [
      'The Electron binary is not installed on this machine, so the desktop window cannot open.',
      '',
      '  • To use Opsdeck here in a browser instead, run:   npm run serve',
      '  • To get the desktop app, reinstall with the binary: npm install (without ELECTRON_SKIP_BINARY_DOWNLOAD)',
    ].join('\n'),
  );
  process.exit(1);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32', ...opts });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// better-sqlite3 in node_modules is built for Node (tests, `opsdeck serve`). The desktop app needs
// a copy built for Electron's ABI; keep it beside, never rebuild the one Node uses.
const electronVersion = require('electron/package.json').version;
const nativeDir = join(root, '.cache', `better-sqlite3-electron-${electronVersion}-${process.platform}-${process.arch}`);
const binding = join(nativeDir, 'build', 'Release', 'better_sqlite3.node');
if (!existsSync(binding)) {
  console.log(`Preparing the database driver for Electron ${electronVersion} (once)…`);
  mkdirSync(dirname(nativeDir), { recursive: true });
  cpSync(join(root, 'node_modules', 'better-sqlite3'), nativeDir, { recursive: true });
  const prebuilt = spawnSync(
    process.execPath,
    [require.resolve('prebuild-install/bin.js'), '--runtime', 'electron', '--target', electronVersion, '--arch', process.arch],
    { cwd: nativeDir, stdio: 'inherit' },
  );
  if (prebuilt.status !== 0) {
    run('npx', ['node-gyp', 'rebuild', '--release', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers'], { cwd: nativeDir });
  }
}

run('npx', ['electron-vite', 'build']);
const child = spawn(electron, [root], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, OPSDECK_SQLITE_BINDING: binding },
});
child.on('exit', (code) => process.exit(code ?? 0));
