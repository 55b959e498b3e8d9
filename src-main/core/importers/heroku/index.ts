import type { Importer, ImportFile } from '../types';
import { parseAppJson } from './app-json';
import { FORMAT, parseProcfile } from './procfile';

/** Procfile (and Procfile.<variant>) and app.json: one importer, format "heroku". */

const PROCFILE = /(^|[/\\_])Procfile([.-][\w.-]+)?$/;
const APP_JSON = /(^|[/\\_])app\.json$/i;
const APP_JSON_KEYS = /"(name|description|env|formation|addons|buildpacks|scripts|success_url|stack|environments|repository|website)"\s*:/;
/** Expo and other tools also write an app.json; theirs nest everything under one key. */
const NOT_HEROKU = /^\s*\{\s*"(expo|android|ios|displayName)"\s*:/;

export const isProcfile = (file: ImportFile): boolean => PROCFILE.test(file.path);
export const isAppJson = (file: ImportFile): boolean => APP_JSON.test(file.path) && APP_JSON_KEYS.test(file.content) && !NOT_HEROKU.test(file.content);

export const herokuImporter: Importer = {
  format: FORMAT,
  detect: (file) => isProcfile(file) || isAppJson(file),
  parse: (file) => (isProcfile(file) ? parseProcfile(file) : parseAppJson(file)),
};

export { parseAppJson, parseProcfile };
