import { z } from 'zod';
import { Id } from './common';
import { LinkKind, ServiceConfig, ServiceKind } from './inventory';

/**
 * Inventory drafts: what an importer (files) or discovery (a live host over SSH) proposes, before
 * anything is written. Every item says where it came from; the user sees a merge plan and picks.
 */
export const Provenance = z.object({
  file: z.string(),
  line: z.number().int().min(0),
  column: z.number().int().min(0).optional(),
});
export type Provenance = z.infer<typeof Provenance>;

export const DraftIssue = z.object({
  severity: z.enum(['warning', 'error']),
  format: z.string(),
  file: z.string(),
  line: z.number().int().min(0),
  column: z.number().int().min(0).optional(),
  message: z.string(),
});
export type DraftIssue = z.infer<typeof DraftIssue>;

export const DraftHost = z.object({
  key: z.string(),
  name: z.string(),
  address: z.string(),
  port: z.number().int().optional(),
  username: z.string().optional(),
  source: Provenance,
});
export type DraftHost = z.infer<typeof DraftHost>;

export const DraftService = z.object({
  /** Stable within one draft, e.g. "compose:web" or "pm2:api"; links refer to it. */
  key: z.string(),
  name: z.string(),
  kind: ServiceKind,
  config: ServiceConfig,
  hostKey: z.string().nullable(),
  /** Environment name when the source says (railway/netlify contexts, render previews). */
  environment: z.string().nullable(),
  notes: z.string(),
  source: Provenance,
});
export type DraftService = z.infer<typeof DraftService>;

export const DraftLink = z.object({
  fromKey: z.string(),
  toKey: z.string(),
  kind: LinkKind,
  /** Why we think so: "depends_on", "proxy_pass http://api:3000", "DATABASE_URL fromDatabase". */
  reason: z.string(),
  source: Provenance,
});
export type DraftLink = z.infer<typeof DraftLink>;

export const DraftEnvVar = z.object({
  serviceKey: z.string().nullable(),
  name: z.string(),
  /** Looks like a secret (name or value shape); its value is never kept in the draft. */
  secret: z.boolean(),
  /** Declared but without a value anywhere we looked. */
  missing: z.boolean(),
  /** A non-secret default, when the file gives one. */
  value: z.string().nullable(),
  source: Provenance,
});
export type DraftEnvVar = z.infer<typeof DraftEnvVar>;

export const InventoryDraft = z.object({
  formats: z.array(z.string()),
  files: z.array(z.string()),
  environments: z.array(z.string()),
  hosts: z.array(DraftHost),
  services: z.array(DraftService),
  links: z.array(DraftLink),
  envVars: z.array(DraftEnvVar),
  warnings: z.array(DraftIssue),
  errors: z.array(DraftIssue),
});
export type InventoryDraft = z.infer<typeof InventoryDraft>;

/** One line of a merge plan: what applying the draft would do to the inventory. */
export const MergeItem = z.object({
  /** "service:<draft key>", "host:<draft key>", "link:<from>→<to>:<kind>", "environment:<name>". */
  key: z.string(),
  entity: z.enum(['environment', 'host', 'service', 'link']),
  action: z.enum(['add', 'update', 'unchanged']),
  existingId: Id.nullable(),
  label: z.string(),
  /** Field names that would change (update only). */
  changes: z.array(z.string()),
  source: Provenance.nullable(),
});
export type MergeItem = z.infer<typeof MergeItem>;

export const MergePlan = z.object({
  projectId: Id.nullable(),
  environmentId: Id.nullable(),
  items: z.array(MergeItem),
});
export type MergePlan = z.infer<typeof MergePlan>;
