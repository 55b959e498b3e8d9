import type { DraftEnvVar, DraftIssue, DraftService } from '../../../contract';
import { looksSecret } from '../dotenv/secret-shape';
import { scalarString, type Lit, type LitEntry } from './literal-tree';

/** PM2 options we read into the draft. */
const MAPPED = new Set(['name', 'script', 'args', 'cwd', 'instances', 'exec_mode', 'interpreter', 'interpreter_args', 'node_args', 'out_file', 'error_file', 'err_file', 'log_file', 'output', 'error', 'log', 'env', 'env_file', 'port']);
/** PM2 options that say how PM2 runs the app; kept in the notes, not mapped. */
const KNOWN = new Set([
  'autorestart', 'watch', 'ignore_watch', 'watch_options', 'max_memory_restart', 'max_restarts', 'min_uptime', 'restart_delay',
  'exp_backoff_restart_delay', 'kill_timeout', 'listen_timeout', 'wait_ready', 'shutdown_with_message', 'cron_restart',
  'log_date_format', 'merge_logs', 'combine_logs', 'time', 'pid_file', 'pid', 'instance_var', 'increment_var', 'vizion',
  'source_map_support', 'force', 'append_env_to_name', 'namespace', 'uid', 'gid', 'user', 'autostart', 'stop_exit_codes',
  'treekill', 'filter_env', 'disable_logs', 'log_type', 'exec_interpreter', 'max', 'post_update', 'trace', 'disable_trace',
  'automation', 'pmx', 'deep_monitoring', 'windowsHide', 'kill_retry_time', 'container', 'docker', 'version', 'nodeArgs',
  'execMode', 'mergeLogs', 'minUptime', 'maxRestarts', 'maxMemoryRestart', 'killTimeout', 'restartDelay', 'error_log', 'out_log',
  'ignoreWatch', 'cwd_', 'port', 'force_run', 'min_uptime_',
]);

export interface AppContext {
  file: string;
  format: string;
  warnings: DraftIssue[];
  environments: Set<string>;
}

export const computedMessage = (what: string, source: string): string =>
  `${what}: value is computed at run time (${source}); set it in Opsdeck`;

function warn(ctx: AppContext, line: number, message: string, column?: number): void {
  ctx.warnings.push({ severity: 'warning', format: ctx.format, file: ctx.file, line, ...(column ? { column } : {}), message });
}

/** A string option, or undefined with a warning when it is computed. */
function stringOption(ctx: AppContext, e: LitEntry | undefined, what: string): string | undefined {
  if (!e) return undefined;
  if (e.value.kind === 'computed') {
    warn(ctx, e.line, computedMessage(what, e.value.source), e.column);
    return undefined;
  }
  if (e.value.kind === 'array') {
    const parts: string[] = [];
    for (const item of e.value.items) {
      if (item.kind === 'computed') {
        warn(ctx, item.line, computedMessage(what, item.source), item.column);
        return undefined;
      }
      const s = scalarString(item);
      if (s !== undefined) parts.push(/\s/.test(s) ? JSON.stringify(s) : s);
    }
    return parts.join(' ');
  }
  if (e.value.kind === 'object') {
    warn(ctx, e.line, `${what}: expected a value, found an object; ignored`, e.column);
    return undefined;
  }
  return scalarString(e.value);
}

function portFromArgs(args: string | undefined): number | undefined {
  if (!args) return undefined;
  const m = /(?:--port[= ]|-p\s+|PORT=)(\d{2,5})\b/.exec(args);
  return m ? validPort(Number(m[1])) : undefined;
}

function validPort(n: number): number | undefined {
  return Number.isInteger(n) && n >= 1 && n <= 65535 ? n : undefined;
}

function readEnvBlock(ctx: AppContext, e: LitEntry, serviceKey: string, what: string, out: DraftEnvVar[], values: Map<string, string>): void {
  if (e.value.kind === 'computed') {
    warn(ctx, e.line, computedMessage(what, e.value.source), e.column);
    return;
  }
  if (e.value.kind !== 'object') {
    warn(ctx, e.line, `${what}: expected an object of variables; ignored`, e.column);
    return;
  }
  for (const v of e.value.entries) {
    if (v.value.kind === 'computed') {
      warn(ctx, v.line, computedMessage(`${what}.${v.key}`, v.value.source), v.column);
      out.push({ serviceKey, name: v.key, secret: looksSecret(v.key, null), missing: true, value: null, source: { file: ctx.file, line: v.line, column: v.column } });
      continue;
    }
    const value = v.value.kind === 'scalar' && v.value.value !== null ? String(v.value.value) : null;
    if (v.value.kind === 'object' || v.value.kind === 'array') {
      warn(ctx, v.line, `${what}.${v.key}: an object/array is not an environment value; ignored`, v.column);
      continue;
    }
    const secret = looksSecret(v.key, value);
    if (value !== null) values.set(v.key, value);
    out.push({ serviceKey, name: v.key, secret, missing: value === null || value === '', value: secret || value === '' ? null : value, source: { file: ctx.file, line: v.line, column: v.column } });
  }
}

export interface AppResult {
  service: DraftService;
  envVars: DraftEnvVar[];
}

/** One entry of `apps` → a pm2-app draft service and its environment variables. */
export function readApp(ctx: AppContext, app: Lit, index: number, usedKeys: Set<string>): AppResult | null {
  if (app.kind === 'computed') {
    warn(ctx, app.line, computedMessage(`apps[${index}]`, app.source), app.column);
    return null;
  }
  if (app.kind !== 'object') {
    warn(ctx, app.line, `apps[${index}] is not an object; ignored`, app.column);
    return null;
  }
  const get = (k: string): LitEntry | undefined => app.entries.find((e) => e.key === k);
  const script = stringOption(ctx, get('script'), 'script');
  let name = stringOption(ctx, get('name'), 'name');
  if (!name && script) name = script.replace(/\/+$/, '').split('/').pop()?.replace(/\.[cm]?[jt]s$/, '') || script;
  if (!name) name = `app-${index + 1}`;
  let key = `pm2:${name}`;
  for (let n = 2; usedKeys.has(key); n++) key = `pm2:${name}-${n}`;
  usedKeys.add(key);

  const notes: string[] = [];
  const config: DraftService['config'] = { pm2Name: name };
  const args = stringOption(ctx, get('args'), 'args');
  const interpreter = stringOption(ctx, get('interpreter'), 'interpreter') ?? stringOption(ctx, get('exec_interpreter'), 'exec_interpreter');
  if (script) {
    const prefix = interpreter && !['node', 'none'].includes(interpreter) ? `${interpreter} ` : '';
    config.command = `${prefix}${script}${args ? ` ${args}` : ''}`.slice(0, 4000);
  } else if (!get('script')) {
    warn(ctx, app.line, `apps[${index}] (${name}) has no script`, app.column);
  }
  const cwd = stringOption(ctx, get('cwd'), 'cwd');
  if (cwd) config.workingDir = cwd;

  const instancesEntry = get('instances');
  if (instancesEntry) {
    if (instancesEntry.value.kind === 'computed') {
      warn(ctx, instancesEntry.line, computedMessage('instances', instancesEntry.value.source), instancesEntry.column);
    } else {
      const raw = scalarString(instancesEntry.value);
      const n = Number(raw);
      if (raw === 'max' || n === 0) notes.push(`instances: ${raw} (one per CPU core)`);
      else if (Number.isInteger(n) && n < 0) notes.push(`instances: ${raw} (one per CPU core but ${-n})`);
      else if (Number.isInteger(n) && n > 0 && n <= 1000) config.replicas = n;
      else warn(ctx, instancesEntry.line, `instances: '${raw}' is not a number of instances; ignored`, instancesEntry.column);
    }
  }
  const execMode = stringOption(ctx, get('exec_mode'), 'exec_mode');
  if (execMode) notes.push(`exec_mode: ${execMode}`);
  if (interpreter && config.command && !config.command.startsWith(interpreter)) notes.push(`interpreter: ${interpreter}`);
  for (const [k, label] of [['out_file', 'out log'], ['output', 'out log'], ['error_file', 'error log'], ['err_file', 'error log'], ['error', 'error log'], ['log_file', 'combined log'], ['log', 'combined log']] as const) {
    const v = stringOption(ctx, get(k), k);
    if (v) notes.push(`${label}: ${v}`);
  }
  const envFile = stringOption(ctx, get('env_file'), 'env_file');
  if (envFile) notes.push(`loads variables from ${envFile}`);

  const envVars: DraftEnvVar[] = [];
  const baseValues = new Map<string, string>();
  const envEntry = get('env');
  if (envEntry) readEnvBlock(ctx, envEntry, key, 'env', envVars, baseValues);
  let port = validPort(Number(baseValues.get('PORT')));
  const envNotes: string[] = [];
  for (const e of app.entries) {
    const m = /^env_(.+)$/.exec(e.key);
    if (!m || e.key === 'env_file') continue;
    ctx.environments.add(m[1]);
    const extra: DraftEnvVar[] = [];
    const values = new Map<string, string>();
    readEnvBlock(ctx, e, key, e.key, extra, values);
    port = port ?? validPort(Number(values.get('PORT')));
    const names = extra.map((v) => (v.secret || v.value === null ? v.name : `${v.name}=${v.value}`));
    if (names.length) envNotes.push(`${m[1]}: ${names.join(', ')}`);
    for (const v of extra) if (!envVars.some((x) => x.name === v.name)) envVars.push(v);
  }
  port = port ?? portFromArgs(args);
  const portEntry = get('port');
  if (!port && portEntry) port = validPort(Number(scalarString(portEntry.value)));
  if (port) config.port = port;
  if (envNotes.length) notes.push(`environment overrides: ${envNotes.join('; ')}`);

  const options: string[] = [];
  for (const e of app.entries) {
    if (MAPPED.has(e.key) || /^env_/.test(e.key)) continue;
    if (e.value.kind === 'computed') {
      warn(ctx, e.line, computedMessage(e.key, e.value.source), e.column);
      continue;
    }
    if (KNOWN.has(e.key)) {
      const v = e.value.kind === 'scalar' ? String(e.value.value) : e.value.kind === 'array' ? `[${e.value.items.map((i) => scalarString(i) ?? '…').join(', ')}]` : '{…}';
      options.push(`${e.key}=${v}`);
      continue;
    }
    warn(ctx, e.line, `apps[${index}] (${name}): option '${e.key}' is not a PM2 option Opsdeck knows; ignored`, e.column);
  }
  if (options.length) notes.push(`PM2 options: ${options.join(', ')}`);

  const service: DraftService = {
    key,
    name,
    kind: 'pm2-app',
    config,
    hostKey: null,
    environment: null,
    notes: notes.join('\n'),
    source: { file: ctx.file, line: app.line, column: app.column },
  };
  return { service, envVars };
}
