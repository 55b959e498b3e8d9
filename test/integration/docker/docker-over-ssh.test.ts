import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capabilities, startServistech, type ServistechDroplet } from '../../fleet';
import type { Core } from '../../../src-main/core/create-core';
import { DockerConnector } from '../../../src-main/core/connectors/docker';
import { addHost, expectCode, tempCore, trust } from '../ssh/ssh-helpers';

/**
 * Docker over SSH against the SERVISTECH droplet's engine (podman's Docker API): dockerode
 * through an SSH stream-local channel per request, no docker CLI involved.
 */
const run = capabilities.podman;
let d: ServistechDroplet;
let t: Awaited<ReturnType<typeof tempCore>>;
let core: Core;
let hostId: string;
let hostName: string;

const target = () => ({ hostId, socketPath: d.dockerSocket });

beforeAll(async () => {
  if (!run) return;
  [d, t] = await Promise.all([startServistech(), tempCore()]);
  core = t.core;
  const host = addHost(core, t.envId, d, 'key');
  hostId = host.id;
  hostName = host.name;
  await trust(core, hostId, d);
}, 120_000);

afterAll(async () => {
  t?.done();
  await d?.stop();
});

describe.skipIf(!run)('Docker over SSH (SERVISTECH, podman API)', () => {
  it('lists the busybox container with its compose labels', async () => {
    const list = await core.docker.listContainers(target());
    const c = list.find((x) => x.name === d.busyboxContainer);
    expect(c).toMatchObject({ id: d.busyboxContainerId, state: 'running', composeProject: 'servistech', composeService: 'cron' });
    expect(core.ssh.isConnected(hostId)).toBe(true);
  });

  it('lists the compose project', async () => {
    const projects = await core.docker.listComposeProjects(target());
    expect(projects).toContainEqual({ name: 'servistech', configFiles: `${d.appDir}/docker-compose.yml`, workingDir: d.appDir, services: ['cron'], containers: 1, running: 1 });
  });

  it('reads logs (demuxed, tail) and one-shot stats', async () => {
    const logs = await core.docker.logs(target(), d.busyboxContainer, { tail: 3 });
    expect(logs.truncated).toBe(false);
    expect(logs.lines.length).toBeGreaterThan(0);
    expect(logs.lines.length).toBeLessThanOrEqual(3);
    expect(logs.lines.every((l) => l.stream === 'stdout' && /cron: tick$/.test(l.text))).toBe(true);
    const since = await core.docker.logs(target(), d.busyboxContainer, { since: Math.floor(Date.now() / 1000) + 3600 });
    expect(since.lines).toEqual([]);
    const stats = await core.docker.stats(target(), d.busyboxContainer);
    expect(stats.id).toBe(d.busyboxContainerId);
    expect(stats.name).toBe(d.busyboxContainer);
    expect(stats.memoryBytes).toBeGreaterThan(0);
    expect(stats.cpuPercent === null || stats.cpuPercent >= 0).toBe(true);
  });

  it('stops, starts and restarts the container, each audited with its target', async () => {
    const state = async () => (await core.docker.listContainers(target())).find((c) => c.name === d.busyboxContainer)?.state;
    await core.docker.action(target(), d.busyboxContainer, 'stop');
    expect(await state()).toBe('exited');
    await core.docker.action(target(), d.busyboxContainer, 'stop'); // already stopped: fine
    await core.docker.action(target(), d.busyboxContainer, 'start');
    expect(await state()).toBe('running');
    await core.docker.action(target(), d.busyboxContainer, 'restart');
    expect(await state()).toBe('running');
    const audit = core.audit.list({ limit: 20 }).filter((a) => a.action.startsWith('docker.'));
    expect(audit.map((a) => [a.action, a.targetName, a.result])).toEqual([
      ['docker.restart', `${d.busyboxContainer} on ${hostName}`, 'ok'],
      ['docker.start', `${d.busyboxContainer} on ${hostName}`, 'ok'],
      ['docker.stop', `${d.busyboxContainer} on ${hostName}`, 'ok'],
      ['docker.stop', `${d.busyboxContainer} on ${hostName}`, 'ok'],
    ]);
    expect(audit[0].command).toBe(`POST /containers/${d.busyboxContainer}/restart (${d.dockerSocket})`);
  });

  it('says clearly when the socket is not there', async () => {
    const e = await expectCode(core.docker.listContainers({ hostId, socketPath: '/nonexistent/docker.sock' }), 'NOT_FOUND');
    expect(e.message).toBe(`Docker is not reachable on ${hostName} at /nonexistent/docker.sock: the SSH server could not open the socket (it is missing, or ${d.user} may not use it).`);
    expect(e.hint).toMatch(/docker group/);
    await expectCode(core.docker.logs(target(), 'no-such-container'), 'NOT_FOUND');
  });

  it('talks to a local socket the same way', async () => {
    const local = new DockerConnector({ ssh: core.ssh, describeHost: () => undefined, audit: core.audit });
    const list = await local.listContainers({ hostId: null, socketPath: d.dockerSocket });
    expect(list.map((c) => c.name)).toContain(d.busyboxContainer);
    const e = await expectCode(local.ping({ hostId: null, socketPath: '/nonexistent/docker.sock' }), 'NOT_FOUND');
    expect(e.message).toBe('Docker is not reachable on this computer at /nonexistent/docker.sock: the socket does not exist.');
  });
});
