import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { DiscoveryResult } from '../../../src-main/contract';
import type { AuditRecord } from '../../../src-main/core/ports';
import type { RemoteCommand } from '../../../src-main/core/connectors/ssh/remote-command';
import type { ExecResult } from '../../../src-main/core/connectors/ssh/ssh-exec';
import { DiscoveryService } from '../../../src-main/core/discovery/discovery-service';
import { EventBus } from '../../../src-main/core/event-bus';
import { JobRunner } from '../../../src-main/core/jobs/job-runner';
import { openStore } from '../../../src-main/core/store/open-store';
import { tempDir } from '../core/helpers';
import { NONCE, scriptOutput, servistechOutput } from './scan-output';

const host = { id: 'hst_1', name: 'web-1', address: '203.0.113.5', port: 22, username: 'deploy' };

/** A service whose "SSH" answers with captured output (the nonce is swapped in from the command). */
function setup(output: string, containers: Docker.ContainerInfo[] = []) {
  const runner = new JobRunner({ db: openStore({ dataDir: tempDir() }).db, bus: new EventBus() });
  const commands: RemoteCommand[] = [];
  const audit: AuditRecord[] = [];
  const dockerCalls: unknown[] = [];
  const service = new DiscoveryService({
    jobs: runner,
    host: (id) => (id === host.id ? host : undefined),
    audit: { record: (e) => audit.push(e) },
    docker: {
      listRaw: async (target) => {
        dockerCalls.push(target);
        return containers;
      },
    },
    ssh: {
      exec: async (_hostId, command): Promise<ExecResult> => {
        commands.push(command);
        if (command.line.startsWith('find ')) {
          const stdout = '/srv/servistech/api/data/cache.sqlite\n/srv/servistech/api/data/cache-20261123.db\n/elsewhere/x.db\n';
          return { code: 0, signal: null, stdout, stderr: '', stdoutBytes: Buffer.from(stdout), durationMs: 1 };
        }
        const nonce = / opsdeck-discovery (\S+) /.exec(command.line)![1];
        const stdout = output.replaceAll(`@@${NONCE} `, `@@${nonce} `);
        return { code: 0, signal: null, stdout, stderr: '', stdoutBytes: Buffer.from(stdout), durationMs: 5 };
      },
    },
  });
  return { runner, service, commands, audit, dockerCalls };
}

describe('DiscoveryService', () => {
  it('runs a scan as a job whose result is the draft and the facts', async () => {
    const { runner, service, commands, audit } = setup(servistechOutput());
    const job = service.scan(host.id);
    expect(job).toMatchObject({ kind: 'discovery.scan', title: 'Scan web-1', target: 'web-1' });
    const done = await runner.wait(job.id);
    expect(done.status).toBe('succeeded');
    const r = DiscoveryResult.parse(service.result(job.id));
    expect(r.facts).toMatchObject({ hostId: 'hst_1', hostName: 'web-1', firewall: { state: 'needs-root' } });
    expect(r.draft.hosts).toEqual([{ key: 'host:web-1', name: 'web-1', address: '203.0.113.5', port: 22, username: 'deploy', source: { file: 'ssh', line: 0 } }]);
    // The script, then one bounded find over the PM2 apps' working directories.
    expect(commands.map((c) => c.line.split(' ')[0])).toEqual(['sh', 'find']);
    expect(commands[1].line).toBe("find /srv/servistech/api /srv/servistech/websocket /srv/old -maxdepth 3 -name node_modules -prune -o -type f '(' -name '*.db' -o -name '*.sqlite' -o -name '*.sqlite3' ')' -print");
    expect(r.draft.services.filter((s) => s.kind === 'sqlite-file')).toEqual([
      expect.objectContaining({ key: 'sqlite:/srv/servistech/api/data/cache.sqlite', name: 'cache.sqlite', config: { filePath: '/srv/servistech/api/data/cache.sqlite' } }),
    ]);
    expect(r.draft.links).toContainEqual(expect.objectContaining({ fromKey: 'pm2:servistech-api', toKey: 'sqlite:/srv/servistech/api/data/cache.sqlite', kind: 'uses-database' }));
    expect(audit).toEqual([expect.objectContaining({ action: 'discovery.scan', targetId: 'hst_1', command: 'sh -c <discovery script> (read-only)' })]);
    const logs = runner.logs({ id: job.id }).map((l) => l.text);
    expect(logs.some((l) => l.startsWith('Proposed: '))).toBe(true);
    expect(JSON.stringify([r, logs])).not.toMatch(/PLANTED/);
  });

  it('uses a fresh nonce per scan', async () => {
    const { runner, service, commands } = setup(servistechOutput());
    await runner.wait(service.scan(host.id).id);
    await runner.wait(service.scan(host.id).id);
    const nonces = commands.filter((c) => c.line.startsWith('sh ')).map((c) => / opsdeck-discovery (\S+) /.exec(c.line)![1]);
    expect(new Set(nonces).size).toBe(2);
  });

  it('lists containers through the Docker API when the CLI is missing', async () => {
    const output = scriptOutput({
      tools: { text: 'docker -\nuser deploy 1000', code: 0 },
      docker: { text: '', code: 127 },
      sockets: { text: '/run/user/1000/podman/podman.sock rw', code: 0 },
    });
    const container = { Id: 'abc', Names: ['/app-web-1'], Image: 'nginx', State: 'running', Status: 'Up', Labels: { 'com.docker.compose.project': 'app', 'com.docker.compose.service': 'web' }, Ports: [{ PrivatePort: 80, PublicPort: 8080, Type: 'tcp' }] } as unknown as Docker.ContainerInfo;
    const { runner, service, dockerCalls } = setup(output, [container]);
    const job = service.scan(host.id);
    await runner.wait(job.id);
    const r = service.result(job.id);
    expect(dockerCalls).toEqual([{ hostId: 'hst_1', socketPath: '/run/user/1000/podman/podman.sock' }]);
    expect(r.draft.services.filter((s) => s.kind === 'container')).toEqual([
      expect.objectContaining({ name: 'app-web-1', config: { containerName: 'app-web-1', composeProject: 'app', port: 8080 }, source: { file: 'Docker API', line: 0 } }),
    ]);
    expect(r.draft.services.some((s) => s.kind === 'compose-project' && s.name === 'app')).toBe(true);
  });

  it('reports a denied socket and every missing tool as warnings', async () => {
    const output = scriptOutput({
      tools: { text: 'pm2 -\nnginx -\ndocker -\nss -\nufw -\ncrontab -\nuser deploy 1000', code: 0 },
      pm2: { text: '', code: 127 },
      nginx: { text: '', code: 127 },
      docker: { text: '', code: 127 },
      sockets: { text: '/var/run/docker.sock denied', code: 0 },
      ports: { text: '', code: 127 },
      ufw: { text: 'OPSDECK: not installed', code: 127 },
      crontab: { text: '', code: 127 },
    });
    const { runner, service } = setup(output);
    const job = service.scan(host.id);
    await runner.wait(job.id);
    const r = service.result(job.id);
    expect(r.draft.errors).toEqual([]);
    expect(r.draft.services).toEqual([]);
    expect(r.draft.warnings.map((w) => w.message)).toEqual([
      'pm2 is not installed on this host (looked in PATH, ~/.npm-global, node_modules and nvm folders).',
      'nginx is not installed on this host.',
      'Neither ss nor netstat is installed on this host; listening ports are unknown.',
      'ufw is not installed on this host; firewall rules were not read.',
      'crontab is not installed on this host; only /etc/cron.d was read.',
      'Disk usage could not be read (df -P printed nothing usable).',
      'The operating system could not be read (/etc/os-release is missing).',
      'Docker is not reachable on web-1 at /var/run/docker.sock: permission denied. Add deploy to the docker group to list containers.',
    ]);
  });

  it('refuses an unknown host, a running scan, and a job of another kind', async () => {
    const { runner, service } = setup(servistechOutput());
    expect(() => service.scan('hst_nope')).toThrow(/no longer exists/);
    const job = service.scan(host.id);
    expect(() => service.result(job.id)).toThrow(/still running/);
    await runner.wait(job.id);
    const other = runner.start('other.kind', 'x', 'y', async () => 1);
    await runner.wait(other.id);
    expect(() => service.result(other.id)).toThrow(/not a host scan/);
  });

  it('fails the job when the script printed nothing usable', async () => {
    const { runner, service } = setup('bash: sh: command not found');
    const done = await runner.wait(service.scan(host.id).id);
    expect(done.status).toBe('failed');
    expect(done.error?.message).toMatch(/printed nothing usable on web-1/);
  });
});
