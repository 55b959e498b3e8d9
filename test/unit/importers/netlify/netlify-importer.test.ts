import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ImportFile } from '../../../../src-main/core/importers/types';
import { describe, expect, it } from 'vitest';
import { DraftEnvVar, DraftLink, DraftService } from '../../../../src-main/contract';
import { netlifyImporter } from '../../../../src-main/core/importers/netlify';

/** A file of test/fixtures/importers/<format>/, under the path the user would see. */
function fixture(format: string, name: string, path = name): ImportFile {
  return { path, content: readFileSync(resolve(__dirname, '../../../fixtures/importers', format, name), 'utf8') };
}

describe('netlify importer', () => {
  const file = fixture('netlify', 'netlify.toml', 'prexcol/netlify.toml');

  it('detects netlify.toml', () => {
    expect(netlifyImporter.detect(file)).toBe(true);
    expect(netlifyImporter.detect({ path: 'railway.toml', content: '' })).toBe(false);
  });

  it('reads [build] into one Netlify site with its environment', () => {
    const part = netlifyImporter.parse(file, []);
    expect(part.errors).toEqual([]);
    part.services.forEach((s) => DraftService.parse(s));
    part.links.forEach((l) => DraftLink.parse(l));
    part.envVars.forEach((v) => DraftEnvVar.parse(v));
    const site = part.services[0];
    expect(site).toMatchObject({
      key: 'netlify:prexcol',
      name: 'prexcol',
      kind: 'paas-service',
      config: { platform: 'netlify', command: 'npm run build', workingDir: 'frontend' },
      environment: null,
      source: { file: 'prexcol/netlify.toml', line: 2 },
    });
    expect(site.notes).toMatch(/publishes dist \(relative to frontend\)/);
    expect(site.notes).toMatch(/functions directory: netlify\/functions/);
    const vars = part.envVars.filter((v) => v.serviceKey === 'netlify:prexcol');
    expect(vars.map((v) => [v.name, v.value, v.secret, v.source.line])).toEqual([
      ['NODE_VERSION', '20', false, 9],
      ['VITE_API_URL', 'https://api.prexcol.com', false, 10],
      ['SENTRY_AUTH_TOKEN', null, true, 11],
    ]);
  });

  it('turns [context.*] into environments with their overrides', () => {
    const part = netlifyImporter.parse(file, []);
    expect(part.environments).toEqual(['production', 'deploy-preview', 'staging']);
    const variants = part.services.filter((s) => s.environment !== null);
    expect(variants.map((s) => [s.key, s.environment, s.config.command, s.source.line])).toEqual([
      ['netlify:prexcol@production', 'production', 'npm run build:prod', 13],
      ['netlify:prexcol@deploy-preview', 'deploy-preview', 'npm run build', 16],
      ['netlify:prexcol@staging', 'staging', 'npm run build:staging', 19],
    ]);
    expect(variants[2].notes).toMatch(/branch staging; overrides: command/);
    expect(part.envVars.find((v) => v.serviceKey === 'netlify:prexcol@deploy-preview')).toMatchObject({ name: 'VITE_API_URL', value: 'https://staging-api.prexcol.com', source: { line: 17 } });
  });

  it('a 200 redirect to another origin is a dependency on that origin', () => {
    const part = netlifyImporter.parse(file, []);
    expect(part.services.find((s) => s.key === 'netlify-proxy:https://api.prexcol.com')).toMatchObject({ kind: 'http-endpoint', name: 'api.prexcol.com', config: { url: 'https://api.prexcol.com' }, source: { line: 22 } });
    expect(part.links).toEqual([
      { fromKey: 'netlify:prexcol', toKey: 'netlify-proxy:https://api.prexcol.com', kind: 'depends-on', reason: 'redirect /api/* → https://api.prexcol.com/:splat (status 200 proxy)', source: { file: 'prexcol/netlify.toml', line: 22 } },
    ]);
    const notes = part.services[0].notes;
    expect(notes).toMatch(/3 redirect rules, 1 redirects, 2 rewrites; proxies: \/api\/\* → https:\/\/api.prexcol.com\/:splat/);
    expect(notes).toMatch(/headers for 1 paths \(\/\*\); security headers: X-Frame-Options, Content-Security-Policy/);
    expect(notes).toMatch(/function daily-report runs on schedule @daily/);
    expect(notes).toMatch(/edge functions: geo on \/geo/);
    expect(notes).toMatch(/build plugins \(run code during the build\): @netlify\/plugin-lighthouse/);
    expect(notes).toMatch(/\[dev\] settings .* ignored/);
  });

  it('warns with a line about what it does not understand', () => {
    const part = netlifyImporter.parse(file, []);
    expect(part.warnings.map((w) => [w.line, w.message])).toEqual([
      [37, 'redirects[2].colour is not a redirect setting Opsdeck knows; ignored'],
      [61, '[frobnicate] is not a netlify.toml section Opsdeck knows; ignored'],
    ]);
  });

  it('invalid TOML is one located error and nothing else', () => {
    const part = netlifyImporter.parse(fixture('netlify', 'broken.toml', 'netlify.toml'), []);
    expect(part.errors).toEqual([{ severity: 'error', format: 'netlify', file: 'netlify.toml', line: 3, column: expect.any(Number), message: expect.stringMatching(/^netlify.toml is not valid TOML/) }]);
    expect([part.services, part.warnings, part.envVars, part.links, part.environments]).toEqual([[], [], [], [], []]);
  });
});
