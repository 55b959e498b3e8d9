import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Where the repo's node_modules and the fleet's app sources are. Resolved through pm2 (a dev
 * dependency) rather than this file's location, because `npm run fleet` runs a transpiled copy
 * of this module from node_modules/.cache.
 */
const require = createRequire(import.meta.url);
export const pm2Package = dirname(require.resolve('pm2/package.json'));
export const nodeModules = dirname(pm2Package);
export const repoRoot = dirname(nodeModules);
export const pm2Bin = join(pm2Package, 'bin', 'pm2');
export const appsDir = join(repoRoot, 'test', 'fleet', 'apps');
