import type Database from 'better-sqlite3';
import type { ErrorShape, Job, JobLogLine, JobStatus } from '../../contract';
import { AppError, isAppError } from '../../contract/errors';
import type { EventBus } from '../event-bus';
import { redactSecrets } from '../secrets/redact';
import { newId, nowIso } from '../store/ids';
import { JobStore } from './job-store';

export type JobLogLevel = JobLogLine['level'];

/** What a job body gets: report progress, write log lines, notice cancellation. */
export interface JobContext {
  /** 0–100 and the name of the current step. Cheap to call often: events are throttled. */
  progress(pct: number, step?: string): void;
  log(level: JobLogLevel, text: string): void;
  signal: AbortSignal;
  /** Throws AppError CANCELLED once the job was cancelled. */
  throwIfCancelled(): void;
}

export type JobRun = (ctx: JobContext) => Promise<unknown>;
export interface JobSpec {
  title: string;
  target: string;
  run: JobRun;
}
/** Makes a job of one registered kind (what `jobs.start` from the UI runs). */
export type JobFactory = () => JobSpec;

export interface JobRunnerOptions {
  db: Database.Database;
  bus: EventBus;
  maxLogLines?: number;
  /** Minimum gap between two progress events of one job (100 ms = at most 10/s). */
  progressIntervalMs?: number;
  /** Where unexpected runner failures go (never job inputs). */
  onInternalError?: (message: string, err: unknown) => void;
}

export const INTERRUPTED_MESSAGE = 'Interrupted: Opsdeck stopped while this job was running.';
const MAX_LINE_CHARS = 8_000;
const MAX_RESULT_CHARS = 256_000;

interface Live {
  job: Job;
  controller: AbortController;
  nextSeq: number;
  dropped: number;
  lastEmit: number;
  timer: NodeJS.Timeout | null;
  finished: boolean;
  done: Promise<Job>;
  resolve: (job: Job) => void;
}

/** The shape stored and shown for a failure; messages pass through redaction. */
export function toErrorShape(err: unknown): ErrorShape {
  if (isAppError(err)) {
    const shape = err.toShape();
    shape.message = redactSecrets(shape.message);
    if (shape.hint) shape.hint = redactSecrets(shape.hint);
    return shape;
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message: redactSecrets(message || 'The job failed without a message.') };
}

/**
 * Long work as jobs: persisted state and logs, throttled progress events, cancellation through
 * an AbortSignal, and history that survives restarts (unfinished jobs become 'failed').
 */
export class JobRunner {
  private readonly store: JobStore;
  private readonly live = new Map<string, Live>();
  private readonly factories = new Map<string, JobFactory>();
  private readonly maxLogLines: number;
  private readonly interval: number;

  constructor(private readonly opts: JobRunnerOptions) {
    this.store = new JobStore(opts.db);
    this.maxLogLines = opts.maxLogLines ?? 10_000;
    this.interval = opts.progressIntervalMs ?? 100;
    this.store.failUnfinished({ code: 'INTERNAL', message: INTERRUPTED_MESSAGE }, nowIso());
  }

  register(kind: string, factory: JobFactory): void {
    if (this.factories.has(kind)) throw new Error(`job kind ${kind} is registered twice`);
    this.factories.set(kind, factory);
  }

  kinds(): string[] {
    return [...this.factories.keys()];
  }

  /** Starts a job of a registered kind (the UI's `jobs.start`). */
  startRegistered(kind: string): Job {
    const factory = this.factories.get(kind);
    if (!factory) {
      throw new AppError('NOT_FOUND', `Opsdeck cannot start jobs of kind "${kind}".`, 'Update Opsdeck or reload the window.');
    }
    const spec = factory();
    return this.start(kind, spec.title, spec.target, spec.run);
  }

  /** Queues the job and returns at once; the body starts on the next turn of the event loop. */
  start(kind: string, title: string, target: string, run: JobRun): Job {
    const job: Job = {
      id: newId('job'),
      kind,
      title,
      target,
      status: 'queued',
      progress: 0,
      step: '',
      result: null,
      error: null,
      createdAt: nowIso(),
      startedAt: null,
      finishedAt: null,
    };
    this.store.insert(job);
    let resolve!: (job: Job) => void;
    const done = new Promise<Job>((r) => (resolve = r));
    const live: Live = { job, controller: new AbortController(), nextSeq: 0, dropped: 0, lastEmit: 0, timer: null, finished: false, done, resolve };
    this.live.set(job.id, live);
    this.emit(live);
    setImmediate(() => {
      this.execute(live, run).catch((err) => this.opts.onInternalError?.('job runner failed', err));
    });
    return { ...job };
  }

  /** Aborts the job's signal and marks it cancelled now; whatever the body does later is ignored. */
  cancel(id: string): Job {
    const live = this.live.get(id);
    if (!live || live.finished) return this.get(id);
    live.controller.abort(new AppError('CANCELLED', 'The job was cancelled.'));
    this.addLine(live, 'warn', 'Cancelled by user.');
    this.finish(live, 'cancelled', {});
    return { ...live.job };
  }

  get(id: string): Job {
    const live = this.live.get(id);
    return live ? { ...live.job } : this.store.require(id);
  }

  exists(id: string): boolean {
    return this.live.has(id) || this.store.get(id) !== null;
  }

  /** True once no more log lines or state changes will come (also for an unknown id). */
  isFinished(id: string): boolean {
    const live = this.live.get(id);
    if (live) return live.finished;
    const job = this.store.get(id);
    return !job || (job.status !== 'queued' && job.status !== 'running');
  }

  list(opts: { status?: JobStatus; kind?: string; limit?: number } = {}): Job[] {
    // Running jobs' freshest progress is in memory (the row lags by up to one interval).
    return this.store.list(opts).map((j) => {
      const live = this.live.get(j.id);
      return live ? { ...live.job } : j;
    });
  }

  logs(opts: { id: string; afterSeq?: number; limit?: number }): JobLogLine[] {
    if (!this.live.has(opts.id)) this.store.require(opts.id);
    return this.store.logs(opts.id, opts.afterSeq ?? -1, Math.max(1, Math.min(opts.limit ?? 1000, 10_000)));
  }

  /** Resolves when the job has finished, with its final state. */
  wait(id: string): Promise<Job> {
    const live = this.live.get(id);
    return live ? live.done : Promise.resolve(this.get(id));
  }

  /** On close: nothing keeps running behind a closed database. */
  shutdown(): void {
    for (const live of [...this.live.values()]) {
      if (live.finished) continue;
      live.controller.abort(new AppError('CANCELLED', 'Opsdeck is closing.'));
      this.finish(live, 'failed', { error: { code: 'INTERNAL', message: INTERRUPTED_MESSAGE } });
    }
  }

  // ---------- internals ----------

  private async execute(live: Live, run: JobRun): Promise<void> {
    if (live.finished) return; // cancelled while queued
    live.job = { ...live.job, status: 'running', startedAt: nowIso() };
    this.persistAndEmit(live);
    const ctx = this.context(live);
    try {
      const result = await run(ctx);
      if (live.finished) return;
      this.finish(live, 'succeeded', { result: this.storableResult(live, result) });
    } catch (err) {
      if (live.finished) return;
      const cancelled = live.controller.signal.aborted || (isAppError(err) && err.code === 'CANCELLED');
      if (cancelled) {
        this.finish(live, 'cancelled', {});
      } else {
        const error = toErrorShape(err);
        this.addLine(live, 'error', error.message);
        this.finish(live, 'failed', { error });
      }
    }
  }

  private context(live: Live): JobContext {
    const signal = live.controller.signal;
    return {
      signal,
      progress: (pct, step) => {
        if (live.finished) return;
        const p = Number.isFinite(pct) ? Math.min(100, Math.max(0, pct)) : live.job.progress;
        live.job = { ...live.job, progress: p, step: step === undefined ? live.job.step : String(step).slice(0, 200) };
        this.throttledEmit(live);
      },
      log: (level, text) => {
        if (!live.finished) this.addLine(live, level, text);
      },
      throwIfCancelled: () => {
        if (signal.aborted) throw new AppError('CANCELLED', 'The job was cancelled.');
      },
    };
  }

  /** Keeps the first maxLogLines lines; the rest are counted and summarised at the end. */
  private addLine(live: Live, level: JobLogLevel, text: string, force = false): void {
    if (!force && live.nextSeq >= this.maxLogLines) {
      live.dropped++;
      return;
    }
    let clean = redactSecrets(String(text));
    if (clean.length > MAX_LINE_CHARS) clean = `${clean.slice(0, MAX_LINE_CHARS)}… [${clean.length - MAX_LINE_CHARS} characters cut]`;
    const line: JobLogLine = { seq: live.nextSeq++, ts: nowIso(), level, text: clean };
    try {
      this.store.appendLog(live.job.id, line);
    } catch (err) {
      this.opts.onInternalError?.('could not store a job log line', err);
      return;
    }
    this.opts.bus.emit('job.log', { jobId: live.job.id, line });
  }

  private storableResult(live: Live, result: unknown): unknown {
    if (result === undefined || result === null) return null;
    try {
      const text = JSON.stringify(result);
      if (text === undefined) return null;
      if (text.length > MAX_RESULT_CHARS) {
        this.addLine(live, 'warn', `The result was too large to keep (${text.length} characters).`);
        return null;
      }
      return JSON.parse(text) as unknown;
    } catch {
      this.addLine(live, 'warn', 'The result could not be stored (not serialisable).');
      return null;
    }
  }

  private finish(live: Live, status: JobStatus, patch: Partial<Pick<Job, 'result' | 'error'>>): void {
    live.finished = true;
    if (live.timer) clearTimeout(live.timer);
    live.timer = null;
    if (live.dropped > 0) this.addLine(live, 'warn', `${live.dropped} lines dropped`, true);
    live.job = {
      ...live.job,
      status,
      progress: status === 'succeeded' ? 100 : live.job.progress,
      result: patch.result ?? null,
      error: patch.error ?? null,
      finishedAt: nowIso(),
    };
    this.persistAndEmit(live);
    this.live.delete(live.job.id);
    live.resolve({ ...live.job });
  }

  private throttledEmit(live: Live): void {
    const wait = live.lastEmit + this.interval - Date.now();
    if (wait <= 0) {
      this.persistAndEmit(live);
      return;
    }
    if (live.timer) return; // the trailing emit will carry the latest state
    live.timer = setTimeout(() => {
      live.timer = null;
      if (!live.finished) this.persistAndEmit(live);
    }, wait);
    live.timer.unref?.();
  }

  private persistAndEmit(live: Live): void {
    try {
      this.store.update(live.job);
    } catch (err) {
      this.opts.onInternalError?.('could not store job state', err);
    }
    this.emit(live);
  }

  private emit(live: Live): void {
    live.lastEmit = Date.now();
    this.opts.bus.emit('jobs.changed', { ...live.job });
  }
}
