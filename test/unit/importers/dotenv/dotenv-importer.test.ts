import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ImportFile } from '../../../../src-main/core/importers/types';
import { describe, expect, it } from 'vitest';
import { DraftEnvVar } from '../../../../src-main/contract';
import { dotenvImporter } from '../../../../src-main/core/importers/dotenv';

/** A file of test/fixtures/importers/<format>/, under the path the user would see. */
function fixture(format: string, name: string, path = name): ImportFile {
  return { path, content: readFileSync(resolve(__dirname, '../../../fixtures/importers', format, name), 'utf8') };
}

describe('dotenv importer', () => {
  it('detects example env files only (never a real .env)', () => {
    for (const p of ['.env.example', '.env.sample', '.env.template', 'api/.env.local.example', 'env.example', 'docker.env.example']) {
      expect(dotenvImporter.detect({ path: p, content: '' }), p).toBe(true);
    }
    for (const p of ['.env', '.env.production', 'environment.ts']) expect(dotenvImporter.detect({ path: p, content: '' }), p).toBe(false);
  });

  it('reads names, defaults, secrets and missing values with lines', () => {
    const part = dotenvImporter.parse(fixture('dotenv', '.env.example'), []);
    expect(part.errors).toEqual([]);
    expect(part.services).toEqual([]);
    part.envVars.forEach((v) => DraftEnvVar.parse(v));
    const rows = part.envVars.map((v) => [v.name, v.value, v.secret, v.missing, v.source.line, v.serviceKey]);
    expect(rows).toEqual([
      ['NODE_ENV', 'production', false, false, 2, null],
      ['PORT', '3001', false, false, 15, null],
      ['APP_NAME', 'IA Comercial', false, false, 4, null],
      ['GREETING', 'hello # not a comment', false, false, 5, null],
      ['DATABASE_URL', null, true, false, 6, null],
      ['REDIS_URL', 'redis://redis:6379', false, false, 7, null],
      ['OPENAI_API_KEY', null, true, true, 10, null],
      ['JWT_SECRET', null, true, false, 11, null],
      ['WEBHOOK_VERIFY', null, true, false, 12, null],
      ['EMPTY_QUOTED', null, false, true, 16, null],
    ]);
    expect(JSON.stringify(part)).not.toMatch(/s3cretpw|change-me|ghp_/);
    expect(part.warnings.map((w) => [w.line, w.message])).toEqual([
      [14, expect.stringMatching(/not a NAME=value line/)],
      [15, 'PORT is declared again (first at line 3); this later line wins'],
    ]);
  });
});
