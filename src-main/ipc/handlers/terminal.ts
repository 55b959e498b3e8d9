import { AppError } from '../../contract';
import type { TerminalSessions } from '../terminal-sessions';
import type { Handlers } from '../types';

/** Keystrokes and window sizes for open terminals; opening and closing go through streams.*. */
export function createTerminalHandlers(terminals?: TerminalSessions): Pick<Handlers, 'terminal.input' | 'terminal.resize'> {
  const sessions = () => {
    if (!terminals) throw new AppError('NOT_FOUND', 'Terminals are not available here.', 'Open a terminal from a host in Opsdeck.');
    return terminals;
  };
  return {
    'terminal.input': ({ streamId, data }, ctx) => {
      sessions().input(streamId, data, ctx);
      return { ok: true as const };
    },
    'terminal.resize': ({ streamId, cols, rows }, ctx) => {
      sessions().resize(streamId, cols, rows, ctx);
      return { ok: true as const };
    },
  };
}
