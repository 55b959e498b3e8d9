import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscoveryResult, type DraftService } from '../../../src-main/contract';
import { cmd, secret } from '../../../src-main/core/connectors/ssh/remote-command';
import type { Core } from '../../../src-main/core/create-core';
import { capabilities, startIaComercial, startServistech, type IaComercialDroplet, type ServistechDroplet } from '../../fleet';
import { composeApp, type ComposedApp } from '../../../src-main/ipc/compose';
import { addHost, trust } from '../ssh/ssh-helpers';

/**
 * "Scan host" against both seed droplets over real SSH: the job's result is the proposed
 * inventory and the host facts; no secret of a PM2 app's environment survives anywhere.
 */
let ia: IaComercialDroplet;
let st: ServistechDroplet;
let app: ComposedApp;
let dataDir: string;
let core: Core;
const hosts: Record<'ia' | 'st', string> = { ia: '', st: '' };
// Planted into a PM2 app's environment on IA Comercial: must be found nowhere afterwards.
const planted = `planted-${randomBytes(9).toString('hex')}`;

async function scan(hostId: string, dockerSocketPath?: string, dockerVia?: 'api'): Promise<DiscoveryResult & { jobId: string }> {
  const job = core.discovery.scan(hostId, { dockerSocketPath, dockerVia });
  const done = await core.jobs.wait(job.id);
  if (done.status !== 'succeeded') throw new Error(`scan ${done.status}: ${JSON.stringify(done.error)}`);
  return { ...core.discovery.result(job.id), jobId: job.id };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'opsdeck-discovery-'));
  [ia, st, app] = await Promise.all([startIaComercial(), startServistech(), composeApp({ dataDir, host: 'serve', version: 'test', envKey: randomBytes(32).toString('hex') })]);
  core = app.core;
  const project = core.inventory.createProject({ name: 'Fleet', description: '' });
  const envId = core.inventory.createEnvironment({ projectId: project.id, name: 'production', kind: 'production' }).id;
  hosts.ia = addHost(core, envId, ia, 'key', { name: 'ia-comercial' }).id;
  hosts.st = addHost(core, envId, st, 'key', { name: 'servistech' }).id;
  await Promise.all([trust(core, hosts.ia, ia), trust(core, hosts.st, st)]);
  const started = await core.ssh.exec(
    hosts.ia,
    cmd('sh', '-c', 'API_KEY="$1" DATABASE_URL="postgres://app:$1@127.0.0.1/app" exec "$HOME/bin/pm2" start /bin/sleep --name planted-env --interpreter none -- 3600', 'sh', secret(planted)),
    { timeoutMs: 30_000 },
  );
  if (started.code !== 0) throw new Error(`pm2 start failed: ${started.stderr}`);
}, 180_000);

afterAll(async () => {
  app?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  await Promise.all([ia?.stop(), st?.stop()]);
});

const byKey = (services: DraftService[], key: string) => services.find((s) => s.key === key);

describe('discovery of IA Comercial', () => {
  let r: DiscoveryResult & { jobId: string };
  beforeAll(async () => {
    r = await scan(hosts.ia);
  }, 90_000);

  it('proposes the pm2 app with its port and working dir', () => {
    expect(byKey(r.draft.services, 'pm2:ia-comercial')).toMatchObject({
      kind: 'pm2-app',
      name: 'ia-comercial',
      hostKey: 'host:ia-comercial',
      config: { pm2Name: 'ia-comercial', port: ia.appPort, workingDir: ia.appDir },
    });
    // pm2 names log files -out.log or -out-<id>.log depending on version and ecosystem file.
    expect(byKey(r.draft.services, 'pm2:ia-comercial')!.notes).toMatch(new RegExp(`out log: ${ia.pm2Home}/logs/ia-comercial-out(-0)?\\.log`));
  });

  it('proposes the nginx site, proxying to the app through its upstream', () => {
    const site = r.draft.services.find((s) => s.kind === 'nginx-site' && s.name === ia.serverName);
    expect(site).toMatchObject({ config: { serverNames: [ia.serverName], port: ia.nginxPort }, source: { file: ia.nginxSiteConf } });
    expect(site!.notes).toContain(`access log: ${ia.nginxAccessLog}`);
    expect(r.draft.links).toContainEqual(
      expect.objectContaining({ fromKey: site!.key, toKey: 'pm2:ia-comercial', kind: 'proxies-to', reason: `proxy_pass http://ia_comercial (upstream ia_comercial: 127.0.0.1:${ia.appPort})` }),
    );
  });

  it('proposes the SQLite database in the app folder, used by the app', () => {
    expect(byKey(r.draft.services, `sqlite:${ia.dbPath}`)).toMatchObject({ kind: 'sqlite-file', name: 'leads.db', config: { filePath: ia.dbPath } });
    expect(r.draft.links).toContainEqual(expect.objectContaining({ fromKey: 'pm2:ia-comercial', toKey: `sqlite:${ia.dbPath}`, kind: 'uses-database' }));
  });

  it('proposes the 3 AM backup cron job', () => {
    const backup = r.draft.services.find((s) => s.kind === 'cron-job' && s.config.schedule === '0 3 * * *');
    expect(backup).toMatchObject({ name: 'cp leads.db', config: { command: expect.stringContaining(`cp ${ia.dbPath} `) } });
  });

  it('returns host facts: os, disk, uptime, listening ports with processes', () => {
    expect(r.facts.hostName).toBe('ia-comercial');
    expect(r.facts.os?.id).toBe('debian');
    expect(r.facts.disks.find((x) => x.mount === '/')).toBeTruthy();
    expect(r.facts.uptimeSeconds).toBeGreaterThan(0);
    expect(r.facts.ports).toContainEqual(expect.objectContaining({ port: ia.appPort, process: expect.any(String) }));
    expect(r.facts.tools.find((x) => x.name === 'pm2')).toMatchObject({ present: true });
  });

  it('reports missing tools as warnings, never errors', () => {
    expect(r.draft.errors).toEqual([]);
    if (!capabilities.cronCli) expect(r.draft.services.some((s) => s.kind === 'cron-job')).toBe(true);
    const messages = r.draft.warnings.map((w) => w.message);
    expect(messages).toContain('ufw is not installed on this host; firewall rules were not read.');
    expect(r.draft.warnings.every((w) => w.severity === 'warning')).toBe(true);
  });

  it('keeps no secret of the PM2 environment: not in the draft, facts, job, logs or audit', () => {
    const planted_ = byKey(r.draft.services, 'pm2:planted-env');
    expect(planted_).toBeTruthy();
    expect(r.draft.envVars.filter((e) => e.serviceKey === 'pm2:planted-env').map((e) => [e.name, e.secret, e.value])).toEqual([
      ['API_KEY', true, null],
      ['DATABASE_URL', true, null],
    ]);
    const everywhere = JSON.stringify([
      r,
      core.jobs.get(r.jobId),
      core.jobs.logs({ id: r.jobId }),
      core.db.prepare('SELECT * FROM jobs').all(),
      core.db.prepare('SELECT * FROM job_logs').all(),
      core.db.prepare('SELECT * FROM audit').all(),
    ]);
    expect(everywhere).not.toContain(planted);
    expect(everywhere).toContain('discovery.scan');
  });
});

describe('discovery of SERVISTECH', () => {
  let r: DiscoveryResult & { jobId: string };
  beforeAll(async () => {
    r = await scan(hosts.st, st.dockerSocket || undefined);
  }, 90_000);
  const kind = (k: string) => r.draft.services.filter((s) => s.kind === k);

  it('proposes PostgreSQL, PgBouncer and Redis on their ports', () => {
    expect(kind('postgres').map((s) => s.config.port).sort()).toEqual([st.postgresPort, st.pgbouncerPort].sort());
    expect(byKey(r.draft.services, `pgbouncer:${st.pgbouncerPort}`)).toMatchObject({ name: `PgBouncer :${st.pgbouncerPort}` });
    expect(kind('redis').map((s) => s.config.port)).toEqual([st.redisPort]);
    expect(r.draft.links).toContainEqual(expect.objectContaining({ fromKey: `pgbouncer:${st.pgbouncerPort}`, toKey: `postgres:${st.postgresPort}`, kind: 'uses-database' }));
  });

  it('proposes the nginx site proxying to both API processes (upstream) and the websocket', () => {
    const site = kind('nginx-site').find((s) => s.name === 'erp.servistech.example.com');
    expect(site).toMatchObject({ config: { port: st.nginxPort }, source: { file: st.nginxSiteConf } });
    const targets = r.draft.links.filter((l) => l.fromKey === site!.key && l.kind === 'proxies-to');
    expect(targets.map((l) => l.toKey).sort()).toEqual([...st.apiPorts, st.wsPort].map((p) => `process:${p}`).sort());
    expect(targets.map((l) => l.reason)).toContain(`proxy_pass http://servistech_ws (upstream servistech_ws: 127.0.0.1:${st.wsPort})`);
    for (const p of [...st.apiPorts, st.wsPort]) expect(byKey(r.draft.services, `process:${p}`)).toMatchObject({ kind: 'http-endpoint', config: { port: p } });
    expect(kind('http-endpoint').map((s) => s.config.url)).toContain('http://erp.servistech.example.com/health');
  });

  it('proposes the cron jobs of the seed (the user crontab; /etc/cron.d lines come from this machine)', () => {
    const cron = kind('cron-job').filter((c) => c.source.file === 'crontab -l');
    expect(cron.map((c) => c.config.schedule).sort()).toEqual(['*/30 7-19 * * 1-6', '0 2 * * *', '0 3 * * 0', '0 4 * * *', '0 8,13 * * 1-6', '0 9 * * *', '59 23 * * *'].sort());
    expect(cron.map((c) => c.name)).toContain('scrape-bcv.sh');
  });

  it.skipIf(!capabilities.podman)('proposes the busybox container in compose project servistech', () => {
    expect(kind('compose-project')).toEqual([expect.objectContaining({ name: 'servistech', config: expect.objectContaining({ composeProject: 'servistech', workingDir: st.appDir }) })]);
    const c = kind('container').find((x) => x.name === st.busyboxContainer);
    expect(c).toMatchObject({ config: { containerName: st.busyboxContainer, composeProject: 'servistech' } });
    expect(['docker ps', 'Docker API']).toContain(c?.source.file);
  });

  it.skipIf(!capabilities.podman)('lists the container through the Engine API over SSH when told to skip the CLI', async () => {
    const api = await scan(hosts.st, st.dockerSocket, 'api');
    const c = api.draft.services.find((s) => s.kind === 'container' && s.name === st.busyboxContainer);
    expect(c).toMatchObject({ source: { file: 'Docker API' }, config: { containerName: st.busyboxContainer, composeProject: 'servistech' } });
    expect(api.draft.services.find((s) => s.kind === 'compose-project')).toMatchObject({ name: 'servistech', config: { composeFile: `${st.appDir}/docker-compose.yml` } });
  }, 90_000);

  it('returns the listening ports and host facts, and no secret', () => {
    const ports = r.facts.ports.map((p) => p.port);
    for (const p of [st.postgresPort, st.pgbouncerPort, st.redisPort, ...st.apiPorts, st.wsPort]) expect(ports).toContain(p);
    expect(r.facts.disks.length).toBeGreaterThan(0);
    const text = JSON.stringify(r);
    for (const s of [st.dbPassword, st.redisPassword, st.postgresSuperuserPassword]) expect(text).not.toContain(s);
  });

  it('is available through discovery.result while the job is known, and refused while running', async () => {
    const job = core.discovery.scan(hosts.st);
    expect(() => core.discovery.result(job.id)).toThrow(/still running/);
    await core.jobs.wait(job.id);
    expect(DiscoveryResult.parse(core.discovery.result(job.id)).facts.hostName).toBe('servistech');
  }, 90_000);
});

describe('discovery through the contract', () => {
  const ctx = { connectionId: 'test', send: () => {} };
  it('discovery.scan starts the job; discovery.result returns what the contract promises', async () => {
    const started = await app.dispatch('discovery.scan', { hostId: hosts.ia }, ctx);
    if (!started.ok) throw new Error(JSON.stringify(started.error));
    const job = started.value as { id: string; kind: string };
    expect(job.kind).toBe('discovery.scan');
    await core.jobs.wait(job.id);
    const res = await app.dispatch('discovery.result', { jobId: job.id }, ctx);
    if (!res.ok) throw new Error(JSON.stringify(res.error));
    const value = DiscoveryResult.parse(res.value);
    expect(value.draft.services.some((s) => s.key === 'pm2:ia-comercial')).toBe(true);
    expect(JSON.stringify(res.value)).not.toContain(planted);
  }, 90_000);

  it('errors cross the boundary in the one shape, with message and hint', async () => {
    const missing = await app.dispatch('discovery.scan', { hostId: 'hst_doesnotexist' }, ctx);
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'That host no longer exists.' } });
    const docker = await app.dispatch('docker.containers', { hostId: hosts.ia, socketPath: '/var/run/docker.sock' }, ctx);
    expect(docker).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringMatching(/^Docker is not reachable on ia-comercial at \/var\/run\/docker.sock: /), hint: expect.stringMatching(/docker group/) } });
  });

  it('the proposals are accepted by the merge step (discovery.plan / discovery.apply) and land in the inventory', async () => {
    const r = await scan(hosts.ia);
    const plan = await app.dispatch('discovery.plan', { jobId: r.jobId }, ctx);
    if (!plan.ok) throw new Error(JSON.stringify(plan.error));
    const items = (plan.value as { plan: { items: { key: string; action: string }[] } }).plan.items;
    expect(items.find((i) => i.key === 'host:host:ia-comercial')).toMatchObject({ action: 'unchanged' });
    const keys = items.filter((i) => i.action !== 'unchanged').map((i) => i.key);
    expect(keys).toEqual(expect.arrayContaining(['service:pm2:ia-comercial', `service:nginx:${ia.serverName}`]));
    const applied = await app.dispatch('discovery.apply', { jobId: r.jobId, selectedKeys: keys }, ctx);
    if (!applied.ok) throw new Error(JSON.stringify(applied.error));
    const tree = core.inventory.tree();
    const app_ = tree.services.find((x) => x.name === 'ia-comercial' && x.kind === 'pm2-app');
    const site = tree.services.find((x) => x.name === ia.serverName && x.kind === 'nginx-site');
    expect(app_).toMatchObject({ hostId: hosts.ia, config: { port: ia.appPort } });
    expect(tree.links).toContainEqual(expect.objectContaining({ fromServiceId: site!.id, toServiceId: app_!.id, kind: 'proxies-to' }));
    expect(JSON.stringify(core.db.prepare('SELECT * FROM services').all())).not.toContain(planted);
  }, 90_000);
});
