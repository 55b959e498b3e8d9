import { z } from 'zod';

export const Language = z.enum(['en', 'es']);
export type Language = z.infer<typeof Language>;
export const Theme = z.enum(['light', 'dark', 'system']);
export type Theme = z.infer<typeof Theme>;

/** Which KeyProvider wraps the data key. */
export const KeyProviderId = z.enum(['safe-storage', 'passphrase', 'env-key']);
export type KeyProviderId = z.infer<typeof KeyProviderId>;

export const VaultStatus = z.object({
  state: z.enum(['uninitialized', 'locked', 'unlocked']),
  provider: KeyProviderId.nullable(),
  /** Providers this host can offer for a new vault, best first. */
  availableProviders: z.array(KeyProviderId),
  /** safeStorage on Linux without a keyring falls back to plain text; it is refused unless allowed. */
  weakBackend: z.string().nullable(),
});
export type VaultStatus = z.infer<typeof VaultStatus>;

export const Passphrase = z.string().min(10, 'use at least 10 characters').max(1024);

export const VaultSetupInput = z
  .object({
    provider: KeyProviderId,
    passphrase: Passphrase.optional(),
    allowWeakBackend: z.boolean().default(false),
  })
  .strict();
export const VaultUnlockInput = z.object({ passphrase: z.string().min(1).max(1024) }).strict();

export const Settings = z.object({
  language: Language.nullable(),
  theme: Theme,
});
export type Settings = z.infer<typeof Settings>;
export const SettingsUpdate = z
  .object({ language: Language.nullable().optional(), theme: Theme.optional() })
  .strict();

export const AppInfo = z.object({
  version: z.string(),
  host: z.enum(['electron', 'serve']),
  platform: z.string(),
  dataDir: z.string(),
  osLocale: z.string(),
  osUser: z.string(),
  storeNotice: z
    .object({ code: z.string(), message: z.string(), backupPath: z.string().nullable() })
    .nullable(),
});
export type AppInfo = z.infer<typeof AppInfo>;
