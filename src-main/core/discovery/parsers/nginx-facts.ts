import type { DraftIssue } from '../../../contract';
import { parseNginxConfig, type NginxConfig, type NginxServer as ConfigServer } from '../../importers/nginx';

/**
 * `nginx -T` → what discovery proposes from it. The configuration itself is read by the importers'
 * `parseNginxConfig` (one nginx parser in the project: tokens, `nginx -T` file markers, provenance
 * per original file, http-level inheritance); this adapter adds what only a live dump has (the test
 * verdict printed before the files) and maps the config to the shape the draft builder consumes.
 */

export interface NginxSiteListen {
  port: number | null;
  ssl: boolean;
  raw: string;
}

export interface NginxSiteLocation {
  /** As written after `location`, modifier included: "= /health", "~* \.js$", "/". */
  path: string;
  /** proxy_pass target; other passes as "fastcgi_pass unix:/run/php.sock" (never resolved to a link). */
  proxyPass: string | null;
  line: number;
}

export interface NginxSite {
  file: string;
  line: number;
  /** Without "_" and empty names. */
  serverNames: string[];
  listens: NginxSiteListen[];
  root: string | null;
  accessLogs: string[];
  errorLogs: string[];
  /** A listen with `ssl` (or `ssl on`): what makes nginx speak TLS on it. */
  ssl: boolean;
  locations: NginxSiteLocation[];
  /** `return` at server level (redirect-only servers). */
  returns: string | null;
  /** Whether the block sits in a `stream {}` (TCP proxy) rather than `http {}`. */
  stream: boolean;
}

export interface NginxSiteUpstream {
  name: string;
  file: string;
  line: number;
  /** host:port pairs (IPv6 without brackets); unix sockets left out. */
  servers: { host: string; port: number }[];
}

export interface NginxFacts {
  /** The verdict lines ("syntax is ok", errors) printed before the files. */
  verdict: string[];
  ok: boolean;
  files: string[];
  servers: NginxSite[];
  upstreams: NginxSiteUpstream[];
  /** Files the parser could not read (their sites are missing). */
  errors: DraftIssue[];
}

const FILE_MARKER = /^# configuration file .+:\s*$/;

export function nginxFacts(output: string): NginxFacts {
  const lines = output.split(/\r?\n/);
  const first = lines.findIndex((l) => FILE_MARKER.test(l));
  const verdict = (first < 0 ? lines : lines.slice(0, first)).map((l) => l.trim()).filter(Boolean);
  const ok = verdict.some((l) => /test is successful|syntax is ok/.test(l)) && !verdict.some((l) => /\[emerg\]|test failed/.test(l));
  // Without a file marker nginx dumped nothing (a failed test): there is no configuration to read.
  const config: NginxConfig = first < 0 ? { files: [], servers: [], upstreams: [], includes: [], issues: [] } : parseNginxConfig(output, 'nginx -T');
  return {
    verdict,
    ok,
    files: config.files,
    servers: config.servers.map(site),
    upstreams: config.upstreams.map((u) => ({
      name: u.name,
      file: u.file,
      line: u.line,
      servers: u.servers.filter((s) => s.port !== null).map((s) => ({ host: s.address.replace(/^\[|\]$/g, ''), port: s.port as number })),
    })),
    errors: config.issues.filter((i) => i.severity === 'error'),
  };
}

function site(s: ConfigServer): NginxSite {
  const listens = s.listen.map((l) => ({ port: l.port, ssl: l.ssl, raw: l.raw }));
  return {
    file: s.file,
    line: s.line,
    serverNames: s.serverNames.filter((n) => n !== '' && n !== '_'),
    listens,
    root: s.root,
    accessLogs: s.accessLog && s.accessLog !== 'off' ? [s.accessLog] : [],
    errorLogs: s.errorLog ? [s.errorLog] : [],
    ssl: listens.some((l) => l.ssl),
    locations: s.locations.map((l) => ({
      // a server-level proxy_pass (stream servers) has no path
      path: l.path === '' && l.modifier === null ? (s.stream ? '(stream)' : '/') : l.modifier ? `${l.modifier} ${l.path}` : l.path,
      proxyPass: l.proxyPass ?? (l.otherPass ? `${l.otherPass.directive} ${l.otherPass.target}` : null),
      line: l.line,
    })),
    returns: s.returns,
    stream: s.stream,
  };
}

/** Where a proxy_pass goes: scheme, host and port (upstream names have no port). */
export function proxyTarget(proxyPass: string): { scheme: string; host: string; port: number | null } | null {
  // stream {} proxy_pass has no scheme: "127.0.0.1:5432" or an upstream name.
  const m = /^(?:(https?|grpcs?):\/\/)?(\[[^\]]+\]|[^/:$\s]+)(?::(\d+))?(?:\/|$)/i.exec(proxyPass);
  if (!m) return null;
  return { scheme: (m[1] ?? 'tcp').toLowerCase(), host: m[2].replace(/^\[|\]$/g, ''), port: m[3] ? Number(m[3]) : null };
}
