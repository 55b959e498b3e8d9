import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ImportFile } from '../../../../src-main/core/importers/types';
import { describe, expect, it } from 'vitest';
import { DraftEnvVar, DraftLink, DraftService } from '../../../../src-main/contract';
import { herokuImporter } from '../../../../src-main/core/importers/heroku';

/** A file of test/fixtures/importers/<format>/, under the path the user would see. */
function fixture(format: string, name: string, path = name): ImportFile {
  return { path, content: readFileSync(resolve(__dirname, '../../../fixtures/importers', format, name), 'utf8') };
}

describe('heroku importer: Procfile', () => {
  it('detects Procfile and its variants, and Heroku app.json', () => {
    expect(herokuImporter.detect({ path: 'Procfile', content: '' })).toBe(true);
    expect(herokuImporter.detect({ path: 'deploy/Procfile.dev', content: '' })).toBe(true);
    expect(herokuImporter.detect(fixture('heroku', 'app.json'))).toBe(true);
    expect(herokuImporter.detect({ path: 'app.json', content: '{"expo": {"name": "x"}}' })).toBe(false);
    expect(herokuImporter.detect({ path: 'package.json', content: '{"name": "x"}' })).toBe(false);
  });

  it('web → paas-service, other types → workers, release → notes, bad lines → warnings', () => {
    const part = herokuImporter.parse(fixture('heroku', 'Procfile'), []);
    part.services.forEach((s) => DraftService.parse(s));
    expect(part.services.map((s) => [s.key, s.kind, s.config.command, s.source.line])).toEqual([
      ['heroku:web', 'paas-service', 'gunicorn inventory.wsgi --bind 0.0.0.0:$PORT --workers 3', 2],
      ['heroku:worker', 'worker', 'celery -A inventory worker --loglevel=info', 3],
      ['heroku:clock', 'worker', 'python clock.py', 4],
    ]);
    expect(part.services.every((s) => s.config.platform === 'heroku')).toBe(true);
    expect(part.services[0].notes).toMatch(/release phase \(runs before each deploy\): flask db upgrade/);
    expect(part.warnings).toEqual([expect.objectContaining({ line: 7, column: 1, message: expect.stringMatching(/Not a Procfile line/) })]);
    expect(part.errors).toEqual([]);
  });
});

describe('heroku importer: app.json', () => {
  it('reads formation, env (required, generated secrets), add-ons and scripts', () => {
    const part = herokuImporter.parse(fixture('heroku', 'app.json'), []);
    expect(part.errors).toEqual([]);
    part.services.forEach((s) => DraftService.parse(s));
    part.links.forEach((l) => DraftLink.parse(l));
    part.envVars.forEach((v) => DraftEnvVar.parse(v));
    expect(part.services.map((s) => [s.key, s.kind, s.config.replicas, s.source.line])).toEqual([
      ['heroku:web', 'paas-service', 3, 5],
      ['heroku:worker', 'worker', 1, 6],
      ['heroku-addon:heroku-postgresql', 'postgres', undefined, 16],
      ['heroku-addon:CACHE', 'redis', undefined, 17],
      ['heroku-addon:papertrail', 'http-endpoint', undefined, 18],
    ]);
    const web = part.services[0];
    expect(web.name).toBe('inventory');
    expect(web.notes).toMatch(/Flask inventory app/);
    expect(web.notes).toMatch(/postdeploy script: flask seed/);
    expect(web.notes).toMatch(/review environment \(review apps\) overrides: addons/);
    expect(web.notes).toMatch(/buildpacks: heroku\/python/);
    expect(part.links.map((l) => [l.fromKey, l.toKey, l.kind])).toEqual([
      ['heroku:web', 'heroku-addon:heroku-postgresql', 'uses-database'],
      ['heroku:web', 'heroku-addon:CACHE', 'uses-cache'],
      ['heroku:web', 'heroku-addon:papertrail', 'depends-on'],
    ]);
    const vars = Object.fromEntries(part.envVars.map((v) => [v.name, v]));
    expect(vars.FLASK_ENV).toMatchObject({ value: 'production', secret: false, missing: false, serviceKey: 'heroku:web', source: { line: 9 } });
    expect(vars.SECRET_KEY).toMatchObject({ value: null, secret: true, missing: false });
    expect(vars.MAIL_SERVER).toMatchObject({ value: null, secret: false, missing: true });
    expect(vars.SENTRY_DSN).toMatchObject({ value: null, secret: true, missing: false });
    expect(vars.WEB_CONCURRENCY).toMatchObject({ value: '3', missing: false });
    expect(part.warnings).toEqual([expect.objectContaining({ line: 23, column: 3, message: "app.json key 'frobnicate' is not read by Opsdeck; ignored" })]);
  });

  it('Procfile and app.json of one app share keys, so the merge joins them', () => {
    const a = herokuImporter.parse(fixture('heroku', 'Procfile'), []);
    const b = herokuImporter.parse(fixture('heroku', 'app.json'), []);
    expect(b.services.map((s) => s.key)).toEqual(expect.arrayContaining(a.services.filter((s) => s.key !== 'heroku:clock').map((s) => s.key)));
  });

  it('invalid JSON is one located error and nothing else', () => {
    const part = herokuImporter.parse(fixture('heroku', 'broken_app.json'), []);
    expect(part.errors).toEqual([{ severity: 'error', format: 'heroku', file: 'broken_app.json', line: 5, column: 3, message: expect.stringMatching(/^app.json is not valid/) }]);
    expect([part.services, part.warnings, part.envVars, part.links]).toEqual([[], [], [], []]);
  });
});
