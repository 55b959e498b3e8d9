import { z } from 'zod';
import { Id } from './common';
import { Job, JobLogLine } from './jobs';
import { VaultStatus } from './app';
import { TerminalDataEvent, TerminalExitEvent } from './terminal';
import { LogAnalyticsEvent, LogDataEvent, LogStatusEvent } from './logs';
import { MetricsUpdatedEvent } from './metrics';
import { AlertNotification, HealthChangedEvent } from './health';

/**
 * Events say "this changed"; the UI's stores refetch. Stream batches (job logs today; logs,
 * terminals and deploy output later) travel as `stream.data` to the session that opened them.
 */
export const events = {
  'inventory.changed': z.object({ entity: z.string(), id: z.string().nullable() }),
  'settings.changed': z.object({}),
  'vault.changed': VaultStatus,
  'jobs.changed': Job,
  'audit.appended': z.object({ id: Id }),
  'stream.data': z.object({
    streamId: z.string(),
    seq: z.number().int(),
    items: z.array(JobLogLine),
    /** Lines the source produced that this batch could not carry (never silent loss). */
    skipped: z.number().int().min(0),
    done: z.boolean(),
  }),
  'terminal.data': TerminalDataEvent,
  'terminal.exit': TerminalExitEvent,
  /** Log streams (to the connection that opened them). */
  'logs.data': LogDataEvent,
  'logs.status': LogStatusEvent,
  'logs.analytics': LogAnalyticsEvent,
  /** New points were stored for a target: charts fetch what is newer. */
  'metrics.updated': MetricsUpdatedEvent,
  'health.changed': HealthChangedEvent,
  /** A notification the monitor decided to send (serve: browser notification; desktop: the shell's tray). */
  'alerts.notify': AlertNotification,
  /** Desktop only, from the shell to its window (a native notification was clicked): show these checks. */
  'shell.openChecks': z.object({ serviceId: Id.nullable(), checkId: Id.nullable() }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<K extends EventName> = z.output<Events[K]>;
export const eventNames = Object.keys(events) as EventName[];
