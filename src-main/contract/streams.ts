import { z } from 'zod';
import { Id } from './common';
import { TerminalStreamOpen } from './terminal';
import { LogStreamOpen } from './logs';

/**
 * Streams are sessions: `streams.open` returns an id, the core pushes `stream.data` events in
 * batches, the UI acknowledges each batch with `streams.ack`; without acknowledgement the core
 * stops sending after `window` unacknowledged batches and counts what it had to skip.
 */
export const StreamOpenInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('job-log'), jobId: Id }).strict(),
  TerminalStreamOpen,
  LogStreamOpen,
]);
export type StreamOpenInput = z.infer<typeof StreamOpenInput>;
export const StreamOpenOutput = z.object({ streamId: z.string() });
export const StreamAckInput = z.object({ streamId: z.string().max(64), seq: z.number().int().min(0) }).strict();
export const StreamCloseInput = z.object({ streamId: z.string().max(64) }).strict();
