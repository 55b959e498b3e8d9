import { z } from 'zod';

/** Every error that crosses the boundary has this one shape; the UI shows message and hint. */
export const ErrorCode = z.enum([
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'VAULT_LOCKED',
  'VAULT_UNINITIALIZED',
  'VAULT_BAD_PASSPHRASE',
  'VAULT_PROVIDER',
  'STORE_CORRUPT',
  'STORE_TOO_NEW',
  'UNKNOWN_CALL',
  'FORBIDDEN',
  'CANCELLED',
  'INTERNAL',
  // SSH and remote hosts
  'HOST_KEY_UNKNOWN',
  'HOST_KEY_CHANGED',
  'SSH_UNREACHABLE',
  'SSH_AUTH_FAILED',
  'SSH_TIMEOUT',
  'SSH_CLOSED',
  'SSH_CHANNEL',
  'REMOTE_COMMAND_FAILED',
  'OUTPUT_TOO_LARGE',
  // Imports
  'IMPORT_PARSE',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorShape = z.object({
  code: ErrorCode,
  message: z.string(),
  hint: z.string().optional(),
  details: z.unknown().optional(),
});
export type ErrorShape = z.infer<typeof ErrorShape>;

/** Thrown in the core, serialised by the router, rebuilt by the client. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;
  readonly details?: unknown;
  constructor(code: ErrorCode, message: string, hint?: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.hint = hint;
    this.details = details;
  }
  toShape(): ErrorShape {
    const shape: ErrorShape = { code: this.code, message: this.message };
    if (this.hint !== undefined) shape.hint = this.hint;
    if (this.details !== undefined) shape.details = this.details;
    return shape;
  }
  static fromShape(shape: ErrorShape): AppError {
    return new AppError(shape.code, shape.message, shape.hint, shape.details);
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
