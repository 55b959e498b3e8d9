/**
 * `nginx -T`: the test verdict, then every configuration file nginx read, each after a line
 * "# configuration file PATH:". Each file is tokenised on its own (includes are dumped as
 * separate files), and server and upstream blocks are collected wherever they appear, with the
 * file and line they start at. Written for discovery; it reads only what discovery proposes.
 */

export interface NginxLocation {
  path: string;
  proxyPass: string | null;
  line: number;
}

export interface NginxListen {
  address: string | null;
  port: number | null;
  /** unix:/path when nginx listens on a socket. */
  socket: string | null;
  ssl: boolean;
  raw: string;
}

export interface NginxServer {
  file: string;
  line: number;
  serverNames: string[];
  listens: NginxListen[];
  root: string | null;
  accessLogs: string[];
  errorLogs: string[];
  ssl: boolean;
  locations: NginxLocation[];
  /** `return` at server level (redirect-only servers). */
  returns: string | null;
  /** Whether the block sits in a `stream {}` (TCP proxy) rather than `http {}`. */
  stream: boolean;
}

export interface NginxUpstream {
  name: string;
  file: string;
  line: number;
  servers: string[];
}

export interface NginxDump {
  /** The verdict lines ("syntax is ok", errors) printed before the files. */
  verdict: string[];
  ok: boolean;
  files: string[];
  servers: NginxServer[];
  upstreams: NginxUpstream[];
}

interface Token {
  text: string;
  kind: 'word' | '{' | '}' | ';';
  line: number;
}

interface Directive {
  name: string;
  args: string[];
  line: number;
  block: Directive[] | null;
}

/** nginx unescapes only \" \' \\ \t \r \n; any other backslash stays (regex locations). */
function unescape(c: string): string {
  if (c === '"' || c === "'" || c === '\\') return c;
  if (c === 't') return '\t';
  if (c === 'r') return '\r';
  if (c === 'n') return '\n';
  return `\\${c}`;
}

function tokenize(text: string, firstLine: number): Token[] {
  const tokens: Token[] = [];
  let line = firstLine;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') {
      line++;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '{' || c === '}' || c === ';') {
      tokens.push({ text: c, kind: c, line });
      i++;
    } else if (c === '"' || c === "'") {
      const start = line;
      let j = i + 1;
      let value = '';
      while (j < text.length && text[j] !== c) {
        if (text[j] === '\\' && j + 1 < text.length) {
          value += unescape(text[j + 1]);
          j += 2;
          continue;
        }
        if (text[j] === '\n') line++;
        value += text[j++];
      }
      tokens.push({ text: value, kind: 'word', line: start });
      i = j + 1;
    } else {
      let j = i;
      let value = '';
      while (j < text.length && !/[\s;{}]/.test(text[j])) {
        // ${var} inside a word keeps its braces.
        if (text[j] === '$' && text[j + 1] === '{') {
          const close = text.indexOf('}', j);
          if (close > 0) {
            value += text.slice(j, close + 1);
            j = close + 1;
            continue;
          }
        }
        if (text[j] === '\\' && j + 1 < text.length) {
          value += unescape(text[j + 1]);
          j += 2;
          continue;
        }
        value += text[j++];
      }
      tokens.push({ text: value, kind: 'word', line });
      i = j;
    }
  }
  return tokens;
}

function parseBlock(tokens: Token[], pos: { i: number }): Directive[] {
  const out: Directive[] = [];
  let current: Directive | null = null;
  while (pos.i < tokens.length) {
    const t = tokens[pos.i++];
    if (t.kind === 'word') {
      if (!current) current = { name: t.text, args: [], line: t.line, block: null };
      else current.args.push(t.text);
    } else if (t.kind === ';') {
      if (current) out.push(current);
      current = null;
    } else if (t.kind === '{') {
      const d: Directive = current ?? { name: '', args: [], line: t.line, block: null };
      d.block = parseBlock(tokens, pos);
      out.push(d);
      current = null;
    } else {
      if (current) out.push(current);
      return out;
    }
  }
  if (current) out.push(current);
  return out;
}

export function parseListen(args: string[]): NginxListen {
  const raw = args.join(' ');
  const first = args[0] ?? '';
  const ssl = args.slice(1).includes('ssl');
  if (first.startsWith('unix:')) return { address: null, port: null, socket: first.slice(5), ssl, raw };
  let address: string | null = null;
  let port: number | null = null;
  const v6 = /^\[([^\]]*)\](?::(\d+))?$/.exec(first);
  if (v6) {
    address = v6[1] || '::';
    port = v6[2] ? Number(v6[2]) : 80;
  } else if (/^\d+$/.test(first)) {
    port = Number(first);
  } else {
    const m = /^(.*?)(?::(\d+))?$/.exec(first);
    address = m?.[1] || null;
    port = m?.[2] ? Number(m[2]) : 80;
  }
  return { address, port, socket: null, ssl, raw };
}

function collect(dirs: Directive[], file: string, inStream: boolean, dump: NginxDump): void {
  for (const d of dirs) {
    if (!d.block) continue;
    if (d.name === 'server') {
      dump.servers.push(readServer(d, file, inStream));
    } else if (d.name === 'upstream' && d.args[0]) {
      dump.upstreams.push({ name: d.args[0], file, line: d.line, servers: d.block.filter((x) => x.name === 'server').map((x) => x.args.join(' ')) });
    } else if (d.name === 'http' || d.name === 'stream') {
      collect(d.block, file, d.name === 'stream', dump);
    }
  }
}

function readLocations(dirs: Directive[], out: NginxLocation[]): void {
  for (const d of dirs) {
    if (d.name !== 'location' || !d.block) continue;
    const proxy = d.block.find((x) => x.name === 'proxy_pass' || x.name === 'grpc_pass' || x.name === 'uwsgi_pass' || x.name === 'fastcgi_pass');
    out.push({ path: d.args.join(' '), proxyPass: proxy ? (proxy.name === 'proxy_pass' ? proxy.args[0] ?? null : `${proxy.name} ${proxy.args[0] ?? ''}`) : null, line: d.line });
    readLocations(d.block, out);
  }
}

function readServer(d: Directive, file: string, stream: boolean): NginxServer {
  const block = d.block ?? [];
  const all = (name: string) => block.filter((x) => x.name === name);
  const listens = all('listen').map((x) => parseListen(x.args));
  const locations: NginxLocation[] = [];
  readLocations(block, locations);
  // In a stream server, proxy_pass sits at server level; keep it as the "/" location.
  const direct = all('proxy_pass')[0];
  if (direct) locations.unshift({ path: stream ? '(stream)' : '/', proxyPass: direct.args[0] ?? null, line: direct.line });
  const logPath = (x: Directive) => x.args[0];
  const ret = all('return')[0];
  return {
    file,
    line: d.line,
    serverNames: all('server_name').flatMap((x) => x.args).filter((n) => n !== '' && n !== '_'),
    listens,
    root: all('root')[0]?.args[0] ?? null,
    accessLogs: all('access_log').map(logPath).filter((p): p is string => !!p && p !== 'off'),
    errorLogs: all('error_log').map(logPath).filter((p): p is string => !!p),
    ssl: listens.some((l) => l.ssl) || all('ssl_certificate').length > 0 || all('ssl').some((x) => x.args[0] === 'on'),
    locations,
    returns: ret ? ret.args.join(' ') : null,
    stream,
  };
}

const FILE_MARKER = /^# configuration file (.+):\s*$/;

export function parseNginxDump(output: string): NginxDump {
  const lines = output.split('\n');
  const dump: NginxDump = { verdict: [], ok: false, files: [], servers: [], upstreams: [] };
  let file: string | null = null;
  let startLine = 0;
  let buf: string[] = [];
  const flush = () => {
    if (file === null) return;
    const tokens = tokenize(buf.join('\n'), startLine);
    collect(parseBlock(tokens, { i: 0 }), file, false, dump);
  };
  for (const line of lines) {
    const m = FILE_MARKER.exec(line);
    if (m) {
      flush();
      file = m[1];
      dump.files.push(file);
      startLine = 1;
      buf = [];
    } else if (file === null) {
      if (line.trim()) dump.verdict.push(line.trim());
    } else {
      buf.push(line);
    }
  }
  flush();
  dump.ok = dump.verdict.some((l) => /test is successful|syntax is ok/.test(l)) && !dump.verdict.some((l) => /\[emerg\]|test failed/.test(l));
  return dump;
}

/** Where a proxy_pass goes: scheme, host and port (upstream names have no port). */
export function proxyTarget(proxyPass: string): { scheme: string; host: string; port: number | null } | null {
  // stream {} proxy_pass has no scheme: "127.0.0.1:5432" or an upstream name.
  const m = /^(?:(https?|grpcs?):\/\/)?(\[[^\]]+\]|[^/:$\s]+)(?::(\d+))?(?:\/|$)/i.exec(proxyPass);
  if (!m) return null;
  return { scheme: (m[1] ?? 'tcp').toLowerCase(), host: m[2].replace(/^\[|\]$/g, ''), port: m[3] ? Number(m[3]) : null };
}
