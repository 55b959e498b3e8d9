import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DraftHost, DraftIssue, InventoryDraft, KnownHostKey, SshConfigPreview, SshDraftDetail } from '../../../contract';
import { fingerprintOf, presentedKey } from './host-key-store';

/**
 * ~/.ssh/config and known_hosts → an inventory draft: one host per concrete Host alias, with the
 * options OpenSSH would use for it (first value wins, `Host *` defaults last, IdentityFile
 * accumulates), and the known_hosts keys that match each host (hashed entries included).
 * Nothing here connects or writes; the user picks from the preview.
 */

export interface ConfigLine {
  keyword: string;
  args: string[];
  file: string;
  line: number;
}
export interface HostBlock {
  patterns: string[];
  lines: ConfigLine[];
  file: string;
  line: number;
}
export interface ParsedConfig {
  blocks: HostBlock[];
  issues: DraftIssue[];
}
/** Reads an Include target: returns the files that match (glob already expanded) with their text. */
export type IncludeReader = (pattern: string, fromFile: string) => { file: string; text: string }[];

const MAX_INCLUDE_DEPTH = 16;

function splitArgs(rest: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(rest))) out.push(m[1] ?? m[2]!);
  return out;
}

/** Tokenises a config: `Keyword value`, `Keyword=value`, quotes, comments, Include inlined. */
export function parseSshConfig(text: string, file = 'ssh_config', readInclude?: IncludeReader, depth = 0, into?: ParsedConfig): ParsedConfig {
  const result = into ?? { blocks: [{ patterns: ['*'], lines: [], file, line: 0 }], issues: [] };
  const issue = (severity: 'warning' | 'error', line: number, message: string) => result.issues.push({ severity, format: 'ssh_config', file, line, message });
  text.split(/\r?\n/).forEach((rawLine, i) => {
    const lineNo = i + 1;
    const s = rawLine.trim();
    if (!s || s.startsWith('#')) return;
    const m = /^([A-Za-z][A-Za-z0-9]*)(?:\s*=\s*|\s+)(.*)$/.exec(s);
    if (!m) return issue('warning', lineNo, `Not understood: ${s.slice(0, 80)}`);
    const keyword = m[1]!.toLowerCase();
    const args = splitArgs(m[2]!.replace(/\s+#.*$/, ''));
    if (keyword === 'host') {
      result.blocks.push({ patterns: args, lines: [], file, line: lineNo });
      return;
    }
    if (keyword === 'match') {
      // Conditions (exec, user, originalhost…) cannot be evaluated here; its options are skipped.
      result.blocks.push({ patterns: [], lines: [], file, line: lineNo });
      return issue('warning', lineNo, 'Match blocks are not evaluated; their options were ignored.');
    }
    if (keyword === 'include') {
      if (depth >= MAX_INCLUDE_DEPTH) return issue('error', lineNo, 'Include nested too deep (a loop?).');
      if (!readInclude) return issue('warning', lineNo, `Include ${args.join(' ')} was not followed (only the pasted text was read).`);
      for (const pattern of args) {
        const found = readInclude(pattern, file);
        if (found.length === 0) issue('warning', lineNo, `Include ${pattern} matched no file.`);
        for (const f of found) {
          // OpenSSH reads an included file in the context of the current Host block.
          parseSshConfig(f.text, f.file, readInclude, depth + 1, result);
        }
      }
      return;
    }
    if (keyword === 'proxycommand') issue('warning', lineNo, 'ProxyCommand is not supported; use ProxyJump (a jump host) instead.');
    const block = result.blocks[result.blocks.length - 1]!;
    block.lines.push({ keyword, args, file, line: lineNo });
  });
  return result;
}

/** OpenSSH pattern: `*`, `?`, and `!` negation; comma or space separated lists. */
export function matchPatternList(name: string, patterns: string[]): boolean {
  let matched = false;
  for (const p0 of patterns.flatMap((p) => p.split(','))) {
    if (!p0) continue;
    const neg = p0.startsWith('!');
    const p = neg ? p0.slice(1) : p0;
    const re = new RegExp('^' + p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$', 'i');
    if (re.test(name)) {
      if (neg) return false;
      matched = true;
    }
  }
  return matched;
}

const isConcrete = (p: string) => !/[*?!]/.test(p);

export interface EffectiveHost {
  alias: string;
  hostName: string;
  port?: number;
  user?: string;
  identityFiles: string[];
  proxyJump?: string;
  source: { file: string; line: number };
}

/** The options OpenSSH would apply to `alias`: the first value of each keyword wins. */
export function effectiveOptions(cfg: ParsedConfig, alias: string, source: { file: string; line: number }): EffectiveHost {
  const seen = new Map<string, string[]>();
  const identityFiles: string[] = [];
  for (const b of cfg.blocks) {
    if (!matchPatternList(alias, b.patterns)) continue;
    for (const l of b.lines) {
      if (l.keyword === 'identityfile') {
        for (const a of l.args) if (!identityFiles.includes(a)) identityFiles.push(a);
      } else if (!seen.has(l.keyword)) {
        seen.set(l.keyword, l.args);
      }
    }
  }
  const first = (k: string) => seen.get(k)?.[0];
  const port = first('port');
  const hostName = (first('hostname') ?? alias).replace(/%h/g, alias).replace(/%%/g, '%');
  const jump = first('proxyjump');
  return {
    alias,
    hostName,
    port: port && /^\d+$/.test(port) ? Number(port) : undefined,
    user: first('user'),
    identityFiles,
    proxyJump: jump && jump.toLowerCase() !== 'none' ? seen.get('proxyjump')!.join(',') : undefined,
    source,
  };
}

/** One entry of known_hosts. */
export interface KnownHostLine {
  marker: KnownHostKey['marker'];
  patterns: string[];
  hashed: boolean;
  algorithm: string;
  publicKey: string;
  fingerprint: string;
  line: number;
}

export function parseKnownHosts(text: string, file = 'known_hosts'): { entries: KnownHostLine[]; issues: DraftIssue[] } {
  const entries: KnownHostLine[] = [];
  const issues: DraftIssue[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const s = raw.trim();
    if (!s || s.startsWith('#')) return;
    const parts = s.split(/\s+/);
    let marker: KnownHostLine['marker'] = 'none';
    if (parts[0] === '@cert-authority' || parts[0] === '@revoked') {
      marker = parts.shift() === '@revoked' ? 'revoked' : 'cert-authority';
    }
    const [hosts, algorithm, b64] = parts;
    if (!hosts || !algorithm || !b64) {
      issues.push({ severity: 'warning', format: 'known_hosts', file, line: i + 1, message: 'Incomplete line skipped.' });
      return;
    }
    const blob = Buffer.from(b64, 'base64');
    const key = presentedKey(blob);
    if (blob.length < 8 || key.algorithm !== algorithm) {
      issues.push({ severity: 'warning', format: 'known_hosts', file, line: i + 1, message: `The ${algorithm} key is not valid; skipped.` });
      return;
    }
    const patterns = hosts.split(',');
    entries.push({ marker, patterns, hashed: patterns.some((p) => p.startsWith('|1|')), algorithm, publicKey: `${algorithm} ${b64}`, fingerprint: fingerprintOf(blob), line: i + 1 });
  });
  return { entries, issues };
}

/** Does this known_hosts line name `host` on `port`? Hashed names are HMAC-SHA1(salt, name). */
export function knownHostMatches(entry: Pick<KnownHostLine, 'patterns'>, host: string, port = 22): boolean {
  const name = port === 22 ? host : `[${host}]:${port}`;
  let matched = false;
  for (const p of entry.patterns) {
    if (p.startsWith('|1|')) {
      const [, , salt, hash] = p.split('|');
      if (!salt || !hash) continue;
      const h = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
      if (h === hash) matched = true;
    } else if (matchPatternList(name, [p])) {
      matched = true;
    } else if (p.startsWith('!') && matchPatternList(name, [p.slice(1)])) {
      return false;
    }
  }
  return matched;
}

/** Builds the preview from the texts (serve: the UI read the files the user picked). */
export function previewSshImport(input: { configText: string; knownHostsText: string; configFile?: string; knownHostsFile?: string; readInclude?: IncludeReader }): SshConfigPreview {
  const configFile = input.configFile ?? 'ssh_config';
  const khFile = input.knownHostsFile ?? 'known_hosts';
  const cfg = parseSshConfig(input.configText, configFile, input.readInclude);
  const hosts: DraftHost[] = [];
  const effective: EffectiveHost[] = [];
  const keyOf = (alias: string) => `ssh:${alias}`;
  for (const b of cfg.blocks) {
    for (const alias of b.patterns.filter(isConcrete)) {
      if (effective.some((e) => e.alias === alias)) continue;
      const e = effectiveOptions(cfg, alias, { file: b.file, line: b.line });
      effective.push(e);
      hosts.push({
        key: keyOf(alias),
        name: alias,
        address: e.hostName,
        ...(e.port !== undefined ? { port: e.port } : {}),
        ...(e.user ? { username: e.user } : {}),
        source: e.source,
      });
    }
  }
  const warnings = cfg.issues.filter((i) => i.severity === 'warning');
  const errors = cfg.issues.filter((i) => i.severity === 'error');
  const details: SshDraftDetail[] = effective.map((e) => {
    const firstHop = e.proxyJump?.split(',')[0]?.trim();
    const hopHost = firstHop?.replace(/^[^@]*@/, '').replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
    const inDraft = hopHost ? effective.find((x) => x.alias === hopHost) : undefined;
    if (e.proxyJump && e.proxyJump.includes(',')) {
      warnings.push({ severity: 'warning', format: 'ssh_config', file: e.source.file, line: e.source.line, message: `${e.alias}: only the first ProxyJump hop (${firstHop}) becomes the jump host.` });
    }
    return { hostKey: keyOf(e.alias), identityFiles: e.identityFiles, jumpHostKey: inDraft ? keyOf(inDraft.alias) : null, proxyJump: e.proxyJump && !inDraft ? e.proxyJump : null };
  });

  const kh = parseKnownHosts(input.knownHostsText, khFile);
  warnings.push(...kh.issues);
  const knownKeys: KnownHostKey[] = kh.entries.map((k) => ({
    patterns: k.patterns,
    hashed: k.hashed,
    marker: k.marker,
    algorithm: k.algorithm,
    fingerprint: k.fingerprint,
    publicKey: k.publicKey,
    hostKeys: k.marker === 'none' ? hosts.filter((h) => knownHostMatches(k, h.address, h.port ?? 22) || knownHostMatches(k, h.name, h.port ?? 22)).map((h) => h.key) : [],
    line: k.line,
  }));

  const files = [...new Set([configFile, ...cfg.blocks.map((b) => b.file)])].filter((f) => input.configText || f !== configFile);
  if (input.knownHostsText) files.push(khFile);
  const draft: InventoryDraft = {
    formats: [...(input.configText ? ['ssh_config'] : []), ...(input.knownHostsText ? ['known_hosts'] : [])],
    files,
    environments: [],
    hosts,
    services: [],
    links: [],
    envVars: [],
    warnings,
    errors,
  };
  return { draft, details, knownKeys };
}

/** Desktop: reads ~/.ssh/config (following Include, with * globs in file names) and known_hosts. */
export function readLocalSshImport(opts: { configPath?: string; knownHostsPath?: string; home?: string } = {}): SshConfigPreview {
  const sshDir = path.join(opts.home ?? os.homedir(), '.ssh');
  const configPath = opts.configPath ?? path.join(sshDir, 'config');
  const knownHostsPath = opts.knownHostsPath ?? path.join(sshDir, 'known_hosts');
  const read = (p: string) => {
    try {
      return fs.readFileSync(p, 'utf8');
    } catch {
      return '';
    }
  };
  const readInclude: IncludeReader = (pattern) => {
    const expanded = pattern.replace(/^~(?=\/|$)/, opts.home ?? os.homedir());
    const abs = path.isAbsolute(expanded) ? expanded : path.join(sshDir, expanded);
    const dir = path.dirname(abs);
    const base = path.basename(abs);
    let names: string[];
    if (/[*?]/.test(base)) {
      try {
        names = fs.readdirSync(dir).filter((n) => matchPatternList(n, [base])).sort();
      } catch {
        names = [];
      }
    } else {
      names = fs.existsSync(abs) ? [base] : [];
    }
    return names.map((n) => ({ file: path.join(dir, n), text: read(path.join(dir, n)) }));
  };
  return previewSshImport({ configText: read(configPath), knownHostsText: read(knownHostsPath), configFile: configPath, knownHostsFile: knownHostsPath, readInclude });
}
