import type { DraftService } from '../../../contract';
import { emptyPart, type DraftPart, type ImportFile } from '../types';
import type { NginxConfig, NginxServer, NginxUpstream } from './nginx-config-parser';

/**
 * nginx configuration → draft: one nginx-site per server block, placeholders for what it proxies
 * to (upstreams, local ports, other hosts) with proxies-to links. A local port is kept in
 * config.port so the merge step can match the PM2 app or container listening there.
 */

export const FORMAT = 'nginx';
/** Files every nginx distribution ships; including them says nothing about sites. */
const STANDARD_INCLUDES = /(^|\/)(mime\.types|fastcgi_params|fastcgi\.conf|uwsgi_params|scgi_params|proxy_params|koi-utf|koi-win|win-utf)$/;
const LOCAL = /^(localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1?\]|::1)$/;

interface Target {
  host: string;
  port: number | null;
  scheme: string;
  raw: string;
}

/** `http://app:3000/path`, `https://api.example.com`, `app_upstream` (stream), `127.0.0.1:9000`. */
export function parseProxyTarget(raw: string): Target | null {
  const m = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\[[^\]]+\]|[^/:]+)(?::(\d+))?(\/.*)?$/i.exec(raw);
  if (!m) return null;
  const scheme = (m[1] ?? 'http').toLowerCase();
  return { host: m[2], port: m[3] ? Number(m[3]) : null, scheme, raw };
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`(^|/)${escaped}$`);
}

/** Whether an include is satisfied by one of the other files of the same import. */
function includedBySibling(path: string, siblings: readonly ImportFile[]): boolean {
  const tail = path.replace(/^.*?\/(?=(conf\.d|sites-enabled|sites-available|snippets|h5bp|custom\.d)\/)/, '');
  const re = globToRegExp(tail.includes('/') ? tail : path.split('/').pop() ?? path);
  return siblings.some((s) => re.test(s.path.replace(/\\/g, '/')));
}

function siteName(s: NginxServer): string {
  const name = s.serverNames.find((n) => n !== '_' && n !== 'localhost' && !n.startsWith('~')) ?? s.serverNames[0];
  const port = s.listen.find((l) => l.port !== null)?.port ?? 80;
  return name && name !== '_' ? name : `default:${port}`;
}

export function nginxDraft(config: NginxConfig, file: ImportFile, siblings: readonly ImportFile[]): DraftPart {
  const part = emptyPart(FORMAT);
  const errors = config.issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) {
    part.errors.push(errors[0]);
    return part;
  }
  part.warnings.push(...config.issues);
  const warn = (f: string, line: number, message: string) => part.warnings.push({ severity: 'warning', format: FORMAT, file: f, line, message });

  for (const inc of config.includes) {
    if (STANDARD_INCLUDES.test(inc.path) || includedBySibling(inc.path, siblings)) continue;
    warn(inc.file, inc.line, `include not followed: ${inc.path} (add that file to the import to read it)`);
  }

  const upstreams = new Map<string, NginxUpstream>(config.upstreams.map((u) => [u.name, u]));
  const services = new Map<string, DraftService>();
  const linkSeen = new Set<string>();
  const addService = (s: DraftService): DraftService => {
    const existing = services.get(s.key);
    if (existing) return existing;
    services.set(s.key, s);
    return s;
  };

  const backendFor = (t: Target, f: string, line: number, via: string): DraftService | null => {
    if (t.host.includes('$')) {
      warn(f, line, `${via} ${t.raw}: the target is computed from a variable at request time; not followed`);
      return null;
    }
    const up = upstreams.get(t.host);
    if (up && t.port === null) return upstreamService(up);
    const port = t.port ?? (t.scheme === 'https' ? 443 : 80);
    const source = { file: f, line };
    if (LOCAL.test(t.host)) {
      return addService({
        key: `local-port:${port}`,
        name: `localhost:${port}`,
        kind: 'http-endpoint',
        config: { port },
        hostKey: null,
        environment: null,
        notes: `A process on the same host as nginx listens on port ${port} (${via} ${t.raw}); Opsdeck matches it to the PM2 app or container on that port.`,
        source,
      });
    }
    const bare = t.host.replace(/^\[|\]$/g, '');
    if (!bare.includes('.') && !bare.includes(':')) {
      // a name without dots: a container or compose service on the same network
      return addService({
        key: `nginx-backend:${bare}:${port}`,
        name: `${bare}:${port}`,
        kind: 'container',
        config: { containerName: bare, port },
        hostKey: null,
        environment: null,
        notes: `Backend ${bare}:${port} named in ${via} ${t.raw} (a container or service name on nginx's network).`,
        source,
      });
    }
    return addService({
      key: `nginx-backend:${bare}:${port}`,
      name: `${bare}:${port}`,
      kind: 'http-endpoint',
      config: { port, url: `${t.scheme === 'https' ? 'https' : 'http'}://${t.host}${t.port ? `:${t.port}` : ''}` },
      hostKey: null,
      environment: null,
      notes: `Backend named in ${via} ${t.raw}.`,
      source,
    });
  };

  const usedUpstreams = new Set<string>();
  const upstreamService = (up: NginxUpstream): DraftService | null => {
    usedUpstreams.add(up.name);
    if (up.servers.length === 0) {
      warn(up.file, up.line, `upstream ${up.name} lists no server (added at run time?); its sites' links are not drawn`);
      return null;
    }
    if (up.servers.length === 1 && up.servers[0].port !== null) {
      const only = up.servers[0];
      const s = backendFor({ host: only.address, port: only.port, scheme: 'http', raw: only.raw }, up.file, only.line, `upstream ${up.name}: server`);
      if (s && !s.notes.includes(`upstream ${up.name}`)) s.notes = `${s.notes} Reached through upstream ${up.name}.`;
      return s;
    }
    const ports = [...new Set(up.servers.map((s) => s.port))];
    const port = ports.length === 1 && ports[0] !== null ? ports[0] : undefined;
    // every server on this host: instances of a local app, which another file may name by port
    if (up.servers.every((s) => LOCAL.test(s.address) && s.port !== null)) {
      part.localPorts = { ...part.localPorts, [`nginx-upstream:${up.name}`]: ports as number[] };
    }
    return addService({
      key: `nginx-upstream:${up.name}`,
      name: `upstream ${up.name}`,
      kind: 'http-endpoint',
      config: { replicas: up.servers.length, ...(port ? { port } : {}) },
      hostKey: null,
      environment: null,
      notes: `nginx upstream ${up.name}: ${up.servers.length} servers (${up.servers.map((s) => s.raw).join(', ')}); nginx balances requests across them.`,
      source: { file: up.file, line: up.line },
    });
  };

  const siteKeys = new Set<string>();
  for (const s of config.servers) {
    const name = siteName(s);
    const port = s.listen.find((l) => l.port !== null)?.port ?? 80;
    const base = name.startsWith('default:') ? `nginx:${name}` : `nginx:${name}:${port}`;
    let key = base;
    for (let n = 2; siteKeys.has(key); n++) key = `${base}-${n}`;
    siteKeys.add(key);
    const notes: string[] = [];
    if (s.stream) notes.push('stream (TCP/UDP) proxy');
    notes.push(s.listen.length ? `listen: ${s.listen.map((l) => l.raw).join('; ')}` : 'listen: 80 (nginx default, no listen directive)');
    if (s.ssl) notes.push(`TLS: certificate ${s.ssl.certificate ?? '(inherited or not set)'}${s.ssl.certificateKey ? `, key ${s.ssl.certificateKey}` : ''}`);
    if (s.returns) notes.push(`returns ${s.returns}`);
    if (s.root) notes.push(`root: ${s.root}`);
    if (s.accessLog) notes.push(`access log: ${s.accessLog}`);
    if (s.errorLog) notes.push(`error log: ${s.errorLog}`);
    // template placeholders ({{ domain }}) name nothing yet: keep them out of what health checks use
    const templated = s.serverNames.filter((n) => n.includes('{{') || n.includes('{%'));
    if (templated.length) notes.push(`server_name is a template placeholder: ${templated.join(' ')}`);
    const names = s.serverNames.filter((n) => n.length <= 253 && !templated.includes(n)).slice(0, 64);
    const site: DraftService = {
      key,
      name,
      kind: 'nginx-site',
      config: { port, ...(names.length ? { serverNames: names } : {}) },
      hostKey: null,
      environment: null,
      notes: '',
      source: { file: s.file, line: s.line },
    };
    const proxied: string[] = [];
    for (const loc of s.locations) {
      const raw = loc.proxyPass ?? loc.otherPass?.target ?? null;
      if (!raw) continue;
      const via = loc.proxyPass ? 'proxy_pass' : (loc.otherPass?.directive ?? 'proxy_pass');
      const where = loc.path ? `location ${loc.modifier ? `${loc.modifier} ` : ''}${loc.path}` : 'server';
      proxied.push(`${where} → ${raw}`);
      if (raw.startsWith('unix:')) continue;
      const t = parseProxyTarget(raw);
      if (!t) {
        warn(loc.file, loc.line, `${via} ${raw}: not a target Opsdeck understands; not followed`);
        continue;
      }
      const backend = backendFor(t, loc.file, loc.line, via);
      if (!backend) continue;
      const id = `${key}\u0000${backend.key}`;
      if (linkSeen.has(id)) continue;
      linkSeen.add(id);
      part.links.push({ fromKey: key, toKey: backend.key, kind: 'proxies-to', reason: `${via} ${raw} (${where})`, source: { file: loc.file, line: loc.line } });
    }
    if (proxied.length) notes.push(`proxies: ${proxied.slice(0, 20).join('; ')}${proxied.length > 20 ? ` (+${proxied.length - 20} more)` : ''}`);
    if (s.includes.length) notes.push(`includes: ${[...new Set(s.includes.map((i) => i.path))].join(', ')}`);
    site.notes = notes.join('\n');
    part.services.push(site);
  }
  // upstreams no site uses are still backends worth listing
  for (const up of config.upstreams) if (!usedUpstreams.has(up.name)) upstreamService(up);
  part.services.push(...services.values());

  if (part.services.length === 0) {
    part.warnings.push({
      severity: 'warning',
      format: FORMAT,
      file: file.path,
      line: 1,
      message: 'No server or upstream block in this file: it holds shared settings (http, events, snippets) that other files include; nothing to import from it alone',
    });
  }
  return part;
}
