import { resolve } from 'node:path';
import type { ImportFile } from '../../../../src-main/core/importers/types';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DraftEnvVar, DraftHost, DraftService } from '../../../../src-main/contract';
import { pm2Importer } from '../../../../src-main/core/importers/pm2';

/** A file of test/fixtures/importers/<format>/, under the path the user would see. */
function fixture(format: string, name: string, path = name): ImportFile {
  return { path, content: readFileSync(resolve(__dirname, '../../../fixtures/importers', format, name), 'utf8') };
}

const MARKER = '/tmp/opsdeck-pm2-fixture-was-executed';

describe('pm2 importer', () => {
  it('detects ecosystem files in every flavour, and PM2 process files by content', () => {
    for (const p of ['ecosystem.config.js', 'ecosystem.config.cjs', 'ecosystem.config.mjs', 'ecosystem.json', 'pm2.yml', 'app/ecosystem.production.config.js']) {
      expect(pm2Importer.detect({ path: p, content: '' }), p).toBe(true);
    }
    expect(pm2Importer.detect(fixture('pm2', 'process.json'))).toBe(true);
    expect(pm2Importer.detect({ path: 'package.json', content: '{"name":"x","scripts":{}}' })).toBe(false);
    expect(pm2Importer.detect({ path: 'docker-compose.yml', content: 'services:\n  web:\n    image: x' })).toBe(false);
  });

  it('reads apps from a JavaScript file without running it', () => {
    rmSync(MARKER, { force: true });
    const part = pm2Importer.parse(fixture('pm2', 'ecosystem.config.js'), []);
    expect(existsSync(MARKER)).toBe(false);
    expect(part.errors).toEqual([]);
    part.services.forEach((s) => DraftService.parse(s));
    part.envVars.forEach((v) => DraftEnvVar.parse(v));
    part.hosts.forEach((h) => DraftHost.parse(h));

    const [app, job] = part.services;
    expect(app).toMatchObject({
      key: 'pm2:ia-comercial',
      name: 'ia-comercial',
      kind: 'pm2-app',
      config: { pm2Name: 'ia-comercial', command: 'server.js --port 3000', workingDir: '/var/www/ia-comercial', replicas: 2, port: 3000 },
      hostKey: 'host:165.227.123.45',
      source: { file: 'ecosystem.config.js', line: 7 },
    });
    expect(app.notes).toMatch(/exec_mode: cluster/);
    expect(app.notes).toMatch(/out log: \/var\/www\/ia-comercial\/logs\/out.log/);
    expect(app.notes).toMatch(/error log: \/var\/www\/ia-comercial\/logs\/error.log/);
    expect(app.notes).toMatch(/deploy production: to 165.227.123.45; path \/var\/www\/ia-comercial; repo git@github.com:acme\/ia-comercial.git \(origin\/main\); post-deploy: npm ci/);

    expect(job).toMatchObject({ key: 'pm2:followups', config: { pm2Name: 'followups' } });
    expect(job.config.command).toBeUndefined();
    expect(job.notes).toMatch(/instances: max/);

    const vars = Object.fromEntries(part.envVars.map((v) => [`${v.serviceKey}/${v.name}`, v]));
    expect(vars['pm2:ia-comercial/NODE_ENV']).toMatchObject({ value: 'development', secret: false, source: { line: 18 } });
    expect(vars['pm2:ia-comercial/OPENAI_API_KEY']).toMatchObject({ value: null, secret: true, missing: false });
    expect(vars['pm2:ia-comercial/DB_PATH'].value).toBe('/var/www/ia-comercial/db/leads.db');
    expect(vars['pm2:ia-comercial/PORT']).toMatchObject({ value: '3000', source: { line: 24 } });
    expect(vars['pm2:followups/PORT']).toMatchObject({ value: null, missing: true });
    expect(part.environments).toEqual(['production']);
    expect(part.hosts).toEqual([{ key: 'host:165.227.123.45', name: '165.227.123.45', address: '165.227.123.45', username: 'deploy', source: { file: 'ecosystem.config.js', line: 39 } }]);

    const warnings = part.warnings.map((w) => [w.line, w.message]);
    expect(warnings).toEqual([
      [29, 'script: value is computed at run time (path.join(__dirname, \'jobs/followups.js\')); set it in Opsdeck'],
      [31, 'env.PORT: value is computed at run time (process.env.FOLLOWUPS_PORT); set it in Opsdeck'],
      [33, "apps[1] (followups): option 'frobnicate' is not a PM2 option Opsdeck knows; ignored"],
    ]);
  });

  it('reads export default, JSON5-style .json and .yml', () => {
    const mjs = pm2Importer.parse(fixture('pm2', 'ecosystem.config.mjs'), []);
    expect(mjs.services[0]).toMatchObject({ key: 'pm2:api', config: { command: 'dist/index.js', port: 8080 } });
    const json = pm2Importer.parse(fixture('pm2', 'process.json'), []);
    expect(json.services[0]).toMatchObject({ key: 'pm2:worker', config: { replicas: 1 }, source: { line: 4 } });
    const yml = pm2Importer.parse(fixture('pm2', 'process.yml'), []);
    expect(yml.services.map((s) => [s.key, s.config.replicas, s.config.port, s.source.line])).toEqual([
      ['pm2:web', 3, 4000, 2],
      ['pm2:consumer', undefined, undefined, 7],
    ]);
  });

  it('a syntax error is one located error and nothing else', () => {
    const part = pm2Importer.parse(fixture('pm2', 'broken.config.js'), []);
    expect(part.errors).toEqual([{ severity: 'error', format: 'pm2', file: 'broken.config.js', line: 5, column: 1, message: expect.stringMatching(/^Syntax error: Unexpected token/) }]);
    expect([part.services, part.warnings, part.envVars, part.hosts, part.environments]).toEqual([[], [], [], [], []]);
  });

  it('an apps list computed at run time is an error: nothing to read without running the file', () => {
    const part = pm2Importer.parse(fixture('pm2', 'computed.config.js'), []);
    expect(part.errors).toEqual([expect.objectContaining({ line: 2, message: expect.stringMatching(/apps: value is computed at run time \(apps.map/) })]);
    expect(part.services).toEqual([]);
  });

  it('skips placeholder deploy hosts with a warning', () => {
    const part = pm2Importer.parse({ path: 'ecosystem.config.js', content: "module.exports = { apps: [{ script: 'a.js' }], deploy: { production: { user: 'SSH_USERNAME', host: 'SSH_HOSTMACHINE' } } }" }, []);
    expect(part.hosts).toEqual([]);
    expect(part.warnings[0].message).toMatch(/placeholder/);
  });
});
