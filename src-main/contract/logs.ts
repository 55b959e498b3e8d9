import { z } from 'zod';
import { Id } from './common';

/**
 * Logs: where a service's log lines come from, how they are parsed, the lines the UI receives
 * over a log stream, and the access-log analytics the core computes (live and for whole files).
 */

/** How the core reads a line. `nginx-access` without `logFormat` means nginx's `combined`. */
export const LogFormat = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('nginx-access'), logFormat: z.string().min(1).max(4000).optional() }).strict(),
  z.object({ kind: z.literal('nginx-error') }).strict(),
  /** One JSON object per line (PM2 --json / pino / bunyan / winston): level and time from its fields. */
  z.object({ kind: z.literal('json') }).strict(),
  /** Anything else: the level is guessed from words such as ERROR, WARN, INFO. */
  z.object({ kind: z.literal('plain') }).strict(),
]);
export type LogFormat = z.infer<typeof LogFormat>;

const RemotePath = z
  .string()
  .min(1)
  .max(1024)
  .regex(/^[^\0\n\r]+$/, 'must be a path on the host');

export const LogSource = z.discriminatedUnion('type', [
  /** A file on a host, followed by offset and inode across rotation and reconnects. */
  z.object({ type: z.literal('file'), hostId: Id, path: RemotePath, format: LogFormat }).strict(),
  /** A PM2 process's out or error log (paths from `pm2 jlist`). */
  z.object({ type: z.literal('pm2'), hostId: Id, app: z.string().min(1).max(200), stream: z.enum(['out', 'err']) }).strict(),
  /** A container's logs; hostId null = the local Docker engine; socketPath: its API socket (default /var/run/docker.sock). */
  z
    .object({
      type: z.literal('container'),
      hostId: Id.nullable(),
      container: z.string().min(1).max(200),
      socketPath: z.string().max(1024).regex(/^\/[^\0\s]*$/, 'must be an absolute path without spaces').optional(),
    })
    .strict(),
  /** A systemd unit's journal (`journalctl -u UNIT --after-cursor`). */
  z.object({ type: z.literal('journald'), hostId: Id, unit: z.string().min(1).max(200) }).strict(),
]);
export type LogSource = z.infer<typeof LogSource>;

/**
 * The stable key of a log source (the format is not part of it): `LogSourceOption.key` and
 * `LogLine.sourceKey`. Here so the UI and the core compute it the same way.
 */
export function sourceKeyOf(source: LogSource): string {
  switch (source.type) {
    case 'file':
      return `file:${source.hostId}:${source.path}`;
    case 'pm2':
      return `pm2:${source.hostId}:${source.app}:${source.stream}`;
    case 'container':
      return `container:${source.hostId ?? 'local'}:${source.container}`;
    case 'journald':
      return `journald:${source.hostId}:${source.unit}`;
  }
}

/** A log the UI can offer for a service or host. `key` is stable for the same source. */
export const LogSourceOption = z.object({
  key: z.string(),
  label: z.string(),
  serviceId: Id.nullable(),
  source: LogSource,
});
export type LogSourceOption = z.infer<typeof LogSourceOption>;

export const LogSourcesInput = z
  .object({ serviceId: Id.optional(), hostId: Id.optional() })
  .strict()
  .refine((v) => !!v.serviceId || !!v.hostId, 'give a serviceId or a hostId');

export const LogLevel = z.enum(['error', 'warn', 'info', 'debug']);
export type LogLevel = z.infer<typeof LogLevel>;

/** Longest line text sent to the UI; the rest is counted in `truncatedBytes`, never silently cut. */
export const LOG_LINE_MAX_CHARS = 65536;

export const LogLine = z.object({
  /** Strictly increasing within a stream; a gap is always announced by `skipped`. */
  seq: z.number().int(),
  /** Which source of the stream (LogSourceOption.key / sourceKeyOf(source)). */
  sourceKey: z.string(),
  /** Epoch ms from the line itself, else when the core received it. */
  ts: z.number(),
  /** Whether ts was read from the line (true) or is the arrival time (false). */
  tsFromLine: z.boolean(),
  /** The line as text (invalid UTF-8 replaced with U+FFFD), at most LOG_LINE_MAX_CHARS. */
  text: z.string(),
  truncatedBytes: z.number().int().min(0),
  level: LogLevel.nullable(),
  /** Access logs: HTTP status, request path, request time in ms. */
  status: z.number().int().nullable(),
  path: z.string().nullable(),
  latencyMs: z.number().nullable(),
});
export type LogLine = z.infer<typeof LogLine>;

export const LogStreamOpen = z
  .object({
    kind: z.literal('logs'),
    sources: z.array(LogSource).min(1).max(8),
    /** Lines of history to send first (per source). */
    tail: z.number().int().min(0).max(100_000).default(1000),
    /** Ring buffer size in lines. */
    bufferLines: z.number().int().min(1000).max(1_000_000).default(100_000),
  })
  .strict();
export type LogStreamOpen = z.infer<typeof LogStreamOpen>;

export const LogSourceState = z.enum(['connecting', 'following', 'reconnecting', 'rotated', 'error', 'ended']);
export type LogSourceState = z.infer<typeof LogSourceState>;

// ---------- access-log analytics ----------

export const LatencySummary = z.object({
  count: z.number().int(),
  p50: z.number(),
  p95: z.number(),
  p99: z.number(),
  max: z.number(),
});

/**
 * The panels of an access log, computed in the core. Also the documented `--json` shape of
 * `opsdeck analyze-log` (docs/analyze-log.md). Times are epoch ms; bandwidth in bytes;
 * visitors are unique (client IP, day, user agent) as GoAccess counts them.
 */
export const AccessAnalytics = z.object({
  totals: z.object({
    requests: z.number().int(),
    valid: z.number().int(),
    failed: z.number().int(),
    visitors: z.number().int(),
    bandwidth: z.number(),
    firstTs: z.number().nullable(),
    lastTs: z.number().nullable(),
    /** From $request_time (or $upstream_response_time), null when the format has neither. */
    latency: LatencySummary.nullable(),
  }),
  statusCodes: z.array(z.object({ code: z.number().int(), count: z.number().int() })),
  /** Requests per bucket, split by status class. */
  bucketMs: z.number().int(),
  timeline: z.array(
    z.object({
      t: z.number(),
      requests: z.number().int(),
      s2xx: z.number().int(),
      s3xx: z.number().int(),
      s4xx: z.number().int(),
      s5xx: z.number().int(),
      bytes: z.number(),
    }),
  ),
  topPaths: z.array(z.object({ path: z.string(), hits: z.number().int(), visitors: z.number().int(), bandwidth: z.number() })),
  topClients: z.array(z.object({ ip: z.string(), hits: z.number().int(), bandwidth: z.number() })),
  slowest: z.array(
    z.object({ path: z.string(), hits: z.number().int(), avgMs: z.number(), p95Ms: z.number(), maxMs: z.number() }),
  ),
  visitorsByDay: z.array(z.object({ date: z.string(), hits: z.number().int(), visitors: z.number().int(), bandwidth: z.number() })),
});
export type AccessAnalytics = z.infer<typeof AccessAnalytics>;

export const LogsAnalyzeFileInput = z
  .object({
    hostId: Id,
    path: RemotePath,
    /** Also read `PATH.1`, `PATH.2.gz`… next to it, oldest first. */
    includeRotated: z.boolean().default(true),
    logFormat: z.string().min(1).max(4000).optional(),
  })
  .strict();

/** Events that belong to one log stream (sent to the connection that opened it). */
export const LogDataEvent = z.object({
  streamId: z.string(),
  seq: z.number().int(),
  lines: z.array(LogLine),
  /** Lines dropped before this batch because the UI fell behind (shown as a marker). */
  skipped: z.number().int().min(0),
});
export const LogStatusEvent = z.object({
  streamId: z.string(),
  sourceKey: z.string(),
  state: LogSourceState,
  message: z.string().nullable(),
  at: z.number(),
});
export const LogAnalyticsEvent = z.object({
  streamId: z.string(),
  sourceKey: z.string(),
  analytics: AccessAnalytics,
});
