import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DraftEnvVar, DraftIssue, DraftLink, DraftService } from '../../../src-main/contract';
import { composeImporter } from '../../../src-main/core/importers/compose';
import { railwayImporter } from '../../../src-main/core/importers/railway';
import { renderImporter } from '../../../src-main/core/importers/render';
import type { DraftPart, ImportFile, Importer } from '../../../src-main/core/importers/types';

/**
 * Every file of the shared corpus either imports (≥1 service) or fails with exactly one located
 * error and nothing else. The corpus keeps the files under their origin names, so each folder is
 * handed to its importer directly rather than through detection.
 */
const CORPUS = resolve(__dirname, '../../fixtures/corpus');
const FOLDERS: { folder: string; importer: Importer }[] = [
  { folder: 'compose', importer: composeImporter },
  { folder: 'render', importer: renderImporter },
  { folder: 'railway', importer: railwayImporter },
];

function filesOf(folder: string): ImportFile[] {
  const dir = join(CORPUS, folder);
  return readdirSync(dir)
    .filter((f) => f !== 'SOURCES.txt')
    .sort()
    .map((f) => ({ path: join(dir, f), content: readFileSync(join(dir, f), 'utf8') }));
}

function checkShape(part: DraftPart): void {
  for (const s of part.services) DraftService.parse(s);
  for (const l of part.links) DraftLink.parse(l);
  for (const e of part.envVars) DraftEnvVar.parse(e);
  for (const w of [...part.warnings, ...part.errors]) DraftIssue.parse(w);
}

describe('importers over the shared corpus (compose, render, railway)', () => {
  for (const { folder, importer } of FOLDERS) {
    it(`${folder}: every file imports or fails with one located error`, () => {
      const files = filesOf(folder);
      expect(files.length).toBeGreaterThan(0);
      const imported: string[] = [];
      const failed: string[] = [];
      let services = 0;
      let links = 0;
      let envVars = 0;
      let warnings = 0;
      for (const file of files) {
        const part = importer.parse(file, files);
        checkShape(part);
        const name = file.path.slice(file.path.lastIndexOf('/') + 1);
        if (part.errors.length > 0) {
          expect(part.errors).toHaveLength(1);
          const [err] = part.errors;
          expect(err.severity).toBe('error');
          expect(err.file).toBe(file.path);
          expect(err.line).toBeGreaterThan(0);
          expect(err.column).toBeGreaterThan(0);
          expect(part.services.length + part.links.length + part.envVars.length + part.warnings.length + part.hosts.length).toBe(0);
          failed.push(`${name} (${err.line}:${err.column} ${err.message})`);
        } else {
          expect(part.services.length).toBeGreaterThan(0);
          imported.push(name);
          services += part.services.length;
          links += part.links.length;
          envVars += part.envVars.length;
          warnings += part.warnings.length;
          // No secret value ever lands in the draft.
          for (const e of part.envVars) if (e.secret) expect(e.value).toBeNull();
        }
      }
      console.log(
        [
          `corpus ${folder}: ${files.length} files, ${imported.length} imported, ${failed.length} failed`,
          `  drafted: ${services} services, ${links} links, ${envVars} env vars, ${warnings} warnings`,
          ...failed.map((f) => `  failed: ${f}`),
        ].join('\n'),
      );
      expect(imported.length + failed.length).toBe(files.length);
    });
  }

  it('no corpus file is claimed by the wrong one of these importers', () => {
    const claims: string[] = [];
    for (const { folder } of FOLDERS) {
      for (const file of filesOf(folder)) {
        for (const other of FOLDERS) {
          if (other.folder !== folder && other.importer.detect(file)) claims.push(`${other.folder} claims ${folder}/${file.path.slice(file.path.lastIndexOf('/') + 1)}`);
        }
      }
    }
    expect(claims).toEqual([]);
  });

  it('the importers never execute what they read (no eval, Function, require or dynamic import)', () => {
    const root = resolve(__dirname, '../../../src-main/core/importers');
    const offenders: string[] = [];
    for (const dir of ['compose', 'render', 'railway', 'shared']) {
      for (const f of readdirSync(join(root, dir)).filter((n) => n.endsWith('.ts'))) {
        const text = readFileSync(join(root, dir, f), 'utf8');
        const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
        for (const re of [/\beval\s*\(/, /\bnew\s+Function\b/, /\bFunction\s*\(/, /\brequire\s*\(/, /\bimport\s*\(/, /node:vm|from 'vm'/, /child_process/]) {
          if (re.test(code)) offenders.push(`${dir}/${f}: ${re}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
