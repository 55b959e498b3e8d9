import { z } from 'zod';
import { Id, Timestamp } from './common';

export const AuditResult = z.enum(['ok', 'error', 'cancelled']);

/** One recorded action that changed the inventory or a remote system. Secrets are redacted. */
export const AuditEntry = z.object({
  id: Id,
  ts: Timestamp,
  osUser: z.string(),
  action: z.string(),
  targetKind: z.string(),
  targetId: z.string().nullable(),
  targetName: z.string(),
  command: z.string().nullable(),
  result: AuditResult,
  details: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditListInput = z
  .object({
    limit: z.number().int().min(1).max(5000).default(500),
    beforeTs: Timestamp.optional(),
    search: z.string().max(200).optional(),
  })
  .strict();

export const AuditExportInput = z.object({ format: z.enum(['csv', 'json']) }).strict();
export const AuditExportOutput = z.object({ filename: z.string(), mime: z.string(), content: z.string() });
