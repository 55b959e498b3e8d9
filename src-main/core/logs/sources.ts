import type { LogFormat, LogSource, LogSourceOption, Service } from '../../contract';
import { AppError } from '../../contract/errors';
import { cmd } from '../connectors/ssh/remote-command';
import type { ExecOptions, ExecResult } from '../connectors/ssh/ssh-exec';
import type { RemoteCommand } from '../connectors/ssh/remote-command';
import { parseNginxConfig, splitNginxDump } from '../importers/nginx/nginx-config-parser';
import { parseNginxSyntax, type NginxDirective } from '../importers/nginx/nginx-syntax';
import { sourceKeyOf } from './follow/source-key';
import { ASROOT_FN, HAVE_FN, NGINX_DUMP_FN } from '../discovery/shell-functions';

/** What log-source suggestions need from the core. */
export interface LogSourcesDeps {
  service(id: string): Service | undefined;
  hostName(id: string): string | undefined;
  exec(hostId: string, command: RemoteCommand, options?: ExecOptions): Promise<ExecResult>;
}

/**
 * `nginx -T` as the running master sees it (its -p/-e/-c), through sudo -n when allowed: the same
 * shell function as a host scan (discovery/shell-functions.ts), in fixed text without arguments.
 */
export const NGINX_DUMP_SCRIPT = String.raw`PATH="$PATH:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
${HAVE_FN}
${ASROOT_FN}
${NGINX_DUMP_FN}
nginx_dump`;

/** Files worth offering on any host; only those that exist are offered. */
export const COMMON_HOST_LOGS: { path: string; label: string; format: LogFormat }[] = [
  { path: '/var/log/syslog', label: 'System log (syslog)', format: { kind: 'plain' } },
  { path: '/var/log/messages', label: 'System log (messages)', format: { kind: 'plain' } },
  { path: '/var/log/auth.log', label: 'Logins (auth.log)', format: { kind: 'plain' } },
  { path: '/var/log/secure', label: 'Logins (secure)', format: { kind: 'plain' } },
  { path: '/var/log/nginx/access.log', label: 'nginx access log', format: { kind: 'nginx-access' } },
  { path: '/var/log/nginx/error.log', label: 'nginx error log', format: { kind: 'nginx-error' } },
];

const EXISTING_SCRIPT = 'for f in "$@"; do [ -f "$f" ] && printf "%s\\n" "$f"; done; exit 0';

/** One nginx site's logs: access (with its log_format when not `combined`) and error. */
export interface NginxSiteLogs {
  serverNames: string[];
  accessLog: string | null;
  logFormat: string | null;
  errorLog: string | null;
}

function walkDirectives(list: NginxDirective[], visit: (d: NginxDirective) => void): void {
  for (const d of list) {
    visit(d);
    if (d.block) walkDirectives(d.block, visit);
  }
}

/** The body of a log_format (strings concatenated as nginx does; `escape=` dropped). */
function formatBody(args: string[]): string {
  return args.filter((a, i) => !(i === 0 && a.startsWith('escape='))).join('');
}

/**
 * Reads `nginx -T` output: each site with its access and error log paths and the body of the
 * access log's log_format (null for `combined`). `off` and syslog targets are left out.
 */
export function nginxSiteLogs(dump: string): NginxSiteLogs[] {
  const config = parseNginxConfig(dump, 'nginx -T');
  const formats = new Map<string, string>();
  const accessFormat = new Map<string, string>();
  for (const chunk of splitNginxDump(dump, 'nginx -T')) {
    const syntax = parseNginxSyntax(chunk.text);
    if (syntax.error) continue;
    walkDirectives(syntax.directives, (d) => {
      if (d.name === 'log_format' && d.args.length >= 2) formats.set(d.args[0]!, formatBody(d.args.slice(1)));
      if (d.name === 'access_log' && d.args.length >= 2 && !accessFormat.has(d.args[0]!)) accessFormat.set(d.args[0]!, d.args[1]!);
    });
  }
  const usable = (p: string | null) => (p && p !== 'off' && p.startsWith('/') ? p : null);
  return config.servers
    .filter((s) => !s.stream)
    .map((s) => {
      const accessLog = usable(s.accessLog);
      const fmtName = accessLog ? accessFormat.get(accessLog) : undefined;
      const logFormat = fmtName && fmtName !== 'combined' ? (formats.get(fmtName) ?? null) : null;
      return { serverNames: s.serverNames, accessLog, logFormat, errorLog: usable(s.errorLog) };
    });
}

const option = (label: string, serviceId: string | null, source: LogSource): LogSourceOption => ({ key: sourceKeyOf(source), label, serviceId, source });

/**
 * `logs.sources`: the logs Opsdeck can offer for a service (nginx site → its access and error
 * logs from the live nginx configuration; PM2 app → out and err; container → its logs) or a host
 * (the common system and nginx logs that exist there).
 */
export function createLogSources(deps: LogSourcesDeps) {
  async function nginxSites(hostId: string): Promise<NginxSiteLogs[]> {
    try {
      const r = await deps.exec(hostId, cmd('sh', '-c', NGINX_DUMP_SCRIPT), { timeoutMs: 20_000, maxOutputBytes: 8 * 1024 * 1024 });
      if (r.code !== 0) return [];
      return nginxSiteLogs(r.stdout);
    } catch {
      return [];
    }
  }

  async function existing(hostId: string, paths: string[]): Promise<Set<string>> {
    const r = await deps.exec(hostId, cmd('sh', '-c', EXISTING_SCRIPT, 'opsdeck-logs', ...paths), { timeoutMs: 15_000, maxOutputBytes: 1024 * 1024 });
    return new Set(r.stdout.split('\n').filter(Boolean));
  }

  async function forService(s: Service): Promise<LogSourceOption[]> {
    const hostId = s.hostId;
    if (s.kind === 'container') {
      return [option(`Container ${s.config.containerName ?? s.name}`, s.id, { type: 'container', hostId, container: s.config.containerName ?? s.name })];
    }
    if (!hostId) return [];
    if (s.kind === 'pm2-app') {
      const app = s.config.pm2Name ?? s.name;
      return [
        option(`PM2 output — ${app}`, s.id, { type: 'pm2', hostId, app, stream: 'out' }),
        option(`PM2 errors — ${app}`, s.id, { type: 'pm2', hostId, app, stream: 'err' }),
      ];
    }
    if (s.kind === 'nginx-site') {
      const names = new Set(s.config.serverNames ?? [s.name]);
      const sites = await nginxSites(hostId);
      const site = sites.find((x) => x.serverNames.some((n) => names.has(n))) ?? null;
      const access = site?.accessLog ?? '/var/log/nginx/access.log';
      const error = site?.errorLog ?? '/var/log/nginx/error.log';
      const format: LogFormat = site?.logFormat ? { kind: 'nginx-access', logFormat: site.logFormat } : { kind: 'nginx-access' };
      return [
        option(`nginx access log — ${s.name}`, s.id, { type: 'file', hostId, path: access, format }),
        option(`nginx error log — ${s.name}`, s.id, { type: 'file', hostId, path: error, format: { kind: 'nginx-error' } }),
      ];
    }
    return [];
  }

  async function forHost(hostId: string): Promise<LogSourceOption[]> {
    const sites = await nginxSites(hostId);
    const candidates: { path: string; label: string; format: LogFormat }[] = [...COMMON_HOST_LOGS];
    for (const site of sites) {
      const name = site.serverNames[0] ?? 'default';
      if (site.accessLog) candidates.push({ path: site.accessLog, label: `nginx access log — ${name}`, format: site.logFormat ? { kind: 'nginx-access', logFormat: site.logFormat } : { kind: 'nginx-access' } });
      if (site.errorLog) candidates.push({ path: site.errorLog, label: `nginx error log — ${name}`, format: { kind: 'nginx-error' } });
    }
    const unique = candidates.filter((c, i) => candidates.findIndex((x) => x.path === c.path) === i);
    const found = await existing(hostId, unique.map((c) => c.path));
    return unique.filter((c) => found.has(c.path)).map((c) => option(c.label, null, { type: 'file', hostId, path: c.path, format: c.format }));
  }

  return {
    async sources(input: { serviceId?: string; hostId?: string }): Promise<LogSourceOption[]> {
      if (input.serviceId) {
        const s = deps.service(input.serviceId);
        if (!s) throw new AppError('NOT_FOUND', 'That service no longer exists.', 'Reload the inventory.');
        const own = await forService(s);
        if (own.length > 0 || !s.hostId) return own;
        return forHost(s.hostId);
      }
      const hostId = input.hostId!;
      if (deps.hostName(hostId) === undefined) throw new AppError('NOT_FOUND', 'That host no longer exists.', 'Reload the inventory.');
      return forHost(hostId);
    },
  };
}
export type LogSources = ReturnType<typeof createLogSources>;
