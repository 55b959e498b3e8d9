import { describe, expect, it } from 'vitest';
import {
  draftEnvVar,
  envLinks,
  isSecret,
  isSecretName,
  kindFromImage,
  readEnvFile,
  readJson,
  readToml,
  readYaml,
  resolveFrom,
} from '../../../../src-main/core/importers/shared';

describe('importers/shared', () => {
  it('kindFromImage: only postgres and redis-compatible engines get their own kind', () => {
    expect(kindFromImage('postgres:16')).toMatchObject({ kind: 'postgres', role: 'database' });
    expect(kindFromImage('docker.io/library/postgres@sha256:abc')).toMatchObject({ kind: 'postgres' });
    expect(kindFromImage('pgvector/pgvector:pg16')).toMatchObject({ kind: 'postgres' });
    expect(kindFromImage('bitnami/redis:7')).toMatchObject({ kind: 'redis', role: 'cache' });
    expect(kindFromImage('valkey/valkey:8')).toMatchObject({ kind: 'redis' });
    expect(kindFromImage('mysql:8')).toMatchObject({ kind: 'container', role: 'database', label: 'MySQL database' });
    expect(kindFromImage('mongo')).toMatchObject({ kind: 'container', role: 'database' });
    expect(kindFromImage('edoburu/pgbouncer')).toMatchObject({ kind: 'container', role: 'database' });
    expect(kindFromImage('nginx:alpine')).toMatchObject({ kind: 'container', role: 'proxy' });
    expect(kindFromImage('traefik:v3')).toMatchObject({ kind: 'container', role: 'proxy' });
    expect(kindFromImage('ghcr.io/acme/api:1')).toEqual({ kind: 'container', role: null, label: null });
    expect(kindFromImage(undefined)).toEqual({ kind: 'container', role: null, label: null });
  });

  it('secrets: by name, by value shape; *_FILE paths are not secrets', () => {
    for (const n of ['DB_PASSWORD', 'SECRET_KEY_BASE', 'API_KEY', 'GITHUB_TOKEN', 'SENTRY_DSN', 'PRIVATE_PEM', 'AWS_CREDENTIALS']) expect(isSecretName(n)).toBe(true);
    for (const n of ['PORT', 'NODE_ENV', 'KEYCLOAK_URL', 'PUBLIC_URL', 'DATABASE_URL']) expect(isSecretName(n)).toBe(false);
    expect(isSecret('DATABASE_URL', 'postgres://app:pw@db:5432/app')).toBe(true);
    expect(isSecret('DATABASE_URL', 'postgres://db:5432/app')).toBe(false);
    expect(isSecret('POSTGRES_PASSWORD_FILE', '/run/secrets/db')).toBe(false);
    expect(draftEnvVar('k', 'API_TOKEN', 'abc', { file: 'f', line: 1 })).toMatchObject({ secret: true, value: null, missing: false });
    expect(draftEnvVar('k', 'MODE', null, { file: 'f', line: 1 })).toMatchObject({ secret: false, value: null, missing: true });
  });

  it('envLinks: URLs and *_HOST values naming another service', () => {
    const targets = new Map([
      ['db', { key: 's:db', role: 'database' as const }],
      ['cache', { key: 's:cache', role: 'cache' as const }],
      ['api', { key: 's:api', role: null }],
    ]);
    expect(envLinks('s:web', null, 'DATABASE_URL', 'postgres://u:p@db:5432/x', targets)).toEqual([{ toKey: 's:db', kind: 'uses-database', reason: 'DATABASE_URL → db' }]);
    expect(envLinks('s:web', null, 'REDIS_URL', 'redis://cache:6379', targets)).toEqual([{ toKey: 's:cache', kind: 'uses-cache', reason: 'REDIS_URL → cache' }]);
    expect(envLinks('s:web', null, 'API_HOST', 'api:3000', targets)).toEqual([{ toKey: 's:api', kind: 'depends-on', reason: 'API_HOST → api' }]);
    expect(envLinks('s:proxy', 'proxy', 'UPSTREAM_URL', 'http://api:3000', targets)).toEqual([{ toKey: 's:api', kind: 'proxies-to', reason: 'UPSTREAM_URL → api' }]);
    expect(envLinks('s:web', null, 'GREETING', 'api', targets)).toEqual([]);
    expect(envLinks('s:db', null, 'SELF_URL', 'postgres://db/x', targets)).toEqual([]);
  });

  it('readYaml: positions, merges, local tags, and located errors', () => {
    const ok = readYaml('f.yml', 'a: &x {k: 1}\nb:\n  <<: *x\n  z: !reset 2\n', { localTags: ['!reset'] });
    expect(ok.ok).toBe(true);
    if (!ok.ok || ok.root?.kind !== 'map') throw new Error('expected a map');
    const b = ok.root.entries[1];
    expect(b.keyLoc).toEqual({ file: 'f.yml', line: 2, column: 1 });
    expect(b.value.kind === 'map' && b.value.entries.map((e) => [e.key, e.value.tag ?? null])).toEqual([
      ['k', null],
      ['z', '!reset'],
    ]);
    const bad = readYaml('f.yml', 'a: [1, 2\nb: 3\n');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.line).toBeGreaterThan(0);
    const loop = readYaml('f.yml', 'a: &a [*a]\n');
    expect(loop.ok).toBe(false);
  });

  it('readJson: positions and errors with line and column', () => {
    const ok = readJson('r.json', '{\n  "a": {\n    "b": [1, true, null, "x"]\n  }\n}');
    expect(ok.ok && ok.root.kind === 'map' && ok.root.entries[0].keyLoc).toEqual({ file: 'r.json', line: 2, column: 3 });
    const bad = readJson('r.json', '{\n  "a": 1,\n}');
    expect(bad).toMatchObject({ ok: false, error: { line: 3, column: 1 } });
    expect(readJson('r.json', '{"a": 1, "a": 2}')).toMatchObject({ ok: false, error: { message: 'JSON: duplicate key "a"' } });
  });

  it('readToml: table and key lines', () => {
    const ok = readToml('r.toml', '# c\n[build]\nbuilder = "x"\n\n[environments.pr.deploy]\nstartCommand = "y"\n');
    expect(ok.ok).toBe(true);
    if (!ok.ok || ok.root.kind !== 'map') throw new Error('expected a map');
    expect(ok.root.entries.map((e) => [e.key, e.keyLoc.line])).toEqual([
      ['build', 2],
      ['environments', 5],
    ]);
  });

  it('readEnvFile and resolveFrom', () => {
    const r = readEnvFile('A=1\nexport B="two words"\n# c\nC\nD=x # note\nbad line\n');
    expect(r.entries.map((e) => [e.name, e.value, e.line])).toEqual([
      ['A', '1', 1],
      ['B', 'two words', 2],
      ['C', null, 4],
      ['D', 'x', 5],
    ]);
    expect(r.problems).toEqual([{ line: 6, column: 1, message: 'not a NAME=value line' }]);
    expect(resolveFrom('app/docker-compose.yml', '../shared/.env')).toBe('shared/.env');
    expect(resolveFrom('docker-compose.yml', './api.env')).toBe('api.env');
  });
});
