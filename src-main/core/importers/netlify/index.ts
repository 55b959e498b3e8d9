import type { DraftEnvVar, DraftService } from '../../../contract';
import { brokenFilePart, readToml, toPlain } from '../shared';
import { looksSecret } from '../dotenv/secret-shape';
import { emptyPart, type DraftPart, type Importer, type ImportFile } from '../types';
import { readRedirects, readHeaders } from './netlify-rules';
import { TomlLines } from './toml-lines';

/**
 * netlify.toml → one Netlify site (paas-service), a variant per deploy context that overrides
 * something ([context.production], deploy-preview, branch-deploy, named branches), the origins its
 * proxy rewrites depend on, and notes for headers, functions, edge functions and plugins.
 */

export const FORMAT = 'netlify';
type Table = Record<string, unknown>;
const isTable = (v: unknown): v is Table => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

const BUILD_KEYS = new Set(['command', 'publish', 'base', 'functions', 'edge_functions', 'environment', 'ignore', 'processing']);
const CONTEXT_KEYS = new Set([...BUILD_KEYS, 'plugins']);

function siteNameFor(path: string): { key: string; name: string } {
  const parts = path.replace(/\\/g, '/').split('/');
  const dir = parts.length > 1 ? parts[parts.length - 2] : '';
  return dir ? { key: `netlify:${dir}`, name: dir } : { key: 'netlify:site', name: 'Netlify site' };
}

export const netlifyImporter: Importer = {
  format: FORMAT,
  detect: (file: ImportFile) => /(^|[/\\_.-])netlify\.toml$/i.test(file.path),
  parse(file: ImportFile): DraftPart {
    const part = emptyPart(FORMAT);
    const read = readToml(file.path, file.content);
    if (!read.ok) return brokenFilePart(FORMAT, file.path, { ...read.error, message: `netlify.toml is not valid ${read.error.message}` });
    const doc = toPlain(read.root) as Table;
    const loc = new TomlLines(read.root);
    const warn = (line: number, message: string) => part.warnings.push({ severity: 'warning', format: FORMAT, file: file.path, line, message });
    const { key: siteKey, name: siteName } = siteNameFor(file.path);
    const notes: string[] = [];

    const build = isTable(doc.build) ? doc.build : {};
    const site: DraftService = {
      key: siteKey,
      name: siteName,
      kind: 'paas-service',
      config: { platform: 'netlify' },
      hostKey: null,
      environment: null,
      notes: '',
      source: { file: file.path, line: doc.build ? loc.line('build') : 1 },
    };
    applyBuild(build, site, notes, ['build'], loc, warn);
    part.services.push(site);
    part.envVars.push(...envVarsOf(build.environment, siteKey, ['build', 'environment'], file.path, loc, warn));

    for (const [key, value] of Object.entries(doc)) {
      switch (key) {
        case 'build':
          break;
        case 'context':
          if (isTable(value)) readContexts(value, site, part, file.path, loc, warn);
          break;
        case 'redirects':
          readRedirects(value, site, part, file.path, loc, notes, warn);
          break;
        case 'headers':
          readHeaders(value, loc, notes, warn);
          break;
        case 'functions':
          if (isTable(value)) {
            const general = Object.entries(value).filter(([, v]) => !isTable(v)).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
            if (general.length) notes.push(`functions: ${general.join(', ')}`);
            for (const [name, cfg] of Object.entries(value)) {
              if (!isTable(cfg)) continue;
              const schedule = str(cfg.schedule);
              notes.push(`function ${name}${schedule ? ` runs on schedule ${schedule}` : ''}: ${Object.keys(cfg).join(', ')}`);
            }
          }
          break;
        case 'edge_functions':
          if (Array.isArray(value)) {
            notes.push(`edge functions: ${value.filter(isTable).map((e) => `${str(e.function) ?? '?'} on ${str(e.path) ?? str(e.pattern) ?? '?'}`).join(', ')}`);
          }
          break;
        case 'plugins':
          if (Array.isArray(value)) {
            const names = value.filter(isTable).map((p) => str(p.package) ?? '?');
            notes.push(`build plugins (run code during the build): ${names.join(', ')}`);
          }
          break;
        case 'dev':
          notes.push('[dev] settings are for `netlify dev` on a workstation; ignored');
          break;
        case 'images':
        case 'template':
          notes.push(`[${key}]: ${JSON.stringify(value).slice(0, 200)}`);
          break;
        default:
          warn(loc.line(key), `[${key}] is not a netlify.toml section Opsdeck knows; ignored`);
      }
    }
    site.notes = [...notes, site.notes].filter(Boolean).join('\n');
    return part;
  },
};

function applyBuild(build: Table, service: DraftService, notes: string[], path: string[], loc: TomlLines, warn: (line: number, m: string) => void): void {
  const command = str(build.command);
  if (command) service.config.command = command.slice(0, 4000);
  const base = str(build.base);
  if (base) service.config.workingDir = base;
  const publish = str(build.publish);
  if (publish) notes.push(`publishes ${publish}${base ? ` (relative to ${base})` : ''}`);
  const functions = str(build.functions);
  if (functions) notes.push(`functions directory: ${functions}`);
  const edge = str(build.edge_functions);
  if (edge) notes.push(`edge functions directory: ${edge}`);
  const ignore = str(build.ignore);
  if (ignore) notes.push(`skips builds when: ${ignore}`);
  for (const k of Object.keys(build)) {
    if (!(path.length === 1 ? BUILD_KEYS : CONTEXT_KEYS).has(k)) warn(loc.line(...path, k), `${path.join('.')}.${k} is not a build setting Opsdeck knows; ignored`);
  }
}

export function envVarsOf(env: unknown, serviceKey: string, path: string[], file: string, loc: TomlLines, warn: (line: number, m: string) => void): DraftEnvVar[] {
  if (env === undefined) return [];
  if (!isTable(env)) {
    warn(loc.line(...path), `${path.join('.')} should be a table of variables; ignored`);
    return [];
  }
  const out: DraftEnvVar[] = [];
  for (const [name, raw] of Object.entries(env)) {
    const value = str(raw) ?? null;
    const secret = looksSecret(name, value);
    out.push({ serviceKey, name, secret, missing: value === null || value === '', value: secret ? null : value, source: { file, line: loc.line(...path, name) } });
  }
  return out;
}

function readContexts(contexts: Table, site: DraftService, part: DraftPart, file: string, loc: TomlLines, warn: (line: number, m: string) => void): void {
  for (const [name, ctx] of Object.entries(contexts)) {
    const path = ['context', name];
    if (!isTable(ctx)) {
      warn(loc.line(...path), `[context.${name}] should be a table; ignored`);
      continue;
    }
    if (!part.environments.includes(name)) part.environments.push(name);
    const notes: string[] = [];
    const variant: DraftService = {
      ...site,
      key: `${site.key}@${name}`,
      name: `${site.name} (${name})`,
      config: { ...site.config },
      environment: name,
      source: { file, line: loc.line(...path) },
    };
    applyBuild(ctx, variant, notes, path, loc, warn);
    const overrides = Object.keys(ctx).filter((k) => k !== 'environment');
    const kind = ['production', 'deploy-preview', 'branch-deploy', 'dev'].includes(name) ? `${name} context` : `branch ${name}`;
    variant.notes = [`Netlify ${kind}; overrides: ${[...overrides, ...(ctx.environment ? ['environment'] : [])].join(', ') || 'nothing'}`, ...notes].join('\n');
    part.services.push(variant);
    part.envVars.push(...envVarsOf(ctx.environment, variant.key, [...path, 'environment'], file, loc, warn));
  }
}
