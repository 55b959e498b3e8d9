import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DraftEnvVar, DraftHost, DraftIssue, DraftLink, DraftService } from '../../../src-main/contract';
import { dotenvImporter } from '../../../src-main/core/importers/dotenv';
import { herokuImporter } from '../../../src-main/core/importers/heroku';
import { netlifyImporter } from '../../../src-main/core/importers/netlify';
import { nginxImporter } from '../../../src-main/core/importers/nginx';
import { pm2Importer } from '../../../src-main/core/importers/pm2';
import type { DraftPart, Importer } from '../../../src-main/core/importers/types';

/**
 * Every file of the shared corpus for these formats either imports (at least one service or
 * environment variable, every item valid against the contract) or fails with exactly one located
 * error and nothing else. nginx files that hold only shared settings (no server/upstream block)
 * import nothing and say so with a located warning.
 */

const CORPUS = resolve(__dirname, '../../fixtures/corpus');
const FOLDERS: { folder: string; importer: Importer }[] = [
  { folder: 'netlify', importer: netlifyImporter },
  { folder: 'heroku', importer: herokuImporter },
  { folder: 'pm2', importer: pm2Importer },
  { folder: 'nginx', importer: nginxImporter },
  { folder: 'env', importer: dotenvImporter },
];

type Outcome = { file: string; result: 'imported' | 'failed' | 'nothing'; detail: string };

function checkPart(part: DraftPart): void {
  for (const s of part.services) DraftService.parse(s);
  for (const h of part.hosts) DraftHost.parse(h);
  for (const l of part.links) DraftLink.parse(l);
  for (const v of part.envVars) {
    DraftEnvVar.parse(v);
    if (v.secret) expect(v.value).toBeNull();
  }
  for (const w of [...part.warnings, ...part.errors]) {
    DraftIssue.parse(w);
    expect(w.line).toBeGreaterThan(0);
  }
  const keys = new Set(part.services.map((s) => s.key));
  for (const l of part.links) {
    expect(keys.has(l.fromKey), `link from ${l.fromKey}`).toBe(true);
    expect(keys.has(l.toKey), `link to ${l.toKey}`).toBe(true);
  }
}

describe('corpus: netlify, heroku, pm2, nginx, env', () => {
  const summary: Record<string, Outcome[]> = {};
  for (const { folder, importer } of FOLDERS) {
    const dir = join(CORPUS, folder);
    const files = readdirSync(dir).filter((f) => f !== 'SOURCES.txt').sort();
    it(`${folder}: every file imports or fails with a located error`, () => {
      expect(files.length).toBeGreaterThan(0);
      const outcomes: Outcome[] = [];
      for (const name of files) {
        const file = { path: name, content: readFileSync(join(dir, name), 'utf8') };
        expect(importer.detect(file), `${importer.format} detects ${name}`).toBe(true);
        const part = importer.parse(file, []);
        checkPart(part);
        const items = part.services.length + part.envVars.length;
        if (part.errors.length > 0) {
          expect(part.errors).toHaveLength(1);
          const e = part.errors[0];
          expect(e.severity).toBe('error');
          expect(e.file).toBe(name);
          expect(e.line).toBeGreaterThan(0);
          expect(e.column).toBeGreaterThan(0);
          expect(items + part.hosts.length + part.links.length + part.warnings.length + part.environments.length).toBe(0);
          outcomes.push({ file: name, result: 'failed', detail: `${e.line}:${e.column} ${e.message}` });
        } else if (items > 0) {
          outcomes.push({ file: name, result: 'imported', detail: `${part.services.length} services, ${part.envVars.length} env vars, ${part.links.length} links, ${part.hosts.length} hosts, ${part.warnings.length} warnings` });
        } else {
          // only nginx snippets and main files without sites may import nothing, and must say why
          expect(folder).toBe('nginx');
          expect(part.warnings.some((w) => w.file === name && w.line > 0 && /nothing to import/.test(w.message))).toBe(true);
          outcomes.push({ file: name, result: 'nothing', detail: part.warnings.map((w) => `${w.line}: ${w.message}`).join(' | ') });
        }
      }
      summary[folder] = outcomes;
      const count = (r: Outcome['result']) => outcomes.filter((o) => o.result === r).length;
      const lines = [`[corpus ${folder}] ${outcomes.length} files: ${count('imported')} imported, ${count('failed')} failed, ${count('nothing')} with nothing to import`];
      for (const o of outcomes) lines.push(`  ${o.result.padEnd(8)} ${o.file}: ${o.detail.slice(0, 300)}`);
      console.log(lines.join('\n'));
    });
  }

  it('never throws, whatever file it is handed (every corpus folder, truncated files)', () => {
    const all = readdirSync(CORPUS, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile() && d.name !== 'SOURCES.txt')
      .map((d) => join(d.parentPath, d.name));
    expect(all.length).toBeGreaterThan(50);
    for (const path of all) {
      const content = readFileSync(path, 'utf8');
      for (const text of [content, content.slice(0, Math.floor(content.length / 2))]) {
        for (const { importer } of FOLDERS) {
          const part = importer.parse({ path: path.split('/').pop() ?? path, content: text }, []);
          checkPart(part);
          expect(part.errors.length).toBeLessThanOrEqual(1);
        }
      }
    }
  });
});
