import { z } from 'zod';
import { Id } from './common';
import { ErrorShape } from './errors';

/**
 * Terminals: an interactive shell on a host, as a stream session. `streams.open` with kind
 * 'terminal' returns an id; output arrives as `terminal.data` batches (~16 ms), each acknowledged
 * with `streams.ack` once written to the screen; past ~500 KB unacknowledged the core pauses the
 * SSH channel until the UI catches up. `terminal.exit` ends the session; `streams.close` ends it
 * from the UI. Terminal output is never written to any log.
 */

export const TerminalCols = z.number().int().min(2).max(1000);
export const TerminalRows = z.number().int().min(1).max(500);

export const TerminalStreamOpen = z
  .object({ kind: z.literal('terminal'), hostId: Id, cols: TerminalCols, rows: TerminalRows })
  .strict();
export type TerminalStreamOpen = z.infer<typeof TerminalStreamOpen>;

const StreamId = z.string().min(1).max(64);

/** Keystrokes and pastes, as typed (a paste of up to 64 KB per call; the UI splits larger ones). */
export const TerminalInputInput = z.object({ streamId: StreamId, data: z.string().min(1).max(65_536) }).strict();
export const TerminalResizeInput = z.object({ streamId: StreamId, cols: TerminalCols, rows: TerminalRows }).strict();

export const TerminalDataEvent = z.object({
  streamId: z.string(),
  /** Batch number, from 1; acknowledge it with streams.ack. */
  seq: z.number().int().min(1),
  /** UTF-8 text as the shell wrote it (multi-byte characters never split across batches). */
  data: z.string(),
});
export type TerminalDataEvent = z.infer<typeof TerminalDataEvent>;

export const TerminalExitEvent = z.object({
  streamId: z.string(),
  /** The shell's exit status; null when it ended without one (signal, connection lost). */
  code: z.number().int().nullable(),
  /** Why the session ended when it was not the shell exiting by itself. */
  error: ErrorShape.optional(),
});
export type TerminalExitEvent = z.infer<typeof TerminalExitEvent>;
