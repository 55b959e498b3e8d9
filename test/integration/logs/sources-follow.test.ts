import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceKeyOf, type LogSourceOption } from '../../../src-main/contract';
import { composeApp, type ComposedApp } from '../../../src-main/ipc/compose';
import { capabilities, startIaComercial, startServistech, type IaComercialDroplet, type ServistechDroplet } from '../../fleet';
import { addHost, trust } from '../ssh/ssh-helpers';
import { uiConnection, until } from './follow-helpers';

/**
 * `logs.sources` and following the logs it offers, on the seed droplets over real SSH: the nginx
 * site's access log (its own log_format) with live analytics, the PM2 app's output, and a
 * container's logs through the Docker API over SSH, resumed without repeats after sshd dies.
 */
let ia: IaComercialDroplet;
let st: ServistechDroplet;
let app: ComposedApp;
let dataDir: string;
const ids = { ia: '', st: '', site: '', pm2: '', env: '' };

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'opsdeck-logsrc-'));
  [ia, st, app] = await Promise.all([startIaComercial(), startServistech(), composeApp({ dataDir, host: 'serve', version: 'test', envKey: randomBytes(32).toString('hex') })]);
  const core = app.core;
  const project = core.inventory.createProject({ name: 'Fleet', description: '' });
  ids.env = core.inventory.createEnvironment({ projectId: project.id, name: 'production', kind: 'production' }).id;
  ids.ia = addHost(core, ids.env, ia, 'key', { name: 'ia-comercial' }).id;
  ids.st = addHost(core, ids.env, st, 'key', { name: 'servistech' }).id;
  await Promise.all([trust(core, ids.ia, ia), trust(core, ids.st, st)]);
  ids.site = core.inventory.createService({ environmentId: ids.env, hostId: ids.ia, name: 'ia-site', kind: 'nginx-site', config: { serverNames: [ia.serverName] }, credentialId: null, notes: '' }).id;
  ids.pm2 = core.inventory.createService({ environmentId: ids.env, hostId: ids.ia, name: 'ia-comercial', kind: 'pm2-app', config: { pm2Name: ia.pm2AppName }, credentialId: null, notes: '' }).id;
}, 180_000);

afterAll(async () => {
  app?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  await Promise.all([ia?.stop(), st?.stop()]);
});

const routed = (input: { serviceId?: string; hostId?: string }) => app.dispatch('logs.sources', input, uiConnection().ctx);

async function callSources(input: { serviceId?: string; hostId?: string }): Promise<LogSourceOption[]> {
  const r = await app.core.logs.sources(input);
  return r;
}

describe('logs.sources', () => {
  it('an nginx site → its access log with the log_format of nginx -T, and its error log', async () => {
    const opts = await callSources({ serviceId: ids.site });
    expect(opts.map((o) => o.source)).toEqual([
      { type: 'file', hostId: ids.ia, path: ia.nginxAccessLog, format: { kind: 'nginx-access', logFormat: expect.stringContaining('$request_time') } },
      { type: 'file', hostId: ids.ia, path: ia.nginxErrorLog, format: { kind: 'nginx-error' } },
    ]);
    for (const o of opts) {
      expect(o.key).toBe(sourceKeyOf(o.source));
      expect(o.serviceId).toBe(ids.site);
    }
  }, 30_000);

  it('a PM2 app → out and err; a host → the logs that exist there', async () => {
    const pm2 = await callSources({ serviceId: ids.pm2 });
    expect(pm2.map((o) => o.source)).toEqual([
      { type: 'pm2', hostId: ids.ia, app: ia.pm2AppName, stream: 'out' },
      { type: 'pm2', hostId: ids.ia, app: ia.pm2AppName, stream: 'err' },
    ]);
    const host = await callSources({ hostId: ids.ia });
    expect(host.map((o) => (o.source.type === 'file' ? o.source.path : null))).toContain(ia.nginxAccessLog);
    expect(host.every((o) => o.serviceId === null)).toBe(true);
    // Through the router too, with the contract's validation.
    const r = await routed({ hostId: ids.ia });
    expect(r).toMatchObject({ ok: true });
    expect((r as { value: LogSourceOption[] }).value).toEqual(host);
  }, 30_000);
});

describe('following services', () => {
  it('nginx access log and PM2 output in one stream: requests appear in both, analytics flow', async () => {
    const [access] = await callSources({ serviceId: ids.site });
    const [out] = await callSources({ serviceId: ids.pm2 });
    const ui = uiConnection();
    const streamId = await ui.open(app, [access!.source, out!.source], { tail: 10 });
    await until(() => ui.statuses.filter((s) => s.state === 'following').length >= 2, 15_000, 'both sources following');
    const marker = `/api/leads?probe=${randomBytes(4).toString('hex')}`;
    for (let i = 0; i < 5; i++) await fetch(`http://${ia.host}:${ia.nginxPort}${marker}&i=${i}`, { headers: { host: ia.serverName } }).then((r) => r.text());
    await until(() => ui.lines.filter((l) => l.sourceKey === access!.key && l.text.includes(marker)).length === 5, 10_000, 'access lines');
    await until(() => ui.lines.some((l) => l.sourceKey === out!.key && l.text.includes('/api/leads?probe=')), 10_000, 'pm2 lines');
    await until(() => ui.events.some((e) => e.name === 'logs.analytics'), 5000, 'analytics');
    const a = ui.events.find((e) => e.name === 'logs.analytics')!.payload as { sourceKey: string; streamId: string };
    expect(a).toMatchObject({ streamId, sourceKey: access!.key });
    expect(ui.statuses.filter((s) => s.state === 'error')).toEqual([]);
    await app.hub.handlers['streams.close']({ streamId }, ui.ctx);
  }, 60_000);

  it.skipIf(!capabilities.podman)('a container over SSH: history, live lines, and no repeats after sshd is killed', async () => {
    const source = { type: 'container' as const, hostId: ids.st, container: st.busyboxContainer, socketPath: st.dockerSocket };
    const ui = uiConnection();
    const streamId = await ui.open(app, [source], { tail: 50 });
    await until(() => ui.lines.length >= 1, 15_000, 'history');
    const first = ui.lines.length;
    await until(() => ui.lines.length > first, 12_000, 'a live tick');
    expect(ui.lines.every((l) => l.tsFromLine && / cron: tick$/.test(l.text))).toBe(true);
    await st.kill();
    await st.start();
    const n = ui.lines.length;
    await until(() => ui.lines.length >= n + 2, 20_000, 'ticks after the reconnect');
    expect(ui.statuses.some((s) => s.state === 'reconnecting')).toBe(true);
    const texts = ui.lines.map((l) => `${l.ts} ${l.text}`);
    expect(new Set(texts).size).toBe(texts.length);
    await app.hub.handlers['streams.close']({ streamId }, ui.ctx);
  }, 60_000);
});
