import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callNames, type CallName } from '../../../src-main/contract';
import { composeApp, type ComposedApp } from '../../../src-main/ipc/compose';
import type { CallContext } from '../../../src-main/ipc/types';

/**
 * Every call of the contract, fed wrong types, huge strings and unknown fields, answers with a
 * validation error and changes nothing (inventory, secrets, audit, settings, jobs).
 */
let app: ComposedApp;
let dataDir: string;
const ctx: CallContext = { connectionId: 'test', send: () => {} };
const ids: Record<string, string> = {};

async function ok(name: CallName, input: unknown): Promise<Record<string, unknown>> {
  const r = await app.dispatch(name, input, ctx);
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
  return r.value as Record<string, unknown>;
}

function fingerprint(): string {
  const tables = ['projects', 'environments', 'hosts', 'services', 'links', 'credentials', 'secrets', 'audit', 'settings', 'jobs', 'vault_meta', 'health_checks', 'health_monitor_state', 'health_beats', 'health_incidents', 'health_maintenance', 'alert_sinks', 'alert_log'];
  return JSON.stringify(tables.map((t) => app.core.db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all()));
}

/** One valid input per call; the malformed variants are derived from it. */
function samples(): Record<CallName, Record<string, unknown>> {
  const secret = { action: 'set', value: 'hunter2-sample' };
  return {
    'app.info': {},
    'app.dismissStoreNotice': {},
    'settings.get': {},
    'settings.update': { language: 'es', theme: 'dark' },
    'vault.status': {},
    'vault.setup': { provider: 'passphrase', passphrase: 'a long passphrase', allowWeakBackend: false },
    'vault.unlock': { passphrase: 'a long passphrase' },
    'vault.lock': {},
    'inventory.tree': {},
    'inventory.demoState': {},
    'inventory.loadDemo': {},
    'inventory.dismissDemo': {},
    'projects.create': { name: 'P2', description: 'd' },
    'projects.update': { id: ids.project, name: 'P1b', description: 'x' },
    'projects.delete': { id: ids.project },
    'environments.create': { projectId: ids.project, name: 'staging', kind: 'staging' },
    'environments.update': { id: ids.env, name: 'prod2', kind: 'production' },
    'environments.delete': { id: ids.env },
    'hosts.create': { environmentId: ids.env, name: 'web-2', address: '203.0.113.9', port: 22, username: 'deploy', authMethod: 'password', provider: 'digitalocean', credentialId: null, jumpHostId: null, tags: ['a'], notes: 'n', secrets: { password: secret } },
    'hosts.update': { id: ids.host, name: 'web-1b', address: '203.0.113.10', port: 2222, username: 'ops', authMethod: 'key', tags: ['b'], notes: 'm', secrets: { privateKey: secret } },
    'hosts.delete': { id: ids.host },
    'services.create': { environmentId: ids.env, hostId: ids.host, name: 'api2', kind: 'pm2-app', config: { port: 3000, pm2Name: 'api2' }, credentialId: null, notes: '' },
    'services.update': { id: ids.service, name: 'api-b', kind: 'pm2-app', config: { port: 3001 }, notes: 'x' },
    'services.delete': { id: ids.service },
    'links.create': { fromServiceId: ids.service, toServiceId: ids.service2, kind: 'uses-database' },
    'links.delete': { id: ids.link },
    'credentials.create': { name: 'db url', kind: 'database-url', username: 'u', notes: '', secrets: { value: secret } },
    'credentials.update': { id: ids.credential, name: 'c2', kind: 'api-token', username: 'v', notes: 'n', secrets: { value: secret } },
    'credentials.delete': { id: ids.credential },
    'jobs.list': { status: 'running', kind: 'x', limit: 5 },
    'jobs.get': { id: ids.project },
    'jobs.logs': { id: ids.project, afterSeq: 0, limit: 5 },
    'jobs.start': { kind: 'inventory.selfcheck' },
    'jobs.cancel': { id: ids.project },
    'audit.list': { limit: 5, search: 'x' },
    'audit.export': { format: 'csv' },
    'hosts.testConnection': { id: ids.host },
    'hosts.scanKey': { id: ids.host },
    'hosts.knownKey': { id: ids.host },
    'hosts.trustKey': { id: ids.host, fingerprint: 'SHA256:' + 'A'.repeat(43) },
    'hosts.importKnownKey': { id: ids.host, publicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl' },
    'hosts.forgetKey': { id: ids.host },
    'sftp.list': { hostId: ids.host, path: '/tmp' },
    'sftp.download': { hostId: ids.host, remotePath: '/etc/hostname', localPath: '/tmp/x' },
    'sftp.upload': { hostId: ids.host, localPath: '/tmp/x', remotePath: '/tmp/y' },
    'sshConfig.preview': { configText: 'Host a', knownHostsText: '' },
    'sshConfig.readLocal': { configPath: '/tmp/none', knownHostsPath: '/tmp/none2' },
    'sshConfig.plan': { configText: 'Host a', knownHostsText: '', target: { newProjectName: 'x' } },
    'sshConfig.apply': { configText: 'Host a', knownHostsText: '', target: { newProjectName: 'x' }, selectedKeys: [] },
    'terminal.input': { streamId: 'trm_x', data: 'ls\r' },
    'terminal.resize': { streamId: 'trm_x', cols: 120, rows: 40 },
    'import.preview': { files: [{ path: 'docker-compose.yml', content: 'services: {}' }], target: { projectId: ids.project, environmentName: 'production' } },
    'import.apply': { files: [{ path: 'docker-compose.yml', content: 'services: {}' }], target: { projectId: ids.project, environmentName: 'production' }, selectedKeys: ['service:compose:web'] },
    'discovery.scan': { hostId: ids.host, dockerSocketPath: '/run/user/1000/podman/podman.sock' },
    'discovery.result': { jobId: ids.project },
    'discovery.plan': { jobId: ids.project },
    'discovery.apply': { jobId: ids.project, selectedKeys: ['service:pm2:api'] },
    'docker.containers': { hostId: ids.host, socketPath: '/var/run/docker.sock', all: true },
    'docker.composeProjects': { hostId: ids.host, socketPath: '/var/run/docker.sock' },
    'docker.logs': { hostId: ids.host, socketPath: '/var/run/docker.sock', containerId: 'web-1', since: 0, tail: 10, timestamps: false },
    'docker.stats': { hostId: ids.host, socketPath: '/var/run/docker.sock', containerId: 'web-1' },
    'docker.action': { hostId: ids.host, socketPath: '/var/run/docker.sock', containerId: 'web-1', action: 'restart' },
    'logs.sources': { serviceId: ids.service },
    'logs.analyzeFile': { hostId: ids.host, path: '/var/log/nginx/access.log', includeRotated: true, logFormat: '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent' },
    'metrics.catalog': { kind: 'host', id: ids.host },
    'metrics.series': { target: { kind: 'host', id: ids.host }, keys: ['host.cpu'], range: '1h', until: 1 },
    'metrics.setThreshold': { target: { kind: 'host', id: ids.host }, family: 'host.cpu', threshold: { value: 70, direction: 'above', alert: true } },
    'metrics.monitors': {},
    'metrics.setMonitor': { hostId: ids.host, enabled: true, intervalSec: 5 },
    'metrics.pgStatements': { id: ids.service },
    'checks.list': { serviceId: ids.service },
    'checks.create': { serviceId: ids.service, name: 'api health', config: { type: 'http', url: 'http://127.0.0.1:9/health', method: 'GET', expectStatus: ['2xx'], keyword: 'ok', jsonPath: 'status', jsonEquals: 'ok', ignoreTlsErrors: false }, intervalSec: 20, timeoutMs: 5000, retries: 3, renotifyEvery: 30, flapSuppression: true, enabled: true },
    'checks.update': { id: ids.project, name: 'x', intervalSec: 30, timeoutMs: 1000, retries: 1, renotifyEvery: 0, flapSuppression: false, enabled: false },
    'checks.delete': { id: ids.project },
    'checks.runNow': { id: ids.project },
    'checks.try': { type: 'tcp', host: '127.0.0.1', port: 9 },
    'checks.beats': { id: ids.project, limit: 10 },
    'checks.suggest': { id: ids.service },
    'incidents.list': { checkId: ids.project, serviceId: ids.service, limit: 10 },
    'maintenance.list': {},
    'maintenance.create': { checkId: null, serviceId: ids.service, startsAt: 1000, endsAt: 2000, reason: 'upgrade' },
    'maintenance.delete': { id: ids.project },
    'alerts.sinks': {},
    'alerts.createSink': { name: 'ops mail', enabled: true, settings: { type: 'smtp', host: 'mail.example.com', port: 587, secure: false, user: 'ops', from: 'ops@example.com', to: ['a@example.com'] }, secret },
    'alerts.updateSink': { id: ids.project, name: 'x', enabled: false, secret: { action: 'keep' } },
    'alerts.deleteSink': { id: ids.project },
    'alerts.testSink': { id: ids.project },
    'health.summary': {},
    'streams.open': { kind: 'job-log', jobId: ids.project },
    'streams.ack': { streamId: 'str_x', seq: 1 },
    'streams.close': { streamId: 'str_x' },
  };
}

function wrongTypeOf(v: unknown): unknown {
  if (typeof v === 'string') return 12345;
  if (typeof v === 'number') return '12';
  if (typeof v === 'boolean') return 'yes';
  if (Array.isArray(v)) return { not: 'an array' };
  if (v === null) return 42;
  return 'not an object';
}

/** Malformed variants of one valid input, each with a label. */
function variants(sample: Record<string, unknown>): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [
    ['a number instead of an object', 42],
    ['a string instead of an object', 'projects'],
    ['an array instead of an object', [sample]],
    ['null', null],
    ['an unknown field', { ...sample, unexpected: true }],
    ['a __proto__ field', JSON.parse(`{"__proto__":{"admin":true}${Object.keys(sample).length ? ',' : ''}${JSON.stringify(sample).slice(1)}`)],
    ['a 2 MB payload', { ...sample, blob: 'x'.repeat(2_000_000) }],
  ];
  for (const [key, value] of Object.entries(sample)) {
    out.push([`${key}: wrong type`, { ...sample, [key]: wrongTypeOf(value) }]);
    if (typeof value === 'string') out.push([`${key}: 300 kB string`, { ...sample, [key]: 'é'.repeat(300_000) }]);
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      out.push([`${key}: unknown nested field`, { ...sample, [key]: { ...(value as object), nested: 'x' } }]);
      for (const [k2, v2] of Object.entries(value)) {
        out.push([`${key}.${k2}: wrong type`, { ...sample, [key]: { ...(value as object), [k2]: wrongTypeOf(v2) } }]);
      }
    }
  }
  return out;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'opsdeck-malformed-'));
  app = await composeApp({ dataDir, host: 'serve', version: 'test', envKey: 'b2'.repeat(32) });
  ids.project = (await ok('projects.create', { name: 'P1' })).id as string;
  ids.env = (await ok('environments.create', { projectId: ids.project, name: 'production' })).id as string;
  ids.host = (await ok('hosts.create', { environmentId: ids.env, name: 'web-1', address: '203.0.113.5' })).id as string;
  ids.service = (await ok('services.create', { environmentId: ids.env, hostId: ids.host, name: 'api', kind: 'pm2-app' })).id as string;
  ids.service2 = (await ok('services.create', { environmentId: ids.env, name: 'db', kind: 'postgres' })).id as string;
  ids.link = (await ok('links.create', { fromServiceId: ids.service, toServiceId: ids.service2, kind: 'depends-on' })).id as string;
  ids.credential = (await ok('credentials.create', { name: 'token', kind: 'api-token' })).id as string;
});
afterAll(() => {
  app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('malformed input to every call', () => {
  it('has a sample for every call of the contract', () => {
    expect(Object.keys(samples()).sort()).toEqual([...callNames].sort());
  });

  for (const name of callNames) {
    it(`${name}: every malformed variant is refused with VALIDATION and changes nothing`, async () => {
      const sample = samples()[name];
      const before = fingerprint();
      const cases = variants(sample);
      expect(cases.length).toBeGreaterThanOrEqual(7);
      for (const [label, input] of cases) {
        const r = await app.dispatch(name, input, ctx);
        expect(r.ok, `${name} with ${label} was accepted`).toBe(false);
        if (!r.ok) {
          expect(r.error.code, `${name} with ${label}`).toBe('VALIDATION');
          expect(r.error.message).toMatch(/Invalid input|too large/);
          // The error names fields, never echoes what was sent.
          expect(JSON.stringify(r.error)).not.toContain('hunter2-sample');
          expect(JSON.stringify(r.error)).not.toContain('éééé');
        }
      }
      expect(fingerprint(), `${name} changed the store`).toBe(before);
    });
  }
});
