import { describe, expect, it } from 'vitest';
import { importFiles } from '../../../src-main/core/importers';
import { importCommand } from '../../../src-main/cli-import';

describe('importFiles', () => {
  it('lists a file no importer reads as a warning, never drops it silently', () => {
    const d = importFiles([{ path: 'notes/README.md', content: '# hello' }]);
    expect(d.services).toEqual([]);
    expect(d.warnings).toEqual([expect.objectContaining({ file: 'notes/README.md', line: 0, severity: 'warning' })]);
  });

  it('a broken file gives a located error and nothing else from it', () => {
    const d = importFiles([
      { path: 'docker-compose.yml', content: 'services:\n  web:\n    image: [oops\n' },
      { path: 'ecosystem.config.js', content: "module.exports = { apps: [{ name: 'api', script: 'server.js', env: { PORT: 3000 } }] };\n" },
    ]);
    expect(d.errors).toHaveLength(1);
    expect(d.errors[0]).toMatchObject({ file: 'docker-compose.yml', severity: 'error' });
    expect(d.errors[0]!.line).toBeGreaterThan(0);
    expect(d.services.map((s) => s.name)).toEqual(['api']);
  });

  it('joins an nginx proxy to localhost:PORT with the app listening on that port', () => {
    const d = importFiles([
      { path: 'ecosystem.config.js', content: "module.exports = { apps: [{ name: 'api', script: 'server.js', env: { PORT: 3000 } }] };\n" },
      { path: 'sites-available/shop', content: 'server {\n  listen 80;\n  server_name shop.example.com;\n  location / {\n    proxy_pass http://127.0.0.1:3000;\n  }\n}\n' },
    ]);
    expect(d.errors).toEqual([]);
    const api = d.services.find((s) => s.name === 'api')!;
    expect(d.links.some((l) => l.toKey === api.key && l.kind === 'proxies-to')).toBe(true);
    expect(d.services.some((s) => /3000/.test(s.name) && s.kind === 'http-endpoint')).toBe(false);
  });
});

describe('opsdeck import', () => {
  const run = async (args: string[]) => {
    let out = '';
    let err = '';
    const code = await importCommand(args, { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') });
    return { code, out, err };
  };

  it('prints the draft as JSON and exits 0 when every file was read', async () => {
    const r = await run(['test/fixtures/seeds/studiozens', '--dry-run', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ schema: 'opsdeck.import/1', ok: true, dryRun: true, formats: ['render'] });
    expect(j.services.map((s: { name: string }) => s.name)).toContain('studiozens-backend');
    for (const key of ['hosts', 'links', 'envVars', 'warnings', 'errors', 'skipped']) expect(Array.isArray(j[key])).toBe(true);
    expect(j.envVars.filter((v: { secret: boolean; value: unknown }) => v.secret && v.value !== null)).toEqual([]);
  });

  it('exits 1 with file:line:column when a file is broken', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-cli-'));
    fs.writeFileSync(path.join(dir, 'netlify.toml'), '[build\ncommand = "x"\n');
    const r = await run([path.join(dir, 'netlify.toml'), '--dry-run']);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/netlify\.toml:\d+:\d+/);
    expect(r.out).toContain('nothing was imported from these files');
  });

  it('refuses to write without --project and needs a path', async () => {
    expect((await run(['x', '--data-dir', '/tmp/nowhere'])).code).toBe(2);
    expect((await run(['--json'])).code).toBe(2);
  });
});
