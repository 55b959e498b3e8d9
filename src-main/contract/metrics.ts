import { z } from 'zod';
import { Id } from './common';
import { ErrorShape } from './errors';

/**
 * Metrics: what the console polls (hosts over SSH, PM2 processes, PostgreSQL, Redis,
 * containers), stored as time series (raw 24 h, 1-minute 30 days, 1-hour a year).
 */

export const MetricTarget = z.object({ kind: z.enum(['host', 'service']), id: Id }).strict();
export type MetricTarget = z.infer<typeof MetricTarget>;

export const MetricRange = z.enum(['15m', '1h', '6h', '24h', '7d', '30d', '1y']);
export type MetricRange = z.infer<typeof MetricRange>;

export const MetricUnit = z.enum(['percent', 'bytes', 'bytes/s', 'count', 'per-second', 'ms', 'seconds', 'ratio', 'load', 'days']);
export type MetricUnit = z.infer<typeof MetricUnit>;

/**
 * A metric key is `family` or `family:instance` (e.g. `host.cpu`, `host.disk.used:/`,
 * `pm2.cpu:api`, `pg.db.size:servistech`). Thresholds belong to the family.
 */
export const MetricKey = z
  .string()
  .min(1)
  .max(300)
  .regex(/^[a-z0-9_.]+(:[^\0\n\r]{1,250})?$/, 'not a metric key');

export const MetricThreshold = z.object({
  value: z.number(),
  direction: z.enum(['above', 'below']),
  /** Whether crossing it raises an alert (through a metric check). */
  alert: z.boolean(),
  /** Where the value comes from: the seeds' defaults or the user. */
  origin: z.enum(['default', 'user']),
});
export type MetricThreshold = z.infer<typeof MetricThreshold>;

export const MetricInfo = z.object({
  key: z.string(),
  family: z.string(),
  label: z.string(),
  unit: MetricUnit,
  /** Chart grouping: CPU, Memory, Disk, Network, PM2, PostgreSQL, Redis, Container. */
  group: z.string(),
  threshold: MetricThreshold.nullable(),
});
export type MetricInfo = z.infer<typeof MetricInfo>;

export const MetricCatalog = z.object({
  target: MetricTarget,
  /** False when nothing is collected for this target (say why in `reason`). */
  available: z.boolean(),
  reason: z.string().nullable(),
  metrics: z.array(MetricInfo),
});
export type MetricCatalog = z.infer<typeof MetricCatalog>;

export const MetricSeriesInput = z
  .object({
    target: MetricTarget,
    keys: z.array(MetricKey).max(64).optional(),
    range: MetricRange,
    /** End of the window (epoch ms); default now. */
    until: z.number().int().min(0).optional(),
  })
  .strict();

export const MetricSeries = z.object({
  resolution: z.enum(['raw', '1m', '1h']),
  from: z.number(),
  to: z.number(),
  series: z.array(z.object({ key: z.string(), points: z.array(z.tuple([z.number(), z.number()])) })),
});
export type MetricSeries = z.infer<typeof MetricSeries>;

export const MetricThresholdSetInput = z
  .object({
    target: MetricTarget,
    family: z.string().min(1).max(100).regex(/^[a-z0-9_.]+$/),
    /** null = back to the default. */
    threshold: z.object({ value: z.number(), direction: z.enum(['above', 'below']), alert: z.boolean() }).strict().nullable(),
  })
  .strict();

export const MonitorSetInput = z
  .object({ hostId: Id, enabled: z.boolean(), intervalSec: z.number().int().min(1).max(3600).default(10) })
  .strict();

export const MonitorStatus = z.object({
  hostId: Id,
  enabled: z.boolean(),
  intervalSec: z.number().int(),
  lastPollAt: z.number().nullable(),
  /** Console CPU time and wall time of the last poll. */
  lastPollMs: z.number().nullable(),
  /** Console CPU time (user + system) of the last poll; lastPollMs is its wall time. */
  lastPollCpuMs: z.number().nullable().optional(),
  lastError: ErrorShape.nullable(),
});
export type MonitorStatus = z.infer<typeof MonitorStatus>;

export const PgStatements = z.object({
  available: z.boolean(),
  /** E.g. "pg_stat_statements is not installed: add it to shared_preload_libraries…". */
  reason: z.string().nullable(),
  statements: z.array(
    z.object({ query: z.string(), calls: z.number(), totalMs: z.number(), meanMs: z.number(), rows: z.number() }),
  ),
});
export type PgStatements = z.infer<typeof PgStatements>;

export const MetricsUpdatedEvent = z.object({ target: MetricTarget, at: z.number() });
