import { z } from 'zod';
import { Id } from './common';
import { InventoryDraft } from './drafts';

/**
 * Discovery ("Scan host"): what a live host runs, read over SSH in one batched remote script,
 * proposed as an InventoryDraft (accepted through the import merge step) plus host facts.
 * Docker: containers, compose projects, logs, stats and start/stop/restart over a local socket
 * or the host's SSH connection (stream-local forwarding).
 */

// ---------- host facts ----------

export const ToolCheck = z.object({
  name: z.string(),
  present: z.boolean(),
  /** Where `command -v` (or a common place) found it. */
  path: z.string().nullable(),
});
export type ToolCheck = z.infer<typeof ToolCheck>;

export const OsFacts = z.object({
  id: z.string().nullable(),
  name: z.string().nullable(),
  version: z.string().nullable(),
  prettyName: z.string().nullable(),
});
export type OsFacts = z.infer<typeof OsFacts>;

export const DiskUsage = z.object({
  filesystem: z.string(),
  sizeKb: z.number(),
  usedKb: z.number(),
  availableKb: z.number(),
  usePercent: z.number(),
  mount: z.string(),
});
export type DiskUsage = z.infer<typeof DiskUsage>;

export const ListeningPort = z.object({
  protocol: z.enum(['tcp', 'tcp6']),
  address: z.string(),
  port: z.number().int(),
  process: z.string().nullable(),
  pid: z.number().int().nullable(),
});
export type ListeningPort = z.infer<typeof ListeningPort>;

export const FirewallRule = z.object({
  to: z.string(),
  action: z.string(),
  from: z.string(),
  comment: z.string().nullable(),
});
export type FirewallRule = z.infer<typeof FirewallRule>;

export const FirewallFacts = z.object({
  /** ufw's state, or why we could not read it. */
  state: z.enum(['active', 'inactive', 'not-installed', 'needs-root', 'unknown']),
  defaults: z.string().nullable(),
  rules: z.array(FirewallRule),
});
export type FirewallFacts = z.infer<typeof FirewallFacts>;

export const HostFacts = z.object({
  hostId: Id.nullable(),
  hostName: z.string(),
  scannedAt: z.string(),
  tools: z.array(ToolCheck),
  os: OsFacts.nullable(),
  kernel: z.string().nullable(),
  uptimeSeconds: z.number().nullable(),
  disks: z.array(DiskUsage),
  ports: z.array(ListeningPort),
  firewall: FirewallFacts,
});
export type HostFacts = z.infer<typeof HostFacts>;

export const DiscoveryResult = z.object({ draft: InventoryDraft, facts: HostFacts });
export type DiscoveryResult = z.infer<typeof DiscoveryResult>;

export const DiscoveryScanInput = z
  .object({
    hostId: Id,
    /** A Docker or podman socket to look at besides /var/run/docker.sock and podman's usual ones. */
    dockerSocketPath: z
      .string()
      .max(1024)
      .regex(/^\/[^\0\s]*$/, 'must be an absolute path without spaces')
      .optional(),
  })
  .strict();
export const DiscoveryResultInput = z.object({ jobId: Id }).strict();

// ---------- Docker ----------

/** An absolute path to the Docker (or podman) API socket on the host. */
export const DockerSocketPath = z
  .string()
  .min(2)
  .max(1024)
  .regex(/^\/[^\0\s]*$/, 'must be an absolute path without spaces');

/** Which engine: a host's socket over its SSH connection, or a socket on this machine (hostId null). */
export const DockerTarget = z
  .object({
    hostId: Id.nullable(),
    socketPath: DockerSocketPath.default('/var/run/docker.sock'),
  })
  .strict();

export const ContainerId = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'must be a container id or name');

export const ContainerSummary = z.object({
  id: z.string(),
  name: z.string(),
  image: z.string(),
  state: z.string(),
  status: z.string(),
  createdAt: z.string().nullable(),
  ports: z.array(z.object({ privatePort: z.number().int(), publicPort: z.number().int().nullable(), type: z.string(), ip: z.string().nullable() })),
  composeProject: z.string().nullable(),
  composeService: z.string().nullable(),
});
export type ContainerSummary = z.infer<typeof ContainerSummary>;

export const ComposeProject = z.object({
  name: z.string(),
  /** com.docker.compose.project.config_files when the engine has it. */
  configFiles: z.string().nullable(),
  workingDir: z.string().nullable(),
  services: z.array(z.string()),
  containers: z.number().int(),
  running: z.number().int(),
});
export type ComposeProject = z.infer<typeof ComposeProject>;

export const DockerListInput = DockerTarget.extend({ all: z.boolean().default(true) }).strict();

export const DockerLogsInput = DockerTarget.extend({
  containerId: ContainerId,
  /** Unix seconds. */
  since: z.number().int().min(0).optional(),
  tail: z.number().int().min(1).max(10_000).default(500),
  timestamps: z.boolean().default(false),
}).strict();
export const DockerLogLine = z.object({ stream: z.enum(['stdout', 'stderr']), text: z.string() });
export type DockerLogLine = z.infer<typeof DockerLogLine>;
export const DockerLogsOutput = z.object({ lines: z.array(DockerLogLine), truncated: z.boolean() });
export type DockerLogsOutput = z.infer<typeof DockerLogsOutput>;

export const DockerContainerInput = DockerTarget.extend({ containerId: ContainerId }).strict();
export const ContainerStats = z.object({
  id: z.string(),
  name: z.string(),
  cpuPercent: z.number().nullable(),
  memoryBytes: z.number().nullable(),
  memoryLimitBytes: z.number().nullable(),
  memoryPercent: z.number().nullable(),
  pids: z.number().nullable(),
  readAt: z.string(),
});
export type ContainerStats = z.infer<typeof ContainerStats>;

export const DockerAction = z.enum(['start', 'stop', 'restart']);
export type DockerAction = z.infer<typeof DockerAction>;
export const DockerActionInput = DockerContainerInput.extend({ action: DockerAction }).strict();
