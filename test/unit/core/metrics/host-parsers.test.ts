import { describe, expect, it } from 'vitest';
import {
  parseCpuLine,
  parseDiskstats,
  parseInit,
  parseLoadavg,
  parseMeminfo,
  parseNetDev,
  parsePidSection,
  parseProcUptime,
  parseSelfTicks,
} from '../../../../src-main/core/metrics/host-parsers';
import { parseRedisInfo } from '../../../../src-main/core/metrics/redis-collector';
import { pm2AppPoints, pm2HostPoints } from '../../../../src-main/core/metrics/pm2-collector';

/** Outputs captured from a Debian 12 droplet (kernel 6.1), trimmed. */
const MEMINFO = `MemTotal:        2014944 kB
MemFree:          120340 kB
MemAvailable:    1011212 kB
Buffers:           61820 kB
Cached:           830124 kB
SwapCached:            0 kB
SwapTotal:       1048572 kB
SwapFree:         786428 kB
Hugepagesize:       2048 kB`;

const DISKSTATS = `   7       0 loop0 50 0 2082 10 0 0 0 0 0 24 10 0 0 0 0 0 0
 253       0 vda 120409 31560 9471542 40051 391187 396524 14082096 460231 0 377400 532452 0 0 0 0 31237 32169
 253       1 vda1 120220 31560 9460378 40001 391187 396524 14082096 460231 0 377384 500232 0 0 0 0 0 0
 253      16 vdb 211 0 5584 41 0 0 0 0 0 60 41 0 0 0 0 0 0
 252       0 dm-0 100 0 800 1 0 0 0 0 0 1 1 0 0 0 0 0 0`;

const NETDEV = `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo: 9934711   74567    0    0    0     0          0         0  9934711   74567    0    0    0     0       0          0
  eth0: 1853348220 2240511    0    0    0     0          0         0 380123456 1204211    0    0    0     0       0          0
  eth1:    1000      10    0    0    0     0          0         0     2000      20    0    0    0     0       0          0`;

describe('host parsers', () => {
  it('reads the aggregate cpu line (idle includes iowait)', () => {
    expect(parseCpuLine('cpu  4705 356 584 3699176 23 0 12 7 0 0')).toEqual({ total: 4705 + 356 + 584 + 3699176 + 23 + 0 + 12 + 7, idle: 3699176 + 23 });
    expect(parseCpuLine('')).toBeNull();
    expect(parseCpuLine('cpu0 1 2 3 4')).toBeNull();
  });

  it('reads loadavg and uptime', () => {
    expect(parseLoadavg('0.08 0.03 0.05 1/151 2210\n')).toEqual([0.08, 0.03, 0.05]);
    expect(parseLoadavg('garbage')).toBeNull();
    expect(parseProcUptime('350735.47 234388.90\n')).toBe(350735.47);
    expect(parseProcUptime('')).toBeNull();
  });

  it('reads memory and swap in bytes, with the pre-3.14 fallback for MemAvailable', () => {
    expect(parseMeminfo(MEMINFO)).toEqual({ total: 2014944 * 1024, available: 1011212 * 1024, swapTotal: 1048572 * 1024, swapFree: 786428 * 1024 });
    const old = parseMeminfo(MEMINFO.replace(/^MemAvailable.*\n/m, ''));
    expect(old?.available).toBe((120340 + 61820 + 830124) * 1024);
    expect(parseMeminfo('nothing')).toBeNull();
  });

  it('sums whole disks only (no partitions, loops or device-mapper volumes)', () => {
    expect(parseDiskstats(DISKSTATS)).toEqual({ read: (9471542 + 5584) * 512, written: 14082096 * 512 });
    expect(parseDiskstats('')).toBeNull();
  });

  it('sums every interface but loopback', () => {
    expect(parseNetDev(NETDEV)).toEqual({ rx: 1853348220 + 1000, tx: 380123456 + 2000 });
  });

  it('reads PM2 processes by PID, fields counted after the last ")" of the name', () => {
    const text = [
      'P 4242 4242 (node /srv/a (x)) S 1 4242 4242 0 -1 4194560 9262 0 0 0 150 25 0 0 20 0 11 0 3620 1101516800 12962 18446744073709551615',
      'M 4242 275175 12962 8421 9 0 28880 0',
      'G 999',
    ].join('\n');
    const { samples, gone } = parsePidSection(text);
    expect(samples.get(4242)).toEqual({ pid: 4242, ticks: 175, rssPages: 12962 });
    expect(gone).toEqual([999]);
  });

  it('reads the first poll’s facts and the shell’s own CPU', () => {
    expect(parseInit('tck 100\npage 4096\nsock /run/docker.sock\nsock /run/user/1000/podman/podman.sock')).toEqual({
      tck: 100,
      pageSize: 4096,
      sockets: ['/run/docker.sock', '/run/user/1000/podman/podman.sock'],
    });
    expect(parseInit('tck \npage ')).toEqual({ tck: null, pageSize: null, sockets: [] });
    expect(parseSelfTicks('5120 (sh) S 5119 5120 5120 0 -1 4194304 120 431 0 0 1 2 3 4 20 0 1 0 3511 2568192 220')).toBe(10);
  });
});

describe('redis INFO', () => {
  it('reads fields and skips section headers', () => {
    const info = parseRedisInfo('# Memory\r\nused_memory:1048576\r\nused_memory_human:1.00M\r\n\r\n# Persistence\r\nrdb_last_bgsave_status:ok\r\naof_enabled:0\r\n');
    expect(info.get('used_memory')).toBe('1048576');
    expect(info.get('rdb_last_bgsave_status')).toBe('ok');
    expect(info.has('# Memory')).toBe(false);
  });
});

describe('PM2 points', () => {
  const values = [
    { name: 'api', instance: 'api#0', cpu: 10, mem: 100, restarts: 1, uptime: 50, online: 1 },
    { name: 'api', instance: 'api#1', cpu: 5, mem: 200, restarts: 2, uptime: 20, online: 1 },
    { name: 'worker', instance: 'worker', cpu: null, mem: null, restarts: 0, uptime: 0, online: 0 },
  ];
  it('keys every process under the host', () => {
    const keys = pm2HostPoints(values).map((p) => p.key);
    expect(keys).toContain('pm2.cpu:api#0');
    expect(keys).toContain('pm2.restarts:worker');
    expect(keys).not.toContain('pm2.cpu:worker');
  });
  it('sums an app’s instances for its service', () => {
    expect(pm2AppPoints(values, 'api')).toEqual([
      { key: 'pm2.cpu', v: 15 },
      { key: 'pm2.mem', v: 300 },
      { key: 'pm2.restarts', v: 3 },
      { key: 'pm2.uptime', v: 20 },
      { key: 'pm2.online', v: 2 },
    ]);
    expect(pm2AppPoints(values, 'nope')).toBeNull();
  });
});
