import { z } from 'zod';
import { Id, Name, SecretInput, SecretState, Text } from './common';
import { MetricTarget } from './metrics';

/**
 * Health checks, incidents, maintenance windows and where alerts go. The monitor state machine
 * runs in the core and is persisted; the UI and the desktop shell only show what it decided.
 */

const HttpUrl = z.string().url().max(2048).regex(/^https?:\/\//i, 'must start with http:// or https://');
const WsUrl = z.string().url().max(2048).regex(/^wss?:\/\//i, 'must start with ws:// or wss://');
const HostName = z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.:\-[\]%_]+$/, 'must be a host name or an IP address');
const Port = z.number().int().min(1).max(65535);

export const CheckConfig = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('http'),
      url: HttpUrl,
      method: z.enum(['GET', 'HEAD']).default('GET'),
      /** Accepted statuses, e.g. ["2xx", "301"]; default 2xx and 3xx. */
      expectStatus: z.array(z.string().regex(/^[1-5](xx|\d\d)$/)).max(20).default(['2xx', '3xx']),
      keyword: z.string().max(500).optional(),
      /** JSON field (dot path, e.g. `status` or `checks.db`) that must equal `jsonEquals`. */
      jsonPath: z.string().max(200).optional(),
      jsonEquals: z.string().max(500).optional(),
      /** Accept self-signed or expired certificates (the TLS check still reports expiry). */
      ignoreTlsErrors: z.boolean().default(false),
    })
    .strict(),
  z.object({ type: z.literal('tcp'), host: HostName, port: Port }).strict(),
  z
    .object({
      type: z.literal('tls'),
      host: HostName,
      port: Port.default(443),
      servername: z.string().max(253).optional(),
      /** DOWN when the certificate expires in fewer days than this. */
      minDays: z.number().int().min(0).max(365).default(14),
    })
    .strict(),
  z.object({ type: z.literal('websocket'), url: WsUrl }).strict(),
  z.object({ type: z.literal('pm2'), hostId: Id, app: z.string().min(1).max(200) }).strict(),
  /** PostgreSQL / Redis ping with the service's address, port, url and credential. */
  z.object({ type: z.literal('postgres'), serviceId: Id }).strict(),
  z.object({ type: z.literal('redis'), serviceId: Id }).strict(),
  /** A collected metric crossing its threshold (the metric's own threshold unless `value` is given). */
  z
    .object({
      type: z.literal('metric'),
      target: MetricTarget,
      key: z.string().min(1).max(300),
      direction: z.enum(['above', 'below']).optional(),
      value: z.number().optional(),
    })
    .strict(),
]);
export type CheckConfig = z.infer<typeof CheckConfig>;
export type CheckType = CheckConfig['type'];

export const CheckState = z.enum(['up', 'pending', 'down', 'maintenance', 'unknown']);
export type CheckState = z.infer<typeof CheckState>;

const CheckSettings = {
  intervalSec: z.number().int().min(1).max(86400),
  timeoutMs: z.number().int().min(100).max(120_000),
  /** Failures in a row after the first before DOWN (PENDING meanwhile). */
  retries: z.number().int().min(0).max(100),
  /** While DOWN, notify again every N checks; 0 = never. */
  renotifyEvery: z.number().int().min(0).max(100_000),
  flapSuppression: z.boolean(),
  enabled: z.boolean(),
};

export const Check = z.object({
  id: Id,
  serviceId: Id.nullable(),
  name: z.string(),
  config: CheckConfig,
  ...CheckSettings,
  state: CheckState,
  /** Epoch ms of the last state change. */
  since: z.number().nullable(),
  lastCheckAt: z.number().nullable(),
  lastLatencyMs: z.number().nullable(),
  lastMessage: z.string().nullable(),
  /** A number the check measured: TLS days left, a metric's value, a JSON field… */
  lastValue: z.number().nullable(),
});
export type Check = z.infer<typeof Check>;

export const CheckCreate = z
  .object({
    serviceId: Id.nullable().default(null),
    name: Name,
    config: CheckConfig,
    intervalSec: CheckSettings.intervalSec.default(60),
    timeoutMs: CheckSettings.timeoutMs.default(10_000),
    retries: CheckSettings.retries.default(3),
    renotifyEvery: CheckSettings.renotifyEvery.default(0),
    flapSuppression: z.boolean().default(true),
    enabled: z.boolean().default(true),
  })
  .strict();
export type CheckCreate = z.infer<typeof CheckCreate>;

export const CheckUpdate = z
  .object({
    id: Id,
    name: Name.optional(),
    config: CheckConfig.optional(),
    intervalSec: CheckSettings.intervalSec.optional(),
    timeoutMs: CheckSettings.timeoutMs.optional(),
    retries: CheckSettings.retries.optional(),
    renotifyEvery: CheckSettings.renotifyEvery.optional(),
    flapSuppression: z.boolean().optional(),
    enabled: z.boolean().optional(),
  })
  .strict();

export const ChecksListInput = z.object({ serviceId: Id.optional() }).strict();

export const CheckResult = z.object({
  ok: z.boolean(),
  latencyMs: z.number().nullable(),
  message: z.string(),
  value: z.number().nullable(),
});
export type CheckResult = z.infer<typeof CheckResult>;

export const CheckBeat = z.object({
  at: z.number(),
  ok: z.boolean(),
  latencyMs: z.number().nullable(),
  message: z.string(),
  state: CheckState,
});
export const CheckBeatsInput = z.object({ id: Id, limit: z.number().int().min(1).max(5000).default(200) }).strict();

export const Incident = z.object({
  id: Id,
  checkId: Id,
  serviceId: Id.nullable(),
  checkName: z.string(),
  startedAt: z.number(),
  endedAt: z.number().nullable(),
  durationMs: z.number(),
  notifications: z.number().int(),
  firstMessage: z.string(),
  lastMessage: z.string(),
});
export type Incident = z.infer<typeof Incident>;
export const IncidentsListInput = z
  .object({ checkId: Id.optional(), serviceId: Id.optional(), limit: z.number().int().min(1).max(1000).default(100) })
  .strict();

export const MaintenanceWindow = z.object({
  id: Id,
  /** null = every check. */
  checkId: Id.nullable(),
  serviceId: Id.nullable(),
  startsAt: z.number(),
  endsAt: z.number(),
  reason: z.string(),
});
export type MaintenanceWindow = z.infer<typeof MaintenanceWindow>;
export const MaintenanceCreate = z
  .object({
    checkId: Id.nullable().default(null),
    serviceId: Id.nullable().default(null),
    startsAt: z.number().int().min(0),
    endsAt: z.number().int().min(0),
    reason: Text.default(''),
  })
  .strict()
  .refine((v) => v.endsAt > v.startsAt, { message: 'must end after it starts', path: ['endsAt'] });

// ---------- where alerts go ----------

export const SinkType = z.enum(['webhook', 'slack', 'smtp']);
export type SinkType = z.infer<typeof SinkType>;

/** Non-secret settings; the webhook/Slack URL and the SMTP password are secrets in the vault. */
export const SinkSettings = z.discriminatedUnion('type', [
  z.object({ type: z.literal('webhook') }).strict(),
  z.object({ type: z.literal('slack') }).strict(),
  z
    .object({
      type: z.literal('smtp'),
      host: HostName,
      port: Port.default(587),
      /** true = TLS from the start (465); false = STARTTLS when offered. */
      secure: z.boolean().default(false),
      user: z.string().max(320).default(''),
      from: z.string().email().max(320),
      to: z.array(z.string().email().max(320)).min(1).max(20),
    })
    .strict(),
]);
export type SinkSettings = z.infer<typeof SinkSettings>;

export const AlertSink = z.object({
  id: Id,
  name: z.string(),
  enabled: z.boolean(),
  settings: SinkSettings,
  /** webhook/slack: the URL; smtp: the password. */
  secret: SecretState,
  /** Where it points without the secret part (e.g. "hooks.slack.com"). */
  hint: z.string(),
});
export type AlertSink = z.infer<typeof AlertSink>;
export const AlertSinkCreate = z
  .object({ name: Name, enabled: z.boolean().default(true), settings: SinkSettings, secret: SecretInput })
  .strict();
export const AlertSinkUpdate = z
  .object({ id: Id, name: Name.optional(), enabled: z.boolean().optional(), settings: SinkSettings.optional(), secret: SecretInput.default({ action: 'keep' }) })
  .strict();
export const SinkTestResult = z.object({ ok: z.boolean(), message: z.string() });

export const HealthSummary = z.object({
  up: z.number().int(),
  down: z.number().int(),
  pending: z.number().int(),
  maintenance: z.number().int(),
  failing: z.array(
    z.object({ checkId: Id, serviceId: Id.nullable(), name: z.string(), state: CheckState, since: z.number().nullable(), message: z.string().nullable() }),
  ),
});
export type HealthSummary = z.infer<typeof HealthSummary>;

export const HealthChangedEvent = z.object({ checkId: Id, serviceId: Id.nullable(), state: CheckState, previous: CheckState });

/** A notification the core decided to send (tray, native/browser notification, sinks). */
export const AlertNotification = z.object({
  id: z.string(),
  kind: z.enum(['down', 'repeat', 'recovery', 'test']),
  checkId: Id.nullable(),
  serviceId: Id.nullable(),
  title: z.string(),
  body: z.string(),
  at: z.number(),
});
export type AlertNotification = z.infer<typeof AlertNotification>;
