import type { DraftHost } from '../../../contract';
import { emptyPart, type DraftPart, type Importer, type ImportFile } from '../types';
import { exportedLiteral, jsonLiteral, LiteralSyntaxError, scalarString, yamlLiteral, type Lit } from './literal-tree';
import { computedMessage, readApp, type AppContext } from './pm2-apps';

/**
 * PM2 ecosystem files (.js/.cjs/.mjs, PM2's JSON5-style .json, .yml) → pm2-app services, their
 * environment variables, and the hosts of the `deploy` section. JavaScript is parsed, never run.
 */

const FORMAT = 'pm2';
const BY_NAME = /(^|[/_.-])(ecosystem|pm2)([._-][\w.-]*)?\.(config\.)?(c?js|mjs|json5?|ya?ml|tpl)$/i;
const DATA_EXT = /\.(c?js|mjs|json5?|ya?ml|tpl)$/i;

function kindOf(path: string): 'js' | 'json' | 'yaml' {
  if (/\.ya?ml$/i.test(path)) return 'yaml';
  if (/\.json5?$/i.test(path)) return 'json';
  return 'js';
}

export const pm2Importer: Importer = {
  format: FORMAT,
  detect(file: ImportFile): boolean {
    if (BY_NAME.test(file.path)) return true;
    if (!DATA_EXT.test(file.path)) return false;
    // process.json / apps.yml: PM2 only if it declares apps with a script
    return /["']?\bapps\b["']?\s*:/.test(file.content) && /["']?\bscript\b["']?\s*:/.test(file.content);
  },
  parse(file: ImportFile): DraftPart {
    const part = emptyPart(FORMAT);
    let root: Lit;
    let rootLine = 1;
    try {
      const kind = kindOf(file.path);
      if (kind === 'json') root = jsonLiteral(file.content);
      else if (kind === 'yaml') root = yamlLiteral(file.path, file.content);
      else {
        const found = exportedLiteral(file.content);
        if (!found) {
          part.errors.push({ severity: 'error', format: FORMAT, file: file.path, line: 1, column: 1, message: 'No PM2 configuration found: expected module.exports = { apps: [...] } or export default { apps: [...] }' });
          return part;
        }
        root = found.value;
        rootLine = found.line;
      }
    } catch (err) {
      if (err instanceof LiteralSyntaxError) {
        part.errors.push({ severity: 'error', format: FORMAT, file: file.path, line: err.located.line, column: err.located.column, message: `Syntax error: ${err.located.message}` });
        return part;
      }
      throw err;
    }

    let apps: Lit[] = [];
    let appsLine = root.line || rootLine;
    if (root.kind === 'array') apps = root.items;
    else if (root.kind === 'object') {
      const appsEntry = root.entries.find((e) => e.key === 'apps');
      if (appsEntry) {
        appsLine = appsEntry.line;
        if (appsEntry.value.kind === 'array') apps = appsEntry.value.items;
        else if (appsEntry.value.kind === 'object') apps = [appsEntry.value];
        else if (appsEntry.value.kind === 'computed') {
          part.errors.push({ severity: 'error', format: FORMAT, file: file.path, line: appsEntry.line, column: appsEntry.column, message: `apps: value is computed at run time (${appsEntry.value.source}); Opsdeck reads only literal values, never runs the file` });
          return part;
        }
      } else if (root.entries.some((e) => e.key === 'script')) apps = [root];
    } else if (root.kind === 'computed') {
      part.errors.push({ severity: 'error', format: FORMAT, file: file.path, line: root.line, column: root.column, message: `The exported configuration is computed at run time (${root.source}); Opsdeck reads only literal values, never runs the file` });
      return part;
    }
    if (apps.length === 0) {
      part.errors.push({ severity: 'error', format: FORMAT, file: file.path, line: appsLine, column: 1, message: 'No PM2 apps found: expected an "apps" list of { name, script, … }' });
      return part;
    }

    const ctx: AppContext = { file: file.path, format: FORMAT, warnings: part.warnings, environments: new Set() };
    const usedKeys = new Set<string>();
    apps.forEach((app, i) => {
      const r = readApp(ctx, app, i, usedKeys);
      if (!r) return;
      part.services.push(r.service);
      part.envVars.push(...r.envVars);
    });

    if (root.kind === 'object') {
      for (const e of root.entries) {
        if (e.key === 'apps') continue;
        if (e.key === 'deploy') readDeploy(ctx, e.value, part);
        else ctx.warnings.push({ severity: 'warning', format: FORMAT, file: file.path, line: e.line, column: e.column, message: `top-level '${e.key}' is not part of a PM2 ecosystem file Opsdeck reads; ignored` });
      }
    }
    part.environments = [...ctx.environments];
    if (part.services.length === 0 && part.warnings.length === 0) {
      part.warnings.push({ severity: 'warning', format: FORMAT, file: file.path, line: appsLine, message: 'No app could be read from this file' });
    }
    return part;
  },
};

const PLACEHOLDER = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/;

/** `deploy: { production: { user, host, repo, path, ref, 'post-deploy' } }` → hosts + notes. */
function readDeploy(ctx: AppContext, deploy: Lit, part: DraftPart): void {
  if (deploy.kind === 'computed') {
    ctx.warnings.push({ severity: 'warning', format: FORMAT, file: ctx.file, line: deploy.line, message: computedMessage('deploy', deploy.source) });
    return;
  }
  if (deploy.kind !== 'object') return;
  const notes: string[] = [];
  for (const target of deploy.entries) {
    ctx.environments.add(target.key);
    if (target.value.kind !== 'object') {
      ctx.warnings.push({ severity: 'warning', format: FORMAT, file: ctx.file, line: target.line, message: `deploy.${target.key} is not an object; ignored` });
      continue;
    }
    const get = (k: string) => target.value.kind === 'object' ? target.value.entries.find((e) => e.key === k) : undefined;
    const str = (k: string): string | undefined => {
      const e = get(k);
      if (e?.value.kind === 'computed') {
        ctx.warnings.push({ severity: 'warning', format: FORMAT, file: ctx.file, line: e.line, column: e.column, message: computedMessage(`deploy.${target.key}.${k}`, e.value.source) });
        return undefined;
      }
      return e ? scalarString(e.value) : undefined;
    };
    const user = str('user');
    const hostEntry = get('host');
    const hostValues: { value: string; line: number }[] = [];
    if (hostEntry?.value.kind === 'array') {
      for (const h of hostEntry.value.items) {
        const s = scalarString(h);
        if (s) hostValues.push({ value: s, line: h.line });
      }
    } else {
      const s = str('host');
      if (s && hostEntry) hostValues.push({ value: s, line: hostEntry.line });
    }
    const sshPort = Number(str('port'));
    for (const h of hostValues) {
      // host may be "user@host" or "host:port"
      let address = h.value;
      let username = user;
      const at = address.lastIndexOf('@');
      if (at > 0) {
        username = username ?? address.slice(0, at);
        address = address.slice(at + 1);
      }
      let port = Number.isInteger(sshPort) && sshPort > 0 ? sshPort : undefined;
      const pm = /^([^:[\]]+):(\d+)$/.exec(address);
      if (pm) {
        address = pm[1];
        port = Number(pm[2]);
      }
      if (PLACEHOLDER.test(address) || (username && PLACEHOLDER.test(username))) {
        ctx.warnings.push({ severity: 'warning', format: FORMAT, file: ctx.file, line: h.line, message: `deploy.${target.key}: host '${h.value}' looks like a placeholder; no host created` });
        continue;
      }
      if (!/^[A-Za-z0-9.:\-[\]%_]+$/.test(address)) {
        ctx.warnings.push({ severity: 'warning', format: FORMAT, file: ctx.file, line: h.line, message: `deploy.${target.key}: '${h.value}' is not a host name or address; ignored` });
        continue;
      }
      const key = `host:${address}`;
      if (!part.hosts.some((x) => x.key === key)) {
        const host: DraftHost = { key, name: address, address, ...(port ? { port } : {}), ...(username ? { username } : {}), source: { file: ctx.file, line: h.line } };
        part.hosts.push(host);
      }
    }
    const bits = [
      hostValues.length ? `to ${hostValues.map((h) => h.value).join(', ')}` : '',
      str('path') ? `path ${str('path')}` : '',
      str('repo') ? `repo ${str('repo')}${str('ref') ? ` (${str('ref')})` : ''}` : '',
      str('post-deploy') ? `post-deploy: ${str('post-deploy')}` : '',
    ].filter(Boolean);
    notes.push(`deploy ${target.key}: ${bits.join('; ')}`);
  }
  // the apps run where they are deployed: one host → attach them; several → say so
  const hostKey = part.hosts.length === 1 ? part.hosts[0].key : null;
  for (const s of part.services) {
    if (hostKey) s.hostKey = hostKey;
    s.notes = [s.notes, ...notes].filter(Boolean).join('\n');
  }
}
