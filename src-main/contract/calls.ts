import { z } from 'zod';
import { ByIdInput, EmptyInput, OkOutput } from './common';
import * as inv from './inventory';
import * as jobs from './jobs';
import * as audit from './audit';
import * as app from './app';
import * as streams from './streams';
import * as discovery from './discovery';
import * as imports from './imports';
import * as terminal from './terminal';
import * as scanProposals from './scan-proposals';
import * as ssh from './ssh';
import * as sshConfigImport from './ssh-config-import';
import * as logs from './logs';
import * as metrics from './metrics';
import * as health from './health';
import type { CallNameList } from './call-names';

/** A call: its input (validated in the core) and its output. */
export interface CallSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** Calls allowed while the vault is locked or not set up yet. */
  whileLocked?: boolean;
}
const call = <I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  opts: { whileLocked?: boolean } = {},
): CallSpec<I, O> => ({ input, output, ...opts });

/**
 * Every call between the UI and the core. Adding a call is one entry here and one handler
 * in the router (the compiler checks that every entry has exactly one handler).
 */
export const calls = {
  'app.info': call(EmptyInput, app.AppInfo, { whileLocked: true }),
  'app.dismissStoreNotice': call(EmptyInput, OkOutput, { whileLocked: true }),
  'settings.get': call(EmptyInput, app.Settings, { whileLocked: true }),
  'settings.update': call(app.SettingsUpdate, app.Settings, { whileLocked: true }),

  'vault.status': call(EmptyInput, app.VaultStatus, { whileLocked: true }),
  'vault.setup': call(app.VaultSetupInput, app.VaultStatus, { whileLocked: true }),
  'vault.unlock': call(app.VaultUnlockInput, app.VaultStatus, { whileLocked: true }),
  'vault.lock': call(EmptyInput, app.VaultStatus, { whileLocked: true }),

  'inventory.tree': call(EmptyInput, inv.InventoryTree),
  'inventory.demoState': call(EmptyInput, inv.DemoState),
  'inventory.loadDemo': call(EmptyInput, inv.InventoryTree),
  'inventory.dismissDemo': call(EmptyInput, OkOutput),

  'projects.create': call(inv.ProjectCreate, inv.Project),
  'projects.update': call(inv.ProjectUpdate, inv.Project),
  'projects.delete': call(ByIdInput, OkOutput),

  'environments.create': call(inv.EnvironmentCreate, inv.Environment),
  'environments.update': call(inv.EnvironmentUpdate, inv.Environment),
  'environments.delete': call(ByIdInput, OkOutput),

  'hosts.create': call(inv.HostCreate, inv.Host),
  'hosts.update': call(inv.HostUpdate, inv.Host),
  'hosts.delete': call(ByIdInput, OkOutput),

  'services.create': call(inv.ServiceCreate, inv.Service),
  'services.update': call(inv.ServiceUpdate, inv.Service),
  'services.delete': call(ByIdInput, OkOutput),

  'links.create': call(inv.LinkCreate, inv.Link),
  'links.delete': call(ByIdInput, OkOutput),

  'credentials.create': call(inv.CredentialCreate, inv.Credential),
  'credentials.update': call(inv.CredentialUpdate, inv.Credential),
  'credentials.delete': call(ByIdInput, OkOutput),

  'jobs.list': call(jobs.JobsListInput, z.array(jobs.Job)),
  'jobs.get': call(ByIdInput, jobs.Job),
  'jobs.logs': call(jobs.JobLogsInput, z.array(jobs.JobLogLine)),
  'jobs.start': call(jobs.JobStartInput, jobs.Job),
  'jobs.cancel': call(ByIdInput, jobs.Job),

  'audit.list': call(audit.AuditListInput, z.array(audit.AuditEntry)),
  'audit.export': call(audit.AuditExportInput, audit.AuditExportOutput),

  // ── hosts over SSH (connect, host keys, files) ──
  'hosts.testConnection': call(ByIdInput, ssh.TestConnectionOutput),
  'hosts.scanKey': call(ByIdInput, ssh.ScanKeyOutput),
  'hosts.knownKey': call(ByIdInput, ssh.HostKeyInfo.nullable()),
  'hosts.trustKey': call(ssh.TrustKeyInput, ssh.HostKeyInfo),
  'hosts.importKnownKey': call(ssh.ImportKnownKeyInput, ssh.HostKeyInfo),
  'hosts.forgetKey': call(ByIdInput, OkOutput),
  'sftp.list': call(ssh.SftpListInput, ssh.SftpListOutput),
  'sftp.download': call(ssh.SftpDownloadInput, jobs.Job),
  'sftp.upload': call(ssh.SftpUploadInput, jobs.Job),
  'sshConfig.preview': call(ssh.SshConfigPreviewInput, ssh.SshConfigPreview),
  'sshConfig.readLocal': call(ssh.SshConfigReadLocalInput, ssh.SshConfigPreview),
  'sshConfig.plan': call(sshConfigImport.SshConfigPlanInput, sshConfigImport.SshConfigPlanOutput),
  'sshConfig.apply': call(sshConfigImport.SshConfigApplyInput, sshConfigImport.SshConfigApplyOutput),
  'terminal.input': call(terminal.TerminalInputInput, OkOutput),
  'terminal.resize': call(terminal.TerminalResizeInput, OkOutput),
  // ── discovery and Docker ──
  'discovery.scan': call(discovery.DiscoveryScanInput, jobs.Job),
  'discovery.result': call(discovery.DiscoveryResultInput, discovery.DiscoveryResult),
  'discovery.plan': call(scanProposals.ScanPlanInput, scanProposals.ScanPlanOutput),
  'discovery.apply': call(scanProposals.ScanApplyInput, imports.MergeSummary),
  'docker.containers': call(discovery.DockerListInput, z.array(discovery.ContainerSummary)),
  'docker.composeProjects': call(discovery.DockerTarget, z.array(discovery.ComposeProject)),
  'docker.logs': call(discovery.DockerLogsInput, discovery.DockerLogsOutput),
  'docker.stats': call(discovery.DockerContainerInput, discovery.ContainerStats),
  'docker.action': call(discovery.DockerActionInput, OkOutput),
  // ── import and topology ──
  'import.preview': call(imports.ImportPreviewInput, imports.ImportPreviewOutput),
  'import.apply': call(imports.ImportApplyInput, imports.MergeSummary),

  // ── logs ──
  'logs.sources': call(logs.LogSourcesInput, z.array(logs.LogSourceOption)),
  'logs.analyzeFile': call(logs.LogsAnalyzeFileInput, jobs.Job),
  // ── metrics ──
  'metrics.catalog': call(metrics.MetricTarget, metrics.MetricCatalog),
  'metrics.series': call(metrics.MetricSeriesInput, metrics.MetricSeries),
  'metrics.setThreshold': call(metrics.MetricThresholdSetInput, metrics.MetricCatalog),
  'metrics.monitors': call(EmptyInput, z.array(metrics.MonitorStatus)),
  'metrics.setMonitor': call(metrics.MonitorSetInput, metrics.MonitorStatus),
  'metrics.pgStatements': call(ByIdInput, metrics.PgStatements),
  // ── health checks and alerts ──
  'checks.list': call(health.ChecksListInput, z.array(health.Check)),
  'checks.create': call(health.CheckCreate, health.Check),
  'checks.update': call(health.CheckUpdate, health.Check),
  'checks.delete': call(ByIdInput, OkOutput),
  'checks.runNow': call(ByIdInput, health.CheckResult),
  'checks.try': call(health.CheckConfig, health.CheckResult),
  'checks.beats': call(health.CheckBeatsInput, z.array(health.CheckBeat)),
  'checks.suggest': call(ByIdInput, z.array(health.CheckCreate)),
  'incidents.list': call(health.IncidentsListInput, z.array(health.Incident)),
  'maintenance.list': call(EmptyInput, z.array(health.MaintenanceWindow)),
  'maintenance.create': call(health.MaintenanceCreate, health.MaintenanceWindow),
  'maintenance.delete': call(ByIdInput, OkOutput),
  'alerts.sinks': call(EmptyInput, z.array(health.AlertSink)),
  'alerts.createSink': call(health.AlertSinkCreate, health.AlertSink),
  'alerts.updateSink': call(health.AlertSinkUpdate, health.AlertSink),
  'alerts.deleteSink': call(ByIdInput, OkOutput),
  'alerts.testSink': call(ByIdInput, health.SinkTestResult),
  'health.summary': call(EmptyInput, health.HealthSummary),

  'streams.open': call(streams.StreamOpenInput, streams.StreamOpenOutput),
  'streams.ack': call(streams.StreamAckInput, OkOutput),
  'streams.close': call(streams.StreamCloseInput, OkOutput),
} as const satisfies Record<string, CallSpec>;

export type Calls = typeof calls;
export type CallName = keyof Calls;
/** What the caller passes (defaults may be omitted). */
export type CallInput<K extends CallName> = z.input<Calls[K]['input']>;
/** What the handler receives after validation (defaults applied). */
export type CallParsed<K extends CallName> = z.output<Calls[K]['input']>;
export type CallOutput<K extends CallName> = z.output<Calls[K]['output']>;
export const callNames = Object.keys(calls) as CallName[];

/** Fails to compile when call-names.ts and this contract list different calls. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const callNamesAgree: Same<CallName, CallNameList> = true;
