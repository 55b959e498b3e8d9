import { describe, expect, it } from 'vitest';
import { Job as JobSchema, type Job, type JobLogLine } from '../../../../src-main/contract';
import { AppError } from '../../../../src-main/contract/errors';
import { EventBus } from '../../../../src-main/core/event-bus';
import { INTERRUPTED_MESSAGE, JobRunner, type JobRunnerOptions } from '../../../../src-main/core/jobs/job-runner';
import { openStore } from '../../../../src-main/core/store/open-store';
import { tempDir } from '../helpers';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function setup(opts: Partial<JobRunnerOptions> = {}, dataDir = tempDir()) {
  const store = openStore({ dataDir });
  const bus = new EventBus();
  const changes: Job[] = [];
  const lines: { jobId: string; line: JobLogLine }[] = [];
  bus.on('jobs.changed', (j) => changes.push(j));
  bus.on('job.log', (l) => lines.push(l));
  const runner = new JobRunner({ db: store.db, bus, ...opts });
  return { store, bus, changes, lines, runner, dataDir };
}

describe('JobRunner', () => {
  it('runs a job: queued → running → succeeded, with progress, logs and result', async () => {
    const { runner, changes, lines } = setup();
    const job = runner.start('test.kind', 'Test job', 'thing-1', async (ctx) => {
      ctx.progress(25, 'first');
      ctx.log('info', 'hello');
      // Longer than the throttle interval, so both progress updates get their own event.
      await sleep(250);
      ctx.progress(75, 'second');
      ctx.log('warn', 'careful: password=hunter2');
      return { answer: 42 };
    });
    expect(job.status).toBe('queued');
    expect(job.id).toMatch(/^job_[0-9a-f]+$/);
    const done = await runner.wait(job.id);
    expect(done).toMatchObject({ status: 'succeeded', progress: 100, result: { answer: 42 }, error: null, step: 'second' });
    expect(done.startedAt).not.toBeNull();
    expect(done.finishedAt).not.toBeNull();
    expect(changes.map((c) => c.status)).toEqual(['queued', 'running', 'running', 'running', 'succeeded']);
    expect(changes.map((c) => c.progress)).toEqual([0, 0, 25, 75, 100]);
    for (const c of changes) JobSchema.parse(c);
    expect(lines.map((l) => l.line.text)).toEqual(['hello', 'careful: password=***']);
    // Persisted, and the same through list/get/logs.
    expect(runner.get(job.id)).toEqual(done);
    expect(runner.list()).toEqual([done]);
    expect(runner.logs({ id: job.id }).map((l) => [l.seq, l.level, l.text])).toEqual([
      [0, 'info', 'hello'],
      [1, 'warn', 'careful: password=***'],
    ]);
    expect(runner.logs({ id: job.id, afterSeq: 0 })).toHaveLength(1);
    expect(runner.isFinished(job.id)).toBe(true);
    expect(runner.exists(job.id)).toBe(true);
  });

  it('throttles progress events to at most 10 per second per job, keeping the last state', async () => {
    const { runner, changes, bus } = setup();
    const times: number[] = [];
    bus.on('jobs.changed', (j) => {
      if (j.status === 'running') times.push(Date.now());
    });
    const job = runner.start('k', 't', 'x', async (ctx) => {
      for (let i = 1; i <= 1000; i++) {
        ctx.progress(i / 10, `step ${i}`);
        if (i % 100 === 0) await sleep(20);
      }
      await sleep(150);
    });
    await runner.wait(job.id);
    const running = changes.filter((c) => c.status === 'running');
    // ~0.2 s of progress + the trailing update: far fewer than 1000 events.
    expect(running.length).toBeLessThanOrEqual(6);
    expect(running.at(-1)).toMatchObject({ progress: 100, step: 'step 1000' });
    // After the 'running' transition, consecutive progress events are ≥ ~100 ms apart.
    for (let i = 2; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(95);
  });

  it('caps the log at maxLogLines and ends with "N lines dropped"', async () => {
    const { runner } = setup({ maxLogLines: 100 });
    const job = runner.start('k', 't', 'x', async (ctx) => {
      for (let i = 0; i < 250; i++) ctx.log('info', `line ${i}`);
    });
    await runner.wait(job.id);
    const logs = runner.logs({ id: job.id, limit: 10_000 });
    expect(logs).toHaveLength(101);
    expect(logs[99]!.text).toBe('line 99');
    expect(logs[100]).toMatchObject({ seq: 100, level: 'warn', text: '150 lines dropped' });
  });

  it('keeps 10,000 lines by default', async () => {
    const { runner } = setup();
    const job = runner.start('k', 't', 'x', async (ctx) => {
      for (let i = 0; i < 10_005; i++) ctx.log('info', `l${i}`);
    });
    await runner.wait(job.id);
    const logs = runner.logs({ id: job.id, afterSeq: 9_990, limit: 100 });
    expect(logs.map((l) => l.text)).toEqual(['l9991', 'l9992', 'l9993', 'l9994', 'l9995', 'l9996', 'l9997', 'l9998', 'l9999', '5 lines dropped']);
  });

  it('cancels a running job through its signal', async () => {
    const { runner, changes } = setup();
    let sawAbort = false;
    const job = runner.start('k', 't', 'x', async (ctx) => {
      ctx.signal.addEventListener('abort', () => (sawAbort = true));
      for (;;) {
        ctx.throwIfCancelled();
        ctx.progress(10, 'looping');
        await sleep(10);
      }
    });
    await sleep(50);
    const cancelled = runner.cancel(job.id);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.finishedAt).not.toBeNull();
    expect(sawAbort).toBe(true);
    await sleep(30);
    expect(runner.get(job.id).status).toBe('cancelled');
    expect(changes.at(-1)!.status).toBe('cancelled');
    expect(runner.logs({ id: job.id }).at(-1)!.text).toBe('Cancelled by user.');
    // Cancelling again is harmless.
    expect(runner.cancel(job.id).status).toBe('cancelled');
  });

  it('cancels a queued job before it runs', async () => {
    const { runner } = setup();
    let ran = false;
    const job = runner.start('k', 't', 'x', async () => {
      ran = true;
    });
    runner.cancel(job.id);
    await sleep(20);
    expect(ran).toBe(false);
    expect(runner.get(job.id).status).toBe('cancelled');
  });

  it('stores failures in the error shape, redacted', async () => {
    const { runner } = setup();
    const a = runner.start('k', 'app error', 'x', async () => {
      throw new AppError('NOT_FOUND', 'No such host.', 'Pick another.');
    });
    const b = runner.start('k', 'plain error', 'x', async () => {
      throw new Error('connect failed for postgres://u:hunter2@db');
    });
    expect((await runner.wait(a.id)).error).toEqual({ code: 'NOT_FOUND', message: 'No such host.', hint: 'Pick another.' });
    const failed = await runner.wait(b.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toEqual({ code: 'INTERNAL', message: 'connect failed for postgres://u:***@db' });
    expect(runner.logs({ id: b.id }).at(-1)).toMatchObject({ level: 'error', text: 'connect failed for postgres://u:***@db' });
  });

  it('marks jobs left running by a stopped Opsdeck as failed on the next start', async () => {
    const dataDir = tempDir();
    const first = setup({}, dataDir);
    const job = first.runner.start('k', 'never ends', 'x', () => new Promise(() => {}));
    await sleep(20);
    expect(first.runner.get(job.id).status).toBe('running');
    first.store.close(); // the process "dies": no shutdown()

    const second = setup({}, dataDir);
    const after = second.runner.get(job.id);
    expect(after.status).toBe('failed');
    expect(after.error).toEqual({ code: 'INTERNAL', message: INTERRUPTED_MESSAGE });
    expect(after.finishedAt).not.toBeNull();
    second.store.close();
  });

  it('starts registered kinds and refuses unknown ones', async () => {
    const { runner } = setup();
    runner.register('demo.kind', () => ({ title: 'Demo', target: 'all', run: async () => 'ok' }));
    const job = runner.startRegistered('demo.kind');
    expect(job).toMatchObject({ kind: 'demo.kind', title: 'Demo', target: 'all' });
    expect((await runner.wait(job.id)).result).toBe('ok');
    expect(() => runner.startRegistered('nope')).toThrow(AppError);
    expect(() => runner.get('job_missing')).toThrow(/does not exist/);
  });

  it('filters the list by status and kind', async () => {
    const { runner } = setup();
    const ok = runner.start('a', 't', 'x', async () => 1);
    const bad = runner.start('b', 't', 'x', async () => {
      throw new Error('no');
    });
    await runner.wait(ok.id);
    await runner.wait(bad.id);
    expect(runner.list({ status: 'failed' }).map((j) => j.id)).toEqual([bad.id]);
    expect(runner.list({ kind: 'a' }).map((j) => j.id)).toEqual([ok.id]);
    expect(runner.list({ limit: 1 })).toHaveLength(1);
  });

  it('shutdown marks running jobs interrupted', async () => {
    const { runner } = setup();
    const job = runner.start('k', 't', 'x', () => new Promise(() => {}));
    await sleep(10);
    runner.shutdown();
    expect(runner.get(job.id)).toMatchObject({ status: 'failed', error: { message: INTERRUPTED_MESSAGE } });
  });
});
