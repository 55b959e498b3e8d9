import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: resolve(__dirname, '../../..') });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(__dirname, '../../..', filePath) });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

describe('import boundaries', () => {
  it('refuses electron in the core, the contract, the router and serve', async () => {
    for (const file of ['src-main/core/x.ts', 'src-main/contract/x.ts', 'src-main/ipc/x.ts', 'src-main/serve/x.ts']) {
      expect(await ruleIds(file, "import { app } from 'electron';\nexport const x = app;\n")).toContain('no-restricted-imports');
    }
  });
  it('allows electron in the shell', async () => {
    expect(await ruleIds('src-main/shell/x.ts', "import { app } from 'electron';\nexport const x = app;\n")).not.toContain('no-restricted-imports');
  });
  it('keeps the contract to zod and itself', async () => {
    expect(await ruleIds('src-main/contract/x.ts', "import { z } from 'zod';\nimport { Id } from './common';\nexport const x = [z, Id];\n")).toEqual([]);
    expect(await ruleIds('src-main/contract/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toContain('no-restricted-imports');
  });
  it('keeps the renderer off Node and the core', async () => {
    expect(await ruleIds('src-renderer/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('src-renderer/x.ts', "import { createCore } from '../src-main/core/create-core';\nexport const x = createCore;\n")).toContain('no-restricted-imports');
  });
});
