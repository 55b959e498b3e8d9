import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-main/contract/errors';
import { dockerError } from '../../../src-main/core/connectors/docker/docker-errors';
import { composeProjects, demuxLogs, toStats, toSummary } from '../../../src-main/core/connectors/docker/docker-format';

const frame = (stream: 1 | 2, text: string) => {
  const body = Buffer.from(text);
  const h = Buffer.alloc(8);
  h[0] = stream;
  h.writeUInt32BE(body.length, 4);
  return Buffer.concat([h, body]);
};

const info = (name: string, labels: Record<string, string>, state = 'running'): Docker.ContainerInfo =>
  ({ Id: `${name}-id`, Names: [`/${name}`], Image: 'busybox', ImageID: '', Command: '', Created: 1763890000, Ports: [{ IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' }], Labels: labels, State: state, Status: 'Up', HostConfig: { NetworkMode: 'none' }, NetworkSettings: { Networks: {} }, Mounts: [] }) as Docker.ContainerInfo;

describe('docker formats', () => {
  it('summaries carry compose project and service from labels', () => {
    expect(toSummary(info('servistech-cron-1', { 'com.docker.compose.project': 'servistech', 'com.docker.compose.service': 'cron' }))).toMatchObject({
      id: 'servistech-cron-1-id',
      name: 'servistech-cron-1',
      state: 'running',
      composeProject: 'servistech',
      composeService: 'cron',
      ports: [{ privatePort: 80, publicPort: 8080, type: 'tcp', ip: '0.0.0.0' }],
      createdAt: '2025-11-23T09:26:40.000Z',
    });
  });

  it('groups compose projects', () => {
    const p = composeProjects([
      info('a-web-1', { 'com.docker.compose.project': 'a', 'com.docker.compose.service': 'web', 'com.docker.compose.project.config_files': '/srv/a/compose.yml' }),
      info('a-db-1', { 'com.docker.compose.project': 'a', 'com.docker.compose.service': 'db' }, 'exited'),
      info('loner', {}),
    ]);
    expect(p).toEqual([{ name: 'a', configFiles: '/srv/a/compose.yml', workingDir: null, services: ['db', 'web'], containers: 2, running: 1 }]);
  });

  it('demuxes stdout and stderr frames, joining lines split across frames', () => {
    const buf = Buffer.concat([frame(1, 'hello wo'), frame(2, 'oops\n'), frame(1, 'rld\nsecond\n'), frame(1, 'tail')]);
    expect(demuxLogs(buf)).toEqual({
      lines: [
        { stream: 'stderr', text: 'oops' },
        { stream: 'stdout', text: 'hello world' },
        { stream: 'stdout', text: 'second' },
        { stream: 'stdout', text: 'tail' },
      ],
      truncated: false,
    });
    expect(demuxLogs(Buffer.from('raw tty output\r\nline 2\n')).lines).toEqual([
      { stream: 'stdout', text: 'raw tty output' },
      { stream: 'stdout', text: 'line 2' },
    ]);
    expect(demuxLogs(frame(1, 'x'.repeat(100) + '\n' + 'y'.repeat(100) + '\n'), 150)).toMatchObject({ truncated: true, lines: [{ text: 'x'.repeat(100) }] });
  });

  it('computes CPU % like docker stats and memory without the page cache', () => {
    const s = {
      cpu_stats: { cpu_usage: { total_usage: 3_000_000 }, system_cpu_usage: 20_000_000, online_cpus: 2 },
      precpu_stats: { cpu_usage: { total_usage: 1_000_000 }, system_cpu_usage: 10_000_000 },
      memory_stats: { usage: 10_000_000, limit: 100_000_000, stats: { inactive_file: 2_000_000 } },
      pids_stats: { current: 3 },
    } as unknown as Docker.ContainerStats;
    expect(toStats('id', 'c', s, new Date(0))).toEqual({ id: 'id', name: 'c', cpuPercent: 40, memoryBytes: 8_000_000, memoryLimitBytes: 100_000_000, memoryPercent: 8, pids: 3, readAt: '1970-01-01T00:00:00.000Z' });
    expect(toStats('id', 'c', { ...s, precpu_stats: {} } as unknown as Docker.ContainerStats).cpuPercent).toBeNull();
  });
});

describe('docker errors', () => {
  const local = { hostName: 'this computer', socketPath: '/var/run/docker.sock', remote: false };
  const remote = { hostName: 'web-1', socketPath: '/var/run/docker.sock', remote: true, user: 'deploy' };
  it('says permission denied with the docker group hint', () => {
    const e = dockerError(Object.assign(new Error('connect EACCES /var/run/docker.sock'), { code: 'EACCES' }), { ...local, hostName: 'web-1' });
    expect(e.message).toBe('Docker is not reachable on web-1 at /var/run/docker.sock: permission denied.');
    expect(e.hint).toMatch(/docker group/);
  });
  it('says the socket is missing', () => {
    expect(dockerError(Object.assign(new Error('connect ENOENT /x.sock'), { code: 'ENOENT' }), local).code).toBe('NOT_FOUND');
  });
  it('explains a refused stream-local channel on a remote host', () => {
    const e = dockerError(new AppError('SSH_CHANNEL', '(SSH) Channel open failure: open failed'), remote);
    expect(e.message).toMatch(/^Docker is not reachable on web-1 at \/var\/run\/docker.sock: the SSH server could not open the socket/);
    expect(e.hint).toMatch(/usermod -aG docker deploy/);
  });
  it('passes engine answers through with their status', () => {
    const e = dockerError(Object.assign(new Error('x'), { statusCode: 404, json: { message: 'no such container: nope' } }), remote);
    expect(e).toMatchObject({ code: 'NOT_FOUND', message: 'The Docker engine on web-1 answered 404: no such container: nope' });
  });
});
