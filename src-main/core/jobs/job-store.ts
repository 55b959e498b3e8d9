import type Database from 'better-sqlite3';
import type { ErrorShape, Job, JobLogLine, JobStatus } from '../../contract';
import { AppError } from '../../contract/errors';

interface JobRow {
  id: string;
  kind: string;
  title: string;
  target: string;
  status: JobStatus;
  progress: number;
  step: string;
  result: string | null;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

function parseJson<T>(text: string | null): T | null {
  if (text === null) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

const toJob = (r: JobRow): Job => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  target: r.target,
  status: r.status,
  progress: r.progress,
  step: r.step,
  result: parseJson<unknown>(r.result),
  error: parseJson<ErrorShape>(r.error),
  createdAt: r.created_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
});

/** Rows of `jobs` and `job_logs`; the runner owns the state machine, this only stores it. */
export class JobStore {
  constructor(private readonly db: Database.Database) {}

  insert(job: Job): void {
    this.db
      .prepare(
        `INSERT INTO jobs (id, kind, title, target, status, progress, step, result, error, created_at, started_at, finished_at)
         VALUES (@id, @kind, @title, @target, @status, @progress, @step, @result, @error, @createdAt, @startedAt, @finishedAt)`,
      )
      .run(this.params(job));
  }

  update(job: Job): void {
    this.db
      .prepare(
        `UPDATE jobs SET status = @status, progress = @progress, step = @step, result = @result, error = @error,
         started_at = @startedAt, finished_at = @finishedAt WHERE id = @id`,
      )
      .run(this.params(job));
  }

  get(id: string): Job | null {
    const row = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
    return row ? toJob(row) : null;
  }

  require(id: string): Job {
    const job = this.get(id);
    if (!job) throw new AppError('NOT_FOUND', 'This job does not exist (any more).', 'Refresh the job list.');
    return job;
  }

  list(opts: { status?: JobStatus; kind?: string; limit?: number }): Job[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (opts.status) {
      where.push('status = ?');
      args.push(opts.status);
    }
    if (opts.kind) {
      where.push('kind = ?');
      args.push(opts.kind);
    }
    args.push(Math.max(1, Math.min(opts.limit ?? 200, 1000)));
    const sql = `SELECT * FROM jobs ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY created_at DESC, rowid DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...args) as JobRow[]).map(toJob);
  }

  appendLog(jobId: string, line: JobLogLine): void {
    this.db.prepare('INSERT INTO job_logs (job_id, seq, ts, level, text) VALUES (?, ?, ?, ?, ?)').run(jobId, line.seq, line.ts, line.level, line.text);
  }

  logs(jobId: string, afterSeq: number, limit: number): JobLogLine[] {
    return this.db
      .prepare('SELECT seq, ts, level, text FROM job_logs WHERE job_id = ? AND seq > ? ORDER BY seq LIMIT ?')
      .all(jobId, afterSeq, limit) as JobLogLine[];
  }

  /** Jobs a previous run left unfinished; the process that ran them is gone. */
  failUnfinished(error: ErrorShape, at: string): number {
    return this.db
      .prepare(`UPDATE jobs SET status = 'failed', error = ?, finished_at = ? WHERE status IN ('queued', 'running')`)
      .run(JSON.stringify(error), at).changes;
  }

  private params(job: Job) {
    return {
      id: job.id,
      kind: job.kind,
      title: job.title,
      target: job.target,
      status: job.status,
      progress: job.progress,
      step: job.step,
      result: job.result === null || job.result === undefined ? null : JSON.stringify(job.result),
      error: job.error ? JSON.stringify(job.error) : null,
      createdAt: job.createdAt,
      startedAt: job.startedAt,
      finishedAt: job.finishedAt,
    };
  }
}
