import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DraftService } from '../../../../src-main/contract';
import type { ImportFile } from '../../../../src-main/core/importers/types';
import { railwayImporter, railwayServiceName } from '../../../../src-main/core/importers/railway';

const FIXTURES = resolve(__dirname, '../../../fixtures/importers/railway');
/** A fixture with its path relative to the format's fixture folder, as an import would name it. */
const fixture = (_format: string, path: string): ImportFile => ({ path, content: readFileSync(join(FIXTURES, path), 'utf8') });

describe('railway importer', () => {
  it('detects railway.json / railway.toml (also with a prefix) and nothing else', () => {
    expect(railwayImporter.detect({ path: 'api/railway.json', content: '' })).toBe(true);
    expect(railwayImporter.detect({ path: 'railway.toml', content: '' })).toBe(true);
    expect(railwayImporter.detect({ path: 'svc/worker.railway.toml', content: '' })).toBe(true);
    expect(railwayImporter.detect({ path: 'package.json', content: '{}' })).toBe(false);
    expect(railwayImporter.detect({ path: 'render.yaml', content: '' })).toBe(false);
  });

  it('names the one service after its folder, or the prefix of the file name', () => {
    expect(railwayServiceName('apps/api/railway.json')).toBe('api');
    expect(railwayServiceName('deploy/worker.railway.toml')).toBe('worker');
    expect(railwayServiceName('railway.toml')).toBe('railway-service');
  });

  describe('railway.json with per-environment overrides', () => {
    const part = railwayImporter.parse(fixture('railway', 'api/railway.json'), []);
    const byEnv = (env: string | null) => part.services.find((s) => s.environment === env)!;

    it('drafts the base service and one per environment', () => {
      expect(part.errors).toEqual([]);
      for (const s of part.services) DraftService.parse(s);
      expect(part.environments).toEqual(['production', 'staging']);
      expect(part.services.map((s) => [s.key, s.environment])).toEqual([
        ['railway:api', null],
        ['railway:api@production', 'production'],
        ['railway:api@staging', 'staging'],
      ]);
    });

    it('reads deploy settings into config', () => {
      expect(byEnv(null)).toMatchObject({
        name: 'api',
        kind: 'paas-service',
        config: { platform: 'railway', command: 'node dist/server.js', healthPath: '/healthz', replicas: 1 },
        source: { file: 'api/railway.json', line: 1, column: 1 },
      });
      expect(byEnv(null).notes).toContain('builder: DOCKERFILE');
      expect(byEnv(null).notes).toContain('pre-deploy: npm run migrate');
      expect(byEnv(null).notes).toContain('restart: ON_FAILURE (max 5 retries)');
    });

    it('applies each environment over the base', () => {
      expect(byEnv('production').config).toMatchObject({ command: 'node dist/server.js', replicas: 5 });
      expect(byEnv('production').notes).toContain('regions: us-west2×2, europe-west4-drams3a×3');
      expect(byEnv('production').source).toMatchObject({ line: 19, column: 5 });
      expect(byEnv('staging').config).toMatchObject({ command: 'node dist/server.js --staging', healthPath: '/ready', replicas: 1 });
      expect(byEnv('staging').notes).toContain('overrides for staging: deploy.startCommand, deploy.healthcheckPath');
    });

    it('warns with the line of unknown keys', () => {
      expect(part.warnings).toEqual([
        expect.objectContaining({ severity: 'warning', format: 'railway', file: 'api/railway.json', line: 16, column: 5, message: expect.stringContaining("unknown key 'warpDrive'") }),
      ]);
    });
  });

  describe('railway.toml', () => {
    const part = railwayImporter.parse(fixture('railway', 'worker/railway.toml'), []);

    it('makes a cron job from cronSchedule, per environment too', () => {
      expect(part.errors).toEqual([]);
      expect(part.services.map((s) => [s.key, s.kind, s.config.schedule])).toEqual([
        ['railway:worker', 'cron-job', '0 3 * * *'],
        ['railway:worker@pr', 'cron-job', '0 * * * *'],
      ]);
      expect(part.services[0].config.command).toBe('node dist/report.js');
      expect(part.services[0].notes).toContain('build: npm run build');
    });

    it('locates unknown keys by line', () => {
      expect(part.warnings.map((w) => [w.line, w.message.match(/unknown key '([^']+)'/)?.[1]])).toEqual([
        [10, 'surprise'],
        [15, 'mystery'],
      ]);
    });
  });

  it.each([
    ['broken.json', 4, 3, /^JSON: expected a property name/],
    ['broken.railway.toml', 2, 26, /^TOML: /],
    ['list.railway.json', 1, 1, /top level is a list/],
  ])('a broken file (%s) gives exactly one located error and nothing else', (name, line, column, message) => {
    const p = railwayImporter.parse(fixture('railway', name), []);
    expect(p.errors).toHaveLength(1);
    expect(p.errors[0]).toMatchObject({ severity: 'error', format: 'railway', file: name, line, column });
    expect(p.errors[0].message).toMatch(message);
    expect([...p.services, ...p.links, ...p.envVars, ...p.warnings]).toEqual([]);
  });
});
