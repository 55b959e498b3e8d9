import { z } from 'zod';
import { Id, Timestamp } from './common';
import { InventoryDraft } from './drafts';

/**
 * Hosts over SSH: connection tests, host keys (trust on first use, changed keys refused) and
 * files (SFTP). There is deliberately no call that runs a free-form command: only the terminal
 * gives a shell, and every other remote call is a fixed template inside the core.
 */

/** 'SHA256:' + base64 without padding, as `ssh-keygen -lf` prints it. */
export const Fingerprint = z
  .string()
  .max(100)
  .regex(/^SHA256:[A-Za-z0-9+/]{43}$/, 'must be a SHA256 fingerprint as ssh-keygen -lf prints it');
export type Fingerprint = z.infer<typeof Fingerprint>;

/** The key Opsdeck trusts for one host. */
export const HostKeyInfo = z.object({
  hostId: Id,
  /** Address and port the key was trusted for. */
  address: z.string(),
  port: z.number().int(),
  algorithm: z.string(),
  fingerprint: z.string(),
  trustedAt: Timestamp,
  /** How it became trusted: the user confirmed it on connect, or it came from known_hosts. */
  source: z.enum(['confirmed', 'known_hosts']),
});
export type HostKeyInfo = z.infer<typeof HostKeyInfo>;

/**
 * Details of HOST_KEY_UNKNOWN and HOST_KEY_CHANGED errors (AppError.details): what the server
 * presented, and for a changed key what was expected. The UI shows `fingerprint` and asks.
 */
export const HostKeyProblem = z.object({
  hostId: Id.nullable(),
  hostName: z.string(),
  host: z.string(),
  port: z.number().int(),
  algorithm: z.string(),
  fingerprint: z.string(),
  expectedAlgorithm: z.string().optional(),
  expectedFingerprint: z.string().optional(),
  /** Set when the key is unknown because the host's address or port changed since trust. */
  previousAddress: z.string().optional(),
  /** 'jump' when the problem is on the jump host of the host you asked for. */
  via: z.enum(['direct', 'jump']),
});
export type HostKeyProblem = z.infer<typeof HostKeyProblem>;

export const TestConnectionOutput = z.object({
  fingerprint: z.string(),
  algorithm: z.string(),
  serverVersion: z.string(),
  latencyMs: z.number(),
});
export type TestConnectionOutput = z.infer<typeof TestConnectionOutput>;

/** What the server presents now, without authenticating (nothing is sent but the handshake). */
export const ScanKeyOutput = z.object({
  algorithm: z.string(),
  fingerprint: z.string(),
  state: z.enum(['trusted', 'unknown', 'changed']),
  expectedFingerprint: z.string().nullable(),
});
export type ScanKeyOutput = z.infer<typeof ScanKeyOutput>;

/** Trust the key the server presents now; `fingerprint` is what the user saw and confirmed. */
export const TrustKeyInput = z.object({ id: Id, fingerprint: Fingerprint }).strict();
/** Trust a key from the user's known_hosts (their earlier trust), e.g. after an import. */
export const ImportKnownKeyInput = z
  .object({ id: Id, publicKey: z.string().min(20).max(16384).regex(/^[a-z0-9@.-]+ [A-Za-z0-9+/]+=*$/, 'must be "<algorithm> <base64>"') })
  .strict();

// ---------- SFTP ----------

export const RemotePath = z
  .string()
  .min(1)
  .max(4096)
  .regex(/^[^\0]*$/, 'must not contain NUL');
export const LocalPath = z
  .string()
  .min(1)
  .max(4096)
  .regex(/^[^\0]*$/, 'must not contain NUL');

export const SftpListInput = z.object({ hostId: Id, path: RemotePath.default('.') }).strict();
export const SftpEntry = z.object({
  name: z.string(),
  type: z.enum(['file', 'dir', 'link', 'other']),
  size: z.number(),
  mode: z.number().int(),
  mtime: Timestamp,
});
export type SftpEntry = z.infer<typeof SftpEntry>;
export const SftpListOutput = z.object({
  /** The absolute path listed. */
  path: z.string(),
  entries: z.array(SftpEntry),
  /** True when the listing stopped at the entry cap. */
  truncated: z.boolean(),
});
export type SftpListOutput = z.infer<typeof SftpListOutput>;

/** Both start a job (kind 'sftp.download' / 'sftp.upload'); its result is SftpTransferResult. */
export const SftpDownloadInput = z.object({ hostId: Id, remotePath: RemotePath, localPath: LocalPath }).strict();
export const SftpUploadInput = z.object({ hostId: Id, localPath: LocalPath, remotePath: RemotePath }).strict();
export const SftpTransferResult = z.object({
  bytes: z.number(),
  sha256: z.string(),
  /** Whether the remote side was checked with sha256sum and matched. */
  verified: z.boolean(),
});
export type SftpTransferResult = z.infer<typeof SftpTransferResult>;

// ---------- ~/.ssh/config and known_hosts ----------

/** One known_hosts line, as a key the user could trust for a host. */
export const KnownHostKey = z.object({
  /** Host patterns as written; hashed entries show as "|1|…" and match only by lookup. */
  patterns: z.array(z.string()),
  hashed: z.boolean(),
  marker: z.enum(['none', 'cert-authority', 'revoked']),
  algorithm: z.string(),
  fingerprint: z.string(),
  publicKey: z.string(),
  /** Draft host keys (DraftHost.key) whose address:port this line matches. */
  hostKeys: z.array(z.string()),
  line: z.number().int(),
});
export type KnownHostKey = z.infer<typeof KnownHostKey>;

/** Extra SSH facts per draft host that DraftHost does not carry. */
export const SshDraftDetail = z.object({
  hostKey: z.string(),
  identityFiles: z.array(z.string()),
  /** The draft key of the jump host (first hop of ProxyJump) when it is in the draft. */
  jumpHostKey: z.string().nullable(),
  /** ProxyJump as written, when it names a host that is not in the draft. */
  proxyJump: z.string().nullable(),
});
export type SshDraftDetail = z.infer<typeof SshDraftDetail>;

export const SshConfigPreviewInput = z
  .object({
    // 256 K characters each (calls are capped at 1 MB); larger files: sshConfig.readLocal.
    configText: z.string().max(262_144).default(''),
    knownHostsText: z.string().max(262_144).default(''),
  })
  .strict();
export const SshConfigPreview = z.object({
  draft: InventoryDraft,
  details: z.array(SshDraftDetail),
  knownKeys: z.array(KnownHostKey),
});
export type SshConfigPreview = z.infer<typeof SshConfigPreview>;

/** Desktop: read ~/.ssh/config (following Include) and known_hosts, or the paths given. */
export const SshConfigReadLocalInput = z
  .object({ configPath: LocalPath.optional(), knownHostsPath: LocalPath.optional() })
  .strict();
