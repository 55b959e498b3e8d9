import type { DraftIssue } from '../../../contract';
import { parseNginxSyntax, type NginxDirective } from './nginx-syntax';

/**
 * What an nginx configuration says about sites and backends, as plain data. Pure: no file system,
 * no includes followed. Reads one file, or the output of `nginx -T`, which concatenates every
 * file behind a `# configuration file /etc/nginx/…:` line; provenance then names the original file
 * and its own line numbers.
 */

export interface NginxListen {
  /** null for unix sockets. */
  port: number | null;
  ssl: boolean;
  /** null when only a port is given (all addresses). */
  address: string | null;
  http2: boolean;
  defaultServer: boolean;
  raw: string;
  line: number;
}

export interface NginxLocation {
  /** The matched path or regex; `@name` for named locations. */
  path: string;
  /** '=', '~', '~*', '^~' or null. */
  modifier: string | null;
  proxyPass: string | null;
  /** fastcgi_pass / uwsgi_pass / grpc_pass / scgi_pass target, with the directive name. */
  otherPass: { directive: string; target: string } | null;
  root: string | null;
  alias: string | null;
  /** `return 301 https://…` → "301 https://…". */
  returns: string | null;
  file: string;
  line: number;
}

export interface NginxSsl {
  certificate: string | null;
  certificateKey: string | null;
  protocols: string[];
}

export interface NginxServer {
  serverNames: string[];
  listen: NginxListen[];
  root: string | null;
  accessLog: string | null;
  errorLog: string | null;
  locations: NginxLocation[];
  /** null when the server block has no certificate and no ssl listen. */
  ssl: NginxSsl | null;
  /** `return` at server level (typical http → https redirect servers). */
  returns: string | null;
  includes: { path: string; line: number }[];
  /** true for `stream { server { … } }` (TCP/UDP proxy). */
  stream: boolean;
  file: string;
  line: number;
}

export interface NginxUpstreamServer {
  address: string;
  /** null for unix sockets; 80 when nginx would default to it. */
  port: number | null;
  raw: string;
  line: number;
}

export interface NginxUpstream {
  name: string;
  servers: NginxUpstreamServer[];
  file: string;
  line: number;
}

export interface NginxInclude {
  path: string;
  file: string;
  line: number;
}

export interface NginxConfig {
  /** Each original file seen: one for a plain file, several for `nginx -T` output. */
  files: string[];
  servers: NginxServer[];
  upstreams: NginxUpstream[];
  includes: NginxInclude[];
  /** Errors (a file that could not be read: nothing from it is in the result) and warnings. */
  issues: DraftIssue[];
}

const FILE_MARKER = /^# configuration file (.+?):\s*$/;
/** Blocks whose contents are data (key value pairs), not directives. */
const DATA_BLOCKS = new Set(['map', 'geo', 'types', 'split_clients', 'match', 'charset_map']);
const PASS_DIRECTIVES = ['fastcgi_pass', 'uwsgi_pass', 'grpc_pass', 'scgi_pass', 'memcached_pass'];

interface Chunk {
  file: string;
  text: string;
}

/** Splits `nginx -T` output into its files; a plain file is one chunk. */
export function splitNginxDump(text: string, fileName: string): Chunk[] {
  const lines = text.split(/\r?\n/);
  const chunks: { file: string; lines: string[] }[] = [];
  let current: { file: string; lines: string[] } | null = null;
  for (const line of lines) {
    const m = FILE_MARKER.exec(line);
    if (m) {
      current = { file: m[1].trim(), lines: [] };
      chunks.push(current);
    } else if (current) {
      current.lines.push(line);
    }
  }
  if (chunks.length === 0) return [{ file: fileName, text }];
  return chunks.map((c) => ({ file: c.file, text: c.lines.join('\n') }));
}

interface Inherited {
  root: string | null;
  accessLog: string | null;
  errorLog: string | null;
  certificate: string | null;
  certificateKey: string | null;
  protocols: string[];
}

export function parseNginxConfig(text: string, fileName: string): NginxConfig {
  const result: NginxConfig = { files: [], servers: [], upstreams: [], includes: [], issues: [] };
  let httpLevel: Inherited | null = null;
  for (const chunk of splitNginxDump(text, fileName)) {
    result.files.push(chunk.file);
    const syntax = parseNginxSyntax(chunk.text);
    if (syntax.error) {
      result.issues.push({ severity: 'error', format: 'nginx', file: chunk.file, line: syntax.error.line, column: syntax.error.column, message: syntax.error.message });
      continue;
    }
    for (const n of syntax.notices) {
      result.issues.push({ severity: 'warning', format: 'nginx', file: chunk.file, line: n.line, column: n.column, message: n.message });
    }
    // In `nginx -T`, files included from the main file's http block (sites-enabled/*, conf.d/*)
    // come after it as separate chunks; they inherit its http-level settings (logs, TLS).
    walk(syntax.directives, chunk.file, httpLevel ?? EMPTY_INHERITED, false, result, (h) => {
      httpLevel = httpLevel ?? h;
    });
  }
  return result;
}

const EMPTY_INHERITED: Inherited = { root: null, accessLog: null, errorLog: null, certificate: null, certificateKey: null, protocols: [] };

function firstArg(d: NginxDirective): string | null {
  return d.args.length > 0 ? d.args[0] : null;
}

function inheritFrom(list: NginxDirective[], base: Inherited): Inherited {
  const next = { ...base };
  for (const d of list) {
    if (d.block) continue;
    if (d.name === 'root') next.root = firstArg(d);
    else if (d.name === 'access_log') next.accessLog = firstArg(d);
    else if (d.name === 'error_log') next.errorLog = firstArg(d);
    else if (d.name === 'ssl_certificate') next.certificate = next.certificate ?? firstArg(d);
    else if (d.name === 'ssl_certificate_key') next.certificateKey = next.certificateKey ?? firstArg(d);
    else if (d.name === 'ssl_protocols') next.protocols = [...d.args];
  }
  return next;
}

function walk(list: NginxDirective[], file: string, base: Inherited, inStream: boolean, out: NginxConfig, onHttp: (h: Inherited) => void = () => {}): void {
  const inherited = inheritFrom(list, base);
  if (list.some((d) => d.name === 'http' && d.block)) {
    const http = list.find((d) => d.name === 'http' && d.block);
    if (http?.block) onHttp(inheritFrom(http.block, inherited));
  }
  for (const d of list) {
    if (d.name === 'include' && !d.block) {
      out.includes.push({ path: d.args.join(' '), file, line: d.line });
      continue;
    }
    if (!d.block) continue;
    if (d.name === 'server') out.servers.push(readServer(d, file, inherited, inStream, out));
    else if (d.name === 'upstream') out.upstreams.push(readUpstream(d, file));
    else if (d.name === 'http' || d.name === 'stream') walk(d.block, file, inherited, d.name === 'stream', out);
    // events, map, geo, types… say nothing about sites and backends.
  }
}

/** `80`, `443 ssl http2`, `[::]:80`, `127.0.0.1:8080`, `*:80`, `localhost`, `unix:/run/x.sock`. */
export function parseListen(d: NginxDirective): NginxListen {
  const raw = d.args.join(' ');
  const target = d.args[0] ?? '';
  const flags = new Set(d.args.slice(1));
  let address: string | null = null;
  let port: number | null = null;
  if (target.startsWith('unix:')) {
    address = target;
  } else if (/^\d+$/.test(target)) {
    port = Number(target);
  } else {
    const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(target);
    if (m) {
      address = m[1] === '*' ? null : m[1];
      port = m[2] ? Number(m[2]) : 80;
    } else {
      address = target;
    }
  }
  return {
    port,
    ssl: flags.has('ssl') || flags.has('quic'),
    address,
    http2: flags.has('http2'),
    defaultServer: flags.has('default_server') || flags.has('default'),
    raw,
    line: d.line,
  };
}

function readLocations(list: NginxDirective[], file: string, out: NginxLocation[]): void {
  for (const d of list) {
    if (!d.block) continue;
    if (d.name === 'location') {
      const modifier = d.args.length > 1 && ['=', '~', '~*', '^~'].includes(d.args[0]) ? d.args[0] : null;
      const path = modifier ? d.args.slice(1).join(' ') : d.args.join(' ');
      const loc: NginxLocation = { path, modifier, proxyPass: null, otherPass: null, root: null, alias: null, returns: null, file, line: d.line };
      for (const inner of d.block) {
        if (inner.block) continue;
        if (inner.name === 'proxy_pass') loc.proxyPass = firstArg(inner);
        else if (PASS_DIRECTIVES.includes(inner.name) && inner.args[0]) loc.otherPass = { directive: inner.name, target: inner.args[0] };
        else if (inner.name === 'root') loc.root = firstArg(inner);
        else if (inner.name === 'alias') loc.alias = firstArg(inner);
        else if (inner.name === 'return') loc.returns = inner.args.join(' ');
      }
      out.push(loc);
      readLocations(d.block, file, out);
    } else if (d.name === 'if' || d.name === 'limit_except') {
      readLocations(d.block, file, out);
    }
  }
}

function readServer(d: NginxDirective, file: string, base: Inherited, stream: boolean, out: NginxConfig): NginxServer {
  const block = d.block ?? [];
  const own = inheritFrom(block, base);
  const server: NginxServer = {
    serverNames: [],
    listen: [],
    root: own.root,
    accessLog: own.accessLog,
    errorLog: own.errorLog,
    locations: [],
    ssl: null,
    returns: null,
    includes: [],
    stream,
    file,
    line: d.line,
  };
  let sslOn = false;
  for (const inner of block) {
    if (inner.block) continue;
    switch (inner.name) {
      case 'server_name':
        server.serverNames.push(...inner.args.filter((n) => n !== '""' && n !== ''));
        break;
      case 'listen':
        server.listen.push(parseListen(inner));
        break;
      case 'ssl':
        sslOn = inner.args[0] === 'on';
        break;
      case 'return':
        server.returns = inner.args.join(' ');
        break;
      case 'include':
        server.includes.push({ path: inner.args.join(' '), line: inner.line });
        out.includes.push({ path: inner.args.join(' '), file, line: inner.line });
        break;
      case 'proxy_pass':
        // stream servers proxy at server level
        server.locations.push({ path: '', modifier: null, proxyPass: firstArg(inner), otherPass: null, root: null, alias: null, returns: null, file, line: inner.line });
        break;
    }
  }
  if (sslOn) for (const l of server.listen) l.ssl = true;
  // includes inside locations are still worth reporting
  collectNestedIncludes(block, file, server, out);
  readLocations(block, file, server.locations);
  const hasSslListen = server.listen.some((l) => l.ssl);
  if (hasSslListen || own.certificate) {
    server.ssl = { certificate: own.certificate, certificateKey: own.certificateKey, protocols: own.protocols };
  }
  return server;
}

function collectNestedIncludes(list: NginxDirective[], file: string, server: NginxServer, out: NginxConfig): void {
  for (const d of list) {
    if (!d.block || DATA_BLOCKS.has(d.name)) continue;
    for (const inner of d.block) {
      if (inner.name === 'include' && !inner.block) {
        server.includes.push({ path: inner.args.join(' '), line: inner.line });
        out.includes.push({ path: inner.args.join(' '), file, line: inner.line });
      }
    }
    collectNestedIncludes(d.block, file, server, out);
  }
}

function readUpstream(d: NginxDirective, file: string): NginxUpstream {
  const servers: NginxUpstreamServer[] = [];
  for (const inner of d.block ?? []) {
    if (inner.block || inner.name !== 'server' || !inner.args[0]) continue;
    servers.push(parseUpstreamServer(inner.args[0], inner.line));
  }
  return { name: d.args.join(' '), servers, file, line: d.line };
}

/** `app:3000`, `127.0.0.1`, `[::1]:8080`, `unix:/tmp/app.sock`. */
export function parseUpstreamServer(raw: string, line: number): NginxUpstreamServer {
  if (raw.startsWith('unix:')) return { address: raw, port: null, raw, line };
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(raw);
  if (!m) return { address: raw, port: null, raw, line };
  return { address: m[1], port: m[2] ? Number(m[2]) : 80, raw, line };
}
