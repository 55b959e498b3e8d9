import { z } from 'zod';
import { ErrorShape } from './errors';
import { Id, Timestamp } from './common';

export const JobStatus = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']);
export type JobStatus = z.infer<typeof JobStatus>;

export const Job = z.object({
  id: Id,
  kind: z.string(),
  title: z.string(),
  target: z.string(),
  status: JobStatus,
  progress: z.number().min(0).max(100),
  step: z.string(),
  result: z.unknown().nullable(),
  error: ErrorShape.nullable(),
  createdAt: Timestamp,
  startedAt: Timestamp.nullable(),
  finishedAt: Timestamp.nullable(),
});
export type Job = z.infer<typeof Job>;

export const JobLogLine = z.object({
  seq: z.number().int(),
  ts: Timestamp,
  level: z.enum(['info', 'warn', 'error']),
  text: z.string(),
});
export type JobLogLine = z.infer<typeof JobLogLine>;

export const JobsListInput = z
  .object({
    status: JobStatus.optional(),
    kind: z.string().max(100).optional(),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .strict();

export const JobLogsInput = z
  .object({ id: Id, afterSeq: z.number().int().min(-1).default(-1), limit: z.number().int().min(1).max(10000).default(1000) })
  .strict();

/** Jobs the user can start by hand from the UI (more kinds come with backups, deploys, imports). */
export const JobStartInput = z
  .object({ kind: z.enum(['inventory.selfcheck']) })
  .strict();
