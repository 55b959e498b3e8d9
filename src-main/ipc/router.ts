import { z } from 'zod';
import { AppError, calls, isAppError, type CallName, type ErrorShape } from '../contract';
import type { CallContext, Handlers } from './types';

export type CallResult = { ok: true; value: unknown } | { ok: false; error: ErrorShape };

export interface RouterOptions {
  handlers: Handlers;
  /** Whether calls that need the vault may run now. */
  isUnlocked: () => boolean;
  /** Where unexpected errors are reported (already without input values). */
  logError?: (call: string, err: unknown) => void;
}

/** Largest message the router accepts for one call, serialised. */
export const MAX_INPUT_BYTES = 1_000_000;

/** Zod issues without the values the user sent: a path, a code and a message each. */
export function validationError(err: z.ZodError): AppError {
  const issues = err.issues.slice(0, 20).map((i) => ({
    path: i.path.map(String).join('.'),
    code: i.code,
    message: i.message,
  }));
  const first = issues[0];
  const where = first?.path ? `${first.path}: ` : '';
  return new AppError(
    'VALIDATION',
    `Invalid input — ${where}${first?.message ?? 'not accepted'}`,
    'Correct the highlighted field and try again.',
    { issues },
  );
}

/**
 * The one door from a host (IPC or WebSocket) into the core: checks the call name, validates
 * the input against the contract, refuses calls that need a locked vault, runs the handler and
 * turns any failure into the one error shape.
 */
export function createRouter(opts: RouterOptions) {
  const { handlers } = opts;
  return async function dispatch(name: unknown, rawInput: unknown, ctx: CallContext): Promise<CallResult> {
    try {
      if (typeof name !== 'string' || !Object.hasOwn(calls, name)) {
        throw new AppError('UNKNOWN_CALL', 'This action does not exist.', 'Update Opsdeck or reload the window.');
      }
      const key = name as CallName;
      const spec = calls[key];
      const size = JSON.stringify(rawInput ?? null).length;
      if (size > MAX_INPUT_BYTES) {
        throw new AppError('VALIDATION', 'Input is too large.', `Send less than ${MAX_INPUT_BYTES} bytes.`);
      }
      const parsed = spec.input.safeParse(rawInput);
      if (!parsed.success) throw validationError(parsed.error);
      if (!('whileLocked' in spec && spec.whileLocked) && !opts.isUnlocked()) {
        throw new AppError('VAULT_LOCKED', 'The vault is locked.', 'Unlock Opsdeck with your passphrase first.');
      }
      const handler = handlers[key] as (input: unknown, ctx: CallContext) => unknown;
      const value = await handler(parsed.data, ctx);
      // Outputs are parsed too: unknown fields (a secret by mistake) are stripped, never sent.
      const out = spec.output.safeParse(value);
      if (!out.success) {
        opts.logError?.(name, new Error(`output of ${name} does not match the contract: ${out.error.issues.map((i) => i.path.join('.') + ' ' + i.message).join('; ')}`));
        throw new AppError('INTERNAL', 'Opsdeck produced an unexpected answer.', 'This is a bug; the details are in the log.');
      }
      return { ok: true, value: out.data };
    } catch (err) {
      if (isAppError(err)) return { ok: false, error: err.toShape() };
      opts.logError?.(String(name), err);
      return {
        ok: false,
        error: { code: 'INTERNAL', message: 'Something went wrong inside Opsdeck.', hint: 'Try again; if it persists, the log in the data folder has the details.' },
      };
    }
  };
}
export type Dispatch = ReturnType<typeof createRouter>;
