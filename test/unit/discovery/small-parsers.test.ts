import { describe, expect, it } from 'vitest';
import { parseCronFiles, parseCrontab } from '../../../src-main/core/discovery/parsers/crontab-parser';
import { parseDf } from '../../../src-main/core/discovery/parsers/df-parser';
import { parseDockerPs, parseLabels, publishedPorts } from '../../../src-main/core/discovery/parsers/docker-ps-parser';
import { parseOsRelease } from '../../../src-main/core/discovery/parsers/os-release-parser';
import { parseNetstat, parseSs } from '../../../src-main/core/discovery/parsers/ss-parser';
import { parseUfw } from '../../../src-main/core/discovery/parsers/ufw-parser';
import { parseUptime } from '../../../src-main/core/discovery/parsers/uptime-parser';
import { fixture } from './fixtures';

describe('ss and netstat', () => {
  it('reads port, address and the first owning process', () => {
    const ports = parseSs(fixture('ss-ltnp.ia-comercial.txt'));
    expect(ports.map((p) => [p.protocol, p.address, p.port, p.process, p.pid])).toEqual([
      ['tcp', '0.0.0.0', 80, 'nginx', 812],
      ['tcp', '127.0.0.53', 53, 'systemd-resolve', 601],
      ['tcp', '0.0.0.0', 22, 'sshd', 700],
      ['tcp', '0.0.0.0', 443, 'nginx', 812],
      ['tcp', '*', 3000, 'node /var/www/i', 48211],
      ['tcp6', '::', 80, 'nginx', 812],
      ['tcp6', '::', 22, 'sshd', 700],
    ]);
  });
  it('keeps sockets whose process is hidden', () => {
    const ports = parseSs(fixture('ss-ltnp.servistech.txt'));
    expect(ports.find((p) => p.port === 22)).toMatchObject({ process: null, pid: null });
    expect(ports.find((p) => p.port === 6432)).toMatchObject({ process: 'pgbouncer', pid: 1002 });
  });
  it('reads netstat -ltnp', () => {
    expect(parseNetstat(fixture('netstat-ltnp.txt')).map((p) => [p.protocol, p.address, p.port, p.process, p.pid])).toEqual([
      ['tcp', '0.0.0.0', 80, 'nginx', 812],
      ['tcp', '127.0.0.1', 5432, 'postgres', 1001],
      ['tcp', '0.0.0.0', 22, null, null],
      ['tcp6', '::', 3000, 'node', 48211],
    ]);
  });
});

describe('ufw status verbose', () => {
  it('reads state, defaults and rules with comments', () => {
    const f = parseUfw(fixture('ufw-status.active.txt'), 0);
    expect(f.state).toBe('active');
    expect(f.defaults).toBe('deny (incoming), allow (outgoing), disabled (routed)');
    expect(f.rules).toHaveLength(6);
    expect(f.rules[0]).toEqual({ to: '22/tcp', action: 'ALLOW IN', from: 'Anywhere', comment: 'SSH' });
    expect(f.rules[3]).toEqual({ to: '22/tcp (v6)', action: 'ALLOW IN', from: 'Anywhere (v6)', comment: 'SSH' });
  });
  it('reports needs-root, not-installed and inactive', () => {
    expect(parseUfw(fixture('ufw-status.needs-root.txt'), 1).state).toBe('needs-root');
    expect(parseUfw('OPSDECK: not installed', 127).state).toBe('not-installed');
    expect(parseUfw(fixture('ufw-status.inactive.txt'), 0)).toEqual({ state: 'inactive', defaults: null, rules: [] });
  });
});

describe('crontab', () => {
  it('reads a user crontab: schedules, @reboot, skips env and comments', () => {
    const e = parseCrontab(fixture('crontab.ia-comercial.txt'), { system: false, origin: 'crontab -l', owner: 'deploy' });
    expect(e.map((x) => [x.schedule, x.line, x.user])).toEqual([
      ['0 3 * * *', 3, 'deploy'],
      ['@reboot', 4, 'deploy'],
    ]);
    expect(e[0].command).toMatch(/^cp \/var\/www\/ia-comercial\/db\/leads\.db /);
  });
  it('reads /etc/crontab and /etc/cron.d with the user column, without run-parts lines', () => {
    const e = parseCronFiles(fixture('cron-files.servistech.txt'));
    expect(e).toHaveLength(7);
    expect(e[0]).toMatchObject({ schedule: '0 8,13 * * 1-6', user: 'deploy', origin: '/etc/cron.d/servistech', line: 2 });
    expect(e[1].schedule).toBe('*/30 7-19 * * 1-6');
  });
  it('reads nothing from "no crontab for"', () => {
    expect(parseCrontab(fixture('crontab.none.txt'), { system: false, origin: 'crontab -l' })).toEqual([]);
  });
});

describe('df, os-release, uptime', () => {
  it('df -P without pseudo file systems and snaps', () => {
    expect(parseDf(fixture('df-P.ubuntu.txt'))).toEqual([
      { filesystem: '/dev/vda1', sizeKb: 50620216, usedKb: 12872432, availableKb: 37731400, usePercent: 26, mount: '/' },
      { filesystem: '/dev/vda15', sizeKb: 106858, usedKb: 6186, availableKb: 100672, usePercent: 6, mount: '/boot/efi' },
    ]);
  });
  it('os-release', () => {
    expect(parseOsRelease(fixture('os-release.ubuntu-22.04.txt'))).toEqual({ id: 'ubuntu', name: 'Ubuntu', version: '22.04', prettyName: 'Ubuntu 22.04.4 LTS' });
    expect(parseOsRelease('')).toBeNull();
  });
  it('/proc/uptime and uptime', () => {
    expect(parseUptime(fixture('proc-uptime.txt'))).toBe(864123);
    expect(parseUptime(fixture('uptime.txt'))).toBe(10 * 86400 + 4 * 3600 + 2 * 60);
    expect(parseUptime(' 10:00:00 up 17 min,  0 users,  load average: 0.00')).toBe(17 * 60);
    expect(parseUptime('')).toBeNull();
  });
});

describe('docker ps --format json', () => {
  it('reads containers with compose labels and published ports', () => {
    const list = parseDockerPs(fixture('docker-ps.servistech.jsonl'));
    expect(list.map((c) => [c.name, c.state, c.labels['com.docker.compose.project'], c.labels['com.docker.compose.service']])).toEqual([
      ['servistech-cron-1', 'running', 'servistech', 'cron'],
      ['servistech-nginx-1', 'exited', 'servistech', 'nginx'],
      ['lonely-redis', 'running', undefined, undefined],
    ]);
    expect(list[1].labels.maintainer).toBe('NGINX Docker Maintainers <docker-maint@nginx.com>');
    expect(publishedPorts(list[1].ports)).toEqual([{ hostPort: 8080, containerPort: 80 }]);
    expect(parseDockerPs(fixture('docker-ps.permission-denied.txt'))).toEqual([]);
  });
  it('splits labels whose values contain commas', () => {
    expect(parseLabels('a=1,b=x,y,c=3')).toEqual({ a: '1', b: 'x,y', c: '3' });
  });
});
