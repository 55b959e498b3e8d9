import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where Opsdeck keeps its database and logs when OPSDECK_DATA_DIR is not set: the same folder
 * Electron's `app.getPath('userData')` gives for productName "Opsdeck".
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.OPSDECK_DATA_DIR) return env.OPSDECK_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Opsdeck');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Opsdeck');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Opsdeck');
}
