import { z } from 'zod';

/** Identifiers are opaque strings made by the core (prefix + random). */
export const Id = z.string().min(1).max(64).regex(/^[a-z]+_[A-Za-z0-9]+$/, 'not a valid id');
export type Id = z.infer<typeof Id>;

/** A short human name: trimmed, 1–120 characters, no control characters. */
export const Name = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(120, 'must be at most 120 characters')
  .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

export const Text = z.string().max(4000, 'must be at most 4000 characters');
export const Timestamp = z.string().max(40); // ISO 8601

/**
 * A secret field on input: keep what is stored, set a new value, or delete it.
 * Secret values only ever travel from the UI to the core, never back.
 */
export const SecretInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('keep') }).strict(),
  z.object({ action: z.literal('set'), value: z.string().min(1).max(65536) }).strict(),
  z.object({ action: z.literal('delete') }).strict(),
]);
export type SecretInput = z.infer<typeof SecretInput>;

/** What the UI may know about a stored secret: whether it is set, and since when. */
export const SecretState = z.object({ isSet: z.boolean(), updatedAt: Timestamp.nullable() });
export type SecretState = z.infer<typeof SecretState>;

export const ByIdInput = z.object({ id: Id }).strict();
export const EmptyInput = z.object({}).strict().optional();
export const OkOutput = z.object({ ok: z.literal(true) });
