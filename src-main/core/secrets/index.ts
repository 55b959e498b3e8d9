export { Vault, type VaultOptions, type VaultSetup } from './vault';
export type { KeyProvider, KeyParams, SafeStorageLike } from './key-provider';
export { passphraseProvider, SCRYPT_DEFAULTS } from './passphrase-provider';
export { envKeyProvider, parseEnvKey } from './env-key-provider';
export { safeStorageProvider, weakBackend } from './safe-storage-provider';
export { redactSecrets, redactNullable, MASK } from './redact';
export { secretsSelfCheck, type SecretsSelfCheckResult } from './self-check';
