import path from 'node:path';
import type { DraftEnvVar, DraftHost, DraftIssue, DraftLink, DraftService, InventoryDraft, ListeningPort, Provenance, ServiceConfig } from '../../contract';
import { redactSecrets } from '../secrets/redact';
import type { DiscoveredContainer, ParsedScan } from './interpret-scan';
import { proxyTarget, type NginxSite, type NginxSiteUpstream } from './parsers/nginx-facts';
import type { CronEntry } from './parsers/crontab-parser';
import type { Pm2Process } from './parsers/pm2-jlist-parser';

export interface DraftHostInfo {
  name: string;
  address: string;
  port?: number;
  username?: string;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '0.0.0.0', '::', '*', 'ip6-localhost']);
const SECRET_ENV = /pass|secret|token|key|auth|credential|private|cookie|session|salt|dsn|_url$|^url$|uri$/i;
const HEALTH_PATH = /^\/(?:api\/)?(?:health|healthz|healthcheck|status|ping|ready|live)(?:\/[\w-]*)?$/i;
const PLAIN_HOST = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

const at = (file: string, line = 0): Provenance => ({ file, line });

/** Keeps draft keys unique and stable: the first "pm2:api" stays, the next is "pm2:api#2". */
class Keys {
  private readonly used = new Set<string>();
  take(key: string): string {
    let k = key;
    for (let n = 2; this.used.has(k); n++) k = `${key}#${n}`;
    this.used.add(k);
    return k;
  }
}

function serviceName(serverNames: string[], port: number | null): string {
  return serverNames[0] ?? `default${port ? ` :${port}` : ''}`;
}

/** "cp leads.db", "backup-database.sh", "pm2 resurrect": a readable name for a cron line. */
export function cronName(command: string): string {
  // A leading guard (`test -x /usr/sbin/x && x …`, `[ -d /run/systemd ] || y …`) says when the
  // job runs, not what it is: name it after the command the guard protects.
  const parts = command.split(/\s(?:&&|\|\|)\s/);
  if (parts.length > 1 && /^\s*(?:test|\[)\s/.test(parts[0]!)) return cronName(parts.slice(1).join(' && ').replace(/^[\s(]+|[\s)]+$/g, ''));
  let words = command.split(/\s+/).filter(Boolean);
  while (words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) words = words.slice(1);
  const cd = words.indexOf('&&');
  if (words[0] === 'cd' && cd > 0) words = words.slice(cd + 1);
  if (words.length === 0) return 'cron job';
  const base = (w: string) => path.posix.basename(w.replace(/["']/g, '')) || w;
  const first = base(words[0]);
  const generic = /^(?:cp|mv|sh|bash|node|npm|npx|python3?|php|pm2|docker|find|rsync|tar|curl|wget|psql|pg_dump|redis-cli|sudo|cd|test|\[)$/;
  if (generic.test(first) && words[1] && !words[1].startsWith('-')) return `${first} ${base(words[1])}`.slice(0, 100);
  return first.slice(0, 100);
}

function envVars(p: Pm2Process, serviceKey: string): DraftEnvVar[] {
  // Names only: values from a live host are never copied into the draft.
  return p.envNames.map((name) => ({ serviceKey, name, secret: SECRET_ENV.test(name), missing: false, value: null, source: at('pm2 jlist') }));
}

interface Owner {
  key: string;
  label: string;
}

export function buildDraft(host: DraftHostInfo, scan: ParsedScan, extraWarnings: DraftIssue[] = []): InventoryDraft {
  const keys = new Keys();
  const hostKey = `host:${host.name}`;
  const hosts: DraftHost[] = [{ key: hostKey, name: host.name, address: host.address, port: host.port, username: host.username, source: at('ssh') }];
  const services: DraftService[] = [];
  const links: DraftLink[] = [];
  const env: DraftEnvVar[] = [];
  const byPort = new Map<number, Owner>();
  const formats = new Set<string>();

  const add = (key: string, name: string, kind: DraftService['kind'], config: ServiceConfig, notes: string[], source: Provenance): string => {
    const k = keys.take(key);
    services.push({ key: k, name: name.slice(0, 120), kind, config, hostKey, environment: null, notes: notes.filter(Boolean).join('\n'), source });
    return k;
  };
  const portOf = (pid: number | null): ListeningPort | undefined => (pid ? scan.ports.find((p) => p.pid === pid) : undefined);

  // PM2 apps: one per name (cluster mode lists each instance).
  const pm2ByName = new Map<string, Pm2Process[]>();
  for (const p of scan.pm2) pm2ByName.set(p.name, [...(pm2ByName.get(p.name) ?? []), p]);
  for (const [name, list] of pm2ByName) {
    formats.add('pm2');
    const p = list[0];
    const port = p.port ?? list.map((x) => portOf(x.pid)?.port).find((x) => x !== undefined) ?? null;
    const instances = p.execMode === 'cluster' ? Math.max(list.length, p.instances ?? 0) : list.length;
    const config: ServiceConfig = { pm2Name: name.slice(0, 200) };
    if (port) config.port = port;
    if (p.cwd && p.cwd.length <= 1024) config.workingDir = p.cwd;
    if (instances > 1) config.replicas = instances;
    const notes = [
      `PM2 ${p.execMode ?? 'fork'} mode, ${instances} instance${instances === 1 ? '' : 's'}, ${list.map((x) => x.status ?? 'unknown').join('/')}`,
      p.script ? `script: ${p.script}` : '',
      p.outLog ? `out log: ${p.outLog}` : '',
      p.errLog ? `error log: ${p.errLog}` : '',
      p.restarts !== null ? `restarts: ${list.reduce((n, x) => n + (x.restarts ?? 0), 0)}` : '',
    ];
    const key = add(`pm2:${name}`, name, 'pm2-app', config, notes, at('pm2 jlist'));
    env.push(...envVars(p, key));
    if (port) byPort.set(port, { key, label: name });
  }

  // SQLite files in the apps' working directories.
  for (const f of scan.sqliteFiles.filter((x) => x.path.length <= 1024)) {
    const key = add(`sqlite:${f.path}`, path.posix.basename(f.path), 'sqlite-file', { filePath: f.path }, [`SQLite file in the working directory of PM2 app ${f.app}`], at('find'));
    const app = services.find((s) => s.kind === 'pm2-app' && s.config.pm2Name === f.app);
    if (app) links.push({ fromKey: app.key, toKey: key, kind: 'uses-database', reason: `${path.posix.basename(f.path)} is in ${f.app}'s working directory`, source: at('find') });
  }

  // Containers and compose projects.
  const compose = new Map<string, DiscoveredContainer[]>();
  const containerKeys = new Map<string, string>();
  for (const c of scan.containers) {
    formats.add('docker');
    if (c.composeProject) compose.set(c.composeProject, [...(compose.get(c.composeProject) ?? []), c]);
  }
  for (const [project, list] of compose) {
    const first = list.find((c) => c.composeFile) ?? list[0];
    const config: ServiceConfig = { composeProject: project.slice(0, 200) };
    const file = first.composeFile?.split(',')[0];
    if (file && file.length <= 1024) config.composeFile = file;
    if (first.composeWorkingDir && first.composeWorkingDir.length <= 1024) config.workingDir = first.composeWorkingDir;
    const svcNames = [...new Set(list.map((c) => c.composeService).filter(Boolean))];
    add(`compose:${project}`, project, 'compose-project', config, [`compose services: ${svcNames.join(', ')}`, `${list.filter((c) => c.state === 'running').length} of ${list.length} containers running`], at(first.via));
  }
  for (const c of scan.containers) {
    const config: ServiceConfig = { containerName: c.name.slice(0, 200) };
    if (c.composeProject) config.composeProject = c.composeProject.slice(0, 200);
    if (c.publishedPorts[0]) config.port = c.publishedPorts[0];
    const notes = [`image: ${c.image}`, `state: ${c.state}${c.status ? ` (${c.status})` : ''}`, c.composeService ? `compose service: ${c.composeService}` : ''];
    const key = add(`container:${c.name}`, c.name, 'container', config, notes, at(c.via));
    containerKeys.set(c.name, key);
    if (c.composeService) containerKeys.set(c.composeService, key);
    for (const port of c.publishedPorts) if (!byPort.has(port)) byPort.set(port, { key, label: c.name });
  }

  // Databases and caches seen listening (by process name first: ports can be anything).
  const dbPorts = new Map<number, ListeningPort>();
  for (const p of scan.ports) if (!dbPorts.has(p.port)) dbPorts.set(p.port, p);
  let postgresKey: string | null = null;
  let bouncerKey: string | null = null;
  for (const p of dbPorts.values()) {
    if (byPort.has(p.port)) continue;
    const proc = p.process ?? '';
    const source = at('ss -ltnp');
    const where = `listens on ${p.address}:${p.port}${p.pid ? ` (pid ${p.pid})` : ''}`;
    if (/^(?:postgres|postmaster)$/.test(proc) || (!proc && p.port === 5432)) {
      postgresKey = add(`postgres:${p.port}`, `PostgreSQL :${p.port}`, 'postgres', { port: p.port }, [`PostgreSQL ${where}`], source);
      byPort.set(p.port, { key: postgresKey, label: 'PostgreSQL' });
    } else if (proc === 'pgbouncer' || (!proc && p.port === 6432)) {
      bouncerKey = add(`pgbouncer:${p.port}`, `PgBouncer :${p.port}`, 'postgres', { port: p.port }, [`PgBouncer connection pooler ${where}`], source);
      byPort.set(p.port, { key: bouncerKey, label: 'PgBouncer' });
    } else if (/^redis-server$|^redis$|^valkey-server$/.test(proc) || (!proc && p.port === 6379)) {
      const key = add(`redis:${p.port}`, `Redis :${p.port}`, 'redis', { port: p.port }, [`Redis ${where}`], source);
      byPort.set(p.port, { key, label: 'Redis' });
    }
  }
  if (postgresKey && bouncerKey) links.push({ fromKey: bouncerKey, toKey: postgresKey, kind: 'uses-database', reason: 'PgBouncer pools connections to PostgreSQL on this host', source: at('ss -ltnp') });

  // nginx sites, their upstream targets and health URLs.
  const nginx = scan.nginx;
  if (nginx) {
    formats.add('nginx');
    const upstreams = new Map<string, NginxSiteUpstream>(nginx.upstreams.map((u) => [u.name, u]));
    const resolveTarget = (targetHost: string, port: number, reason: string): Owner | null => {
      if (LOOPBACK.has(targetHost) || targetHost === host.address) {
        const owner = byPort.get(port);
        if (owner) return owner;
        const proc = scan.ports.find((p) => p.port === port);
        if (!proc) return null;
        // A process nginx proxies to that no process manager owns: keep it as an endpoint.
        const label = `${proc.process ?? 'process'} :${port}`;
        const key = add(`process:${port}`, label, 'http-endpoint', { port, url: `http://127.0.0.1:${port}` }, [`${reason}; ${proc.process ?? 'a process'} listens on ${proc.address}:${port}${proc.pid ? ` (pid ${proc.pid})` : ''}, not managed by PM2 or Docker`], at('ss -ltnp'));
        const o = { key, label };
        byPort.set(port, o);
        return o;
      }
      const key = containerKeys.get(targetHost);
      return key ? { key, label: targetHost } : null;
    };
    const servers = foldRedirects(nginx.servers);
    const names = new Map<string, number>();
    for (const s of servers) names.set(serviceName(s.server.serverNames, null), (names.get(serviceName(s.server.serverNames, null)) ?? 0) + 1);
    for (const { server: s, also } of servers) {
      const port = pickPort(s);
      const base = serviceName(s.serverNames, port);
      const name = (names.get(serviceName(s.serverNames, null)) ?? 0) > 1 && port ? `${base} :${port}` : base;
      const config: ServiceConfig = {};
      const valid = s.serverNames.filter((n) => n.length <= 253).slice(0, 64);
      if (valid.length) config.serverNames = valid;
      if (port) config.port = port;
      const primary = s.serverNames.find((n) => PLAIN_HOST.test(n));
      if (primary && !s.stream) config.url = `${s.ssl ? 'https' : 'http'}://${primary}`;
      const notes = [
        `listen: ${[...s.listens, ...also.flatMap((a) => a.listens)].map((l) => l.raw).join('; ')}`,
        s.root ? `root: ${s.root}` : '',
        s.accessLogs.length ? `access log: ${s.accessLogs.join(', ')}` : '',
        s.errorLogs.length ? `error log: ${s.errorLogs.join(', ')}` : '',
        s.ssl ? 'TLS: yes' : '',
        s.returns && s.locations.length === 0 ? `return ${s.returns}` : '',
        also.length ? `also: ${also.map((a) => `${a.listens.map((l) => l.raw).join(', ')} → return ${a.returns ?? ''}`).join('; ')}` : '',
        s.stream ? 'stream (TCP) proxy' : '',
      ];
      const siteKey = add(`nginx:${name}`, name, 'nginx-site', config, notes, at(s.file, s.line));
      const linked = new Set<string>();
      for (const loc of s.locations) {
        if (!loc.proxyPass) continue;
        const target = proxyTarget(loc.proxyPass);
        if (!target) continue;
        const up = target.port === null ? upstreams.get(target.host) : undefined;
        const pairs: { host: string; port: number }[] = [];
        if (up) {
          pairs.push(...up.servers);
        } else {
          pairs.push({ host: target.host, port: target.port ?? (target.scheme === 'https' ? 443 : 80) });
        }
        for (const pair of pairs) {
          const reason = up ? `proxy_pass ${loc.proxyPass} (upstream ${up.name}: ${pair.host}:${pair.port})` : `proxy_pass ${loc.proxyPass}`;
          const owner = resolveTarget(pair.host, pair.port, reason);
          if (!owner || linked.has(owner.key)) continue;
          linked.add(owner.key);
          links.push({ fromKey: siteKey, toKey: owner.key, kind: 'proxies-to', reason, source: at(s.file, loc.line) });
        }
        const literal = loc.path.replace(/^=\s*/, '');
        if (primary && !s.stream && HEALTH_PATH.test(literal)) {
          const url = `${s.ssl ? 'https' : 'http'}://${primary}${literal}`;
          add(`http:${url}`, `${primary}${literal}`, 'http-endpoint', { url, healthPath: literal }, [`health URL served by ${name} (${s.file}:${loc.line})`], at(s.file, loc.line));
        }
      }
    }
  }

  // Cron jobs.
  const cronNames = new Map<string, number>();
  for (const c of scan.cron) cronNames.set(cronName(c.command), (cronNames.get(cronName(c.command)) ?? 0) + 1);
  for (const c of scan.cron) {
    formats.add('cron');
    const base = cronName(c.command);
    const name = (cronNames.get(base) ?? 0) > 1 ? `${base} (${c.schedule})` : base;
    add(cronKey(c), name, 'cron-job', { schedule: c.schedule, command: redactSecrets(c.command).slice(0, 4000) }, [
      c.origin === 'crontab -l' ? `crontab of ${c.user ?? 'the SSH user'}, line ${c.line}` : `${c.origin}, line ${c.line}, runs as ${c.user ?? 'unknown'}`,
    ], at(c.origin, c.line));
  }

  return {
    formats: ['discovery', ...formats],
    files: [],
    environments: [],
    hosts,
    services,
    links,
    envVars: env,
    warnings: [...scan.warnings, ...extraWarnings],
    errors: [],
  };
}

function cronKey(c: CronEntry): string {
  return `cron:${c.origin === 'crontab -l' ? 'user' : c.origin}:${c.line}`;
}

function pickPort(s: NginxSite): number | null {
  const ports = s.listens.map((l) => l.port).filter((p): p is number => p !== null);
  return ports.find((p) => p === 443) ?? ports[0] ?? null;
}

/**
 * A server block that only redirects (e.g. :80 → https) and has the same names as another
 * block is folded into it, so one site is proposed per name.
 */
function foldRedirects(servers: NginxSite[]): { server: NginxSite; also: NginxSite[] }[] {
  const out: { server: NginxSite; also: NginxSite[] }[] = [];
  const sameNames = (a: NginxSite, b: NginxSite) => a.serverNames.length > 0 && a.serverNames.join(' ') === b.serverNames.join(' ');
  const redirectOnly = (s: NginxSite) => s.returns !== null && s.locations.length === 0;
  for (const s of servers) {
    if (redirectOnly(s) && servers.some((o) => o !== s && !redirectOnly(o) && sameNames(o, s))) continue;
    out.push({ server: s, also: servers.filter((o) => o !== s && redirectOnly(o) && !redirectOnly(s) && sameNames(o, s)) });
  }
  return out;
}
