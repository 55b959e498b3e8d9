import { chmodSync, copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessAnalytics, type Job } from '../../../src-main/contract';
import { cmd } from '../../../src-main/core/connectors/ssh/remote-command';
import type { Core } from '../../../src-main/core/create-core';
import { createAnalyzeFileHandler } from '../../../src-main/ipc/handlers/logs-analyze';
import { startIaComercial, type IaComercialDroplet } from '../../fleet';
import { addHost, tempCore, trust } from '../ssh/ssh-helpers';
import { createTraffic, formatTimed } from '../../../bench/lib/nginx-loggen';
import { bruteForce, recordsFromTimedText } from '../../../bench/lib/nginx-expect';

/**
 * `logs.analyzeFile` against IA Comercial's real nginx over real SSH: requests are made to the
 * site, an older plain sibling (`.1`) and a gzip sibling (`.2.gz`) are put next to its access
 * log, and the job's AccessAnalytics are compared with panels computed from the same files.
 */
const TIMED =
  '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" $request_time $upstream_response_time';

let ia: IaComercialDroplet;
let core: Core;
let done: () => void;
let hostId: string;
let analyze: ReturnType<typeof createAnalyzeFileHandler>['logs.analyzeFile'];
let log: string;

async function runJob(input: { path: string; includeRotated?: boolean; logFormat?: string }): Promise<Job> {
  const job = (await analyze({ hostId, path: input.path, includeRotated: input.includeRotated ?? true, logFormat: input.logFormat }, {} as never)) as Job;
  expect(job.kind).toBe('logs.analyzeFile');
  return core.jobs.wait(job.id);
}

function expected(texts: string[]) {
  const { records, failed } = recordsFromTimedText(texts.join('\n'));
  return { records, failed, want: bruteForce(records, failed) };
}

beforeAll(async () => {
  let envId: string;
  [ia, { core, envId, done }] = await Promise.all([startIaComercial(), tempCore()]);
  hostId = addHost(core, envId, ia, 'key', { name: 'ia-comercial' }).id;
  await trust(core, hostId, ia);
  analyze = createAnalyzeFileHandler(core)['logs.analyzeFile'];
  log = ia.nginxAccessLog;
  // Real traffic through nginx: pages, the API (proxied: upstream time), a 500 and 404s.
  const base = `http://${ia.host}:${ia.nginxPort}`;
  const paths = ['/', '/health', '/api/leads', '/api/leads?page=2', '/api/fail', '/missing', '/assets/none.js', '/health/detailed'];
  for (let i = 0; i < 40; i++) {
    const res = await fetch(`${base}${paths[i % paths.length]}`, { headers: { 'user-agent': `opsdeck-test/${i % 3} ("quoted")` } });
    await res.arrayBuffer();
  }
  // nginx writes each line as the request ends; wait until all 40 are there.
  const deadline = Date.now() + 10_000;
  while (readFileSync(log, 'utf8').split('\n').filter(Boolean).length < 40 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  // Older rotated siblings, as logrotate leaves them (the oldest compressed).
  const older = createTraffic(9, Date.UTC(2026, 9, 1));
  writeFileSync(`${log}.2.gz`, gzipSync(Buffer.from(`${Array.from({ length: 3000 }, () => formatTimed(older())).join('\n')}\n`)));
  writeFileSync(`${log}.1`, `${Array.from({ length: 700 }, () => formatTimed(older())).join('\n')}\n`);
  writeFileSync(`${log}.old`, 'not a rotated sibling\n');
  for (const f of [`${log}.2.gz`, `${log}.1`, `${log}.old`]) chmodSync(f, 0o644);
}, 180_000);

afterAll(async () => {
  done?.();
  await ia?.stop();
});

describe('logs.analyzeFile', () => {
  it('reads the log and its rotated siblings oldest first; panels equal an independent computation', async () => {
    const job = await runJob({ path: log, logFormat: `log_format timed '${TIMED}';` });
    expect(job.status).toBe('succeeded');
    expect(job.progress).toBe(100);
    const a = AccessAnalytics.parse(job.result);
    const texts = [gunzipSync(readFileSync(`${log}.2.gz`)).toString('utf8'), readFileSync(`${log}.1`, 'utf8'), readFileSync(log, 'utf8')];
    const { records, failed, want } = expected(texts);
    expect(failed).toBe(0);
    expect(records.length).toBeGreaterThanOrEqual(3740);
    expect(a.totals).toMatchObject({ requests: records.length, valid: records.length, failed: 0, visitors: want.visitors, bandwidth: want.bandwidth });
    expect(a.statusCodes).toEqual([...want.status.entries()].sort((x, y) => x[0] - y[0]).map(([code, count]) => ({ code, count })));
    for (const p of a.topPaths) expect([p.path, p.hits, p.visitors]).toEqual([p.path, want.paths.get(p.path)!.hits, want.paths.get(p.path)!.visitors.size]);
    expect(a.statusCodes.find((s) => s.code === 500)?.count).toBeGreaterThanOrEqual(5);
    expect(a.totals.latency?.count).toBe(records.length);
    // The live site's requests are there, path without query string.
    expect(a.topPaths.length).toBe(20);
    const all = await runJob({ path: log, logFormat: TIMED });
    expect((all.result as AccessAnalytics).totals).toEqual(a.totals);
    const logs = core.jobs.logs({ id: job.id }).map((l) => l.text);
    const base = log.split('/').pop()!;
    expect(logs[0]).toContain(`${base}.2.gz, ${base}.1, ${base}`);
    expect(logs.join('\n')).not.toContain('.old');
  }, 60_000);

  it('only the log itself without includeRotated; the live requests with their paths', async () => {
    const job = await runJob({ path: log, includeRotated: false, logFormat: TIMED });
    expect(job.status).toBe('succeeded');
    const a = job.result as AccessAnalytics;
    const { records, want } = expected([readFileSync(log, 'utf8')]);
    expect(a.totals.requests).toBe(records.length);
    expect(a.totals.visitors).toBe(want.visitors);
    const hits = Object.fromEntries(a.topPaths.map((p) => [p.path, p.hits]));
    expect(hits['/api/leads']).toBe(10);
    expect(hits['/api/fail']).toBe(5);
    expect(a.slowest.length).toBeGreaterThan(0);
  }, 30_000);

  it('a path with quotes and spaces is one argument on the host', async () => {
    const odd = join(dirname(log), `it's a "log" $(id).log`);
    copyFileSync(log, odd);
    chmodSync(odd, 0o644);
    try {
      const job = await runJob({ path: odd, logFormat: TIMED });
      expect(job.status).toBe('succeeded');
      expect((job.result as AccessAnalytics).totals.requests).toBe(readFileSync(odd, 'utf8').split('\n').filter(Boolean).length);
    } finally {
      rmSync(odd, { force: true });
    }
  }, 30_000);

  it('a missing log fails with a message naming it', async () => {
    const job = await runJob({ path: `${log}.nope` });
    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe('NOT_FOUND');
    expect(job.error?.message).toContain(`${log}.nope`);
  }, 30_000);

  it('can be cancelled while reading; the connection stays usable', async () => {
    const big = createTraffic(77, Date.UTC(2026, 8, 1));
    const lines: string[] = [];
    for (let i = 0; i < 400_000; i++) lines.push(formatTimed(big()));
    writeFileSync(`${log}.3.gz`, gzipSync(Buffer.from(lines.join('\n')), { level: 1 }));
    chmodSync(`${log}.3.gz`, 0o644);
    try {
      const started = (await analyze({ hostId, path: log, includeRotated: true, logFormat: TIMED }, {} as never)) as Job;
      const deadline = Date.now() + 20_000;
      while (core.jobs.get(started.id).progress <= 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      expect(core.jobs.get(started.id).status).toBe('running');
      core.jobs.cancel(started.id);
      const job = await core.jobs.wait(started.id);
      expect(job.status).toBe('cancelled');
      expect(job.progress).toBeLessThan(100);
      const r = await core.ssh.exec(hostId, cmd('echo', 'still here'));
      expect(r.stdout.trim()).toBe('still here');
    } finally {
      rmSync(`${log}.3.gz`, { force: true });
    }
  }, 60_000);
});
