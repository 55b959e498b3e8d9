import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The netlify, heroku, pm2, nginx and dotenv importers read files as data: nothing they import is
 * ever evaluated, required, imported or run in a VM or a child process.
 */

const ROOT = resolve(__dirname, '../../../src-main/core/importers');
const FOLDERS = ['netlify', 'heroku', 'pm2', 'nginx', 'dotenv'];

const FORBIDDEN: [RegExp, string][] = [
  [/\beval\s*\(/, 'eval('],
  [/\bnew\s+Function\b/, 'new Function'],
  [/(^|[^.\w])Function\s*\(/, 'Function('],
  [/\brequire\s*\(/, 'require('],
  [/\bimport\s*\(/, 'import('],
  [/\bfrom\s+['"](node:)?vm['"]/, "the 'vm' module"],
  [/\bfrom\s+['"](node:)?(child_process|worker_threads)['"]/, 'child processes / workers'],
  [/\bfrom\s+['"](node:)?(fs|fs\/promises)['"]/, 'file system access (importers get file contents, never paths to open)'],
  [/\bfrom\s+['"]pm2['"]/, 'the pm2 package (it would load the ecosystem file)'],
  [/\bsetTimeout\s*\(\s*['"`]/, 'setTimeout with a string'],
];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The code without comments and string contents, so a doc comment saying "never eval" is fine. */
function codeOnly(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1')
    .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g, (m) => (/^['"](node:)?[\w/.@-]+['"]$/.test(m) ? m : "''"));
}

describe('importers never execute what they read', () => {
  for (const folder of FOLDERS) {
    it(`${folder}: no eval, Function, require/import() of input, vm or child processes`, () => {
      const files = sources(join(ROOT, folder));
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        const code = codeOnly(readFileSync(file, 'utf8'));
        for (const [re, what] of FORBIDDEN) expect(re.test(code), `${file} uses ${what}`).toBe(false);
      }
    });
  }

  it('the checker itself catches what it forbids', () => {
    expect(FORBIDDEN.some(([re]) => re.test(codeOnly("const x = eval(src);")))).toBe(true);
    expect(FORBIDDEN.some(([re]) => re.test(codeOnly("const m = await import(path);")))).toBe(true);
    expect(FORBIDDEN.some(([re]) => re.test(codeOnly("import vm from 'node:vm';")))).toBe(true);
    expect(FORBIDDEN.some(([re]) => re.test(codeOnly("// never eval( the file\n")))).toBe(false);
  });
});
