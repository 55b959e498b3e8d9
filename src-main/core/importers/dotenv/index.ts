import { emptyPart, type DraftPart, type Importer, type ImportFile } from '../types';
import { readEnvFile } from '../shared';
import { looksSecret } from './secret-shape';

/**
 * .env.example / .env.sample / .env.template / *.env.example: which variables the project needs,
 * which are secrets (values never kept), which have no value yet. Not attached to a service
 * (serviceKey null): the merge step decides which services read them. Real .env files are not
 * read: they hold the secrets themselves.
 */

const FORMAT = 'dotenv';
const NAMES = [
  /(^|[/\\_.-])env\.(example|sample|template|dist|defaults?)$/i,
  /(^|[/\\_.-])env\.[\w-]+\.(example|sample|template)$/i,
  /\.(example|sample|template)\.env$/i,
];

export const dotenvImporter: Importer = {
  format: FORMAT,
  detect: (file: ImportFile) => NAMES.some((re) => re.test(file.path)),
  parse(file: ImportFile): DraftPart {
    const part = emptyPart(FORMAT);
    const { entries, problems } = readEnvFile(file.content);
    for (const p of problems) part.warnings.push({ severity: 'warning', format: FORMAT, file: file.path, line: p.line, column: p.column, message: p.message });
    const seen = new Map<string, number>();
    for (const e of entries) {
      const before = seen.get(e.name);
      if (before !== undefined) {
        part.warnings.push({ severity: 'warning', format: FORMAT, file: file.path, line: e.line, column: e.column, message: `${e.name} is declared again (first at line ${part.envVars[before].source.line}); this later line wins` });
      }
      const secret = looksSecret(e.name, e.value);
      const empty = e.value === null || e.value === '';
      const v = {
        serviceKey: null,
        name: e.name,
        secret,
        missing: empty,
        value: secret || empty ? null : e.value,
        source: { file: file.path, line: e.line, column: e.column },
      };
      if (before !== undefined) part.envVars[before] = v;
      else {
        seen.set(e.name, part.envVars.length);
        part.envVars.push(v);
      }
    }
    if (part.envVars.length === 0 && part.warnings.length === 0) {
      part.warnings.push({ severity: 'warning', format: FORMAT, file: file.path, line: 1, message: 'No NAME=value line in this file' });
    }
    return part;
  },
};

export { looksSecret, tokenShaped } from './secret-shape';
