import type { DraftService } from '../../../contract';
import { looksSecret } from '../dotenv/secret-shape';
import { strictJsonLiteral, LiteralSyntaxError, scalarString, type Lit, type LitEntry } from '../pm2/literal-tree';
import { emptyPart, type DraftPart, type ImportFile } from '../types';
import { FORMAT } from './procfile';

/**
 * Heroku app.json (the "Heroku Button" manifest): the app's process formation, its config vars
 * (which are required, which Heroku generates as secrets), and its add-ons (Postgres, Redis, …).
 */

const IGNORED = new Set(['website', 'repository', 'logo', 'keywords', 'success_url']);

export function parseAppJson(file: ImportFile): DraftPart {
  const part = emptyPart(FORMAT);
  let root: Lit;
  try {
    root = strictJsonLiteral(file.path, file.content);
  } catch (err) {
    if (err instanceof LiteralSyntaxError) {
      part.errors.push({ severity: 'error', format: FORMAT, file: file.path, line: err.located.line, column: err.located.column, message: `app.json is not valid: ${err.located.message}` });
      return part;
    }
    throw err;
  }
  if (root.kind !== 'object') {
    part.errors.push({ severity: 'error', format: FORMAT, file: file.path, line: root.line, column: root.column, message: 'app.json must be a JSON object' });
    return part;
  }
  const warn = (e: { line: number; column?: number }, message: string) =>
    part.warnings.push({ severity: 'warning', format: FORMAT, file: file.path, line: e.line, ...(e.column ? { column: e.column } : {}), message });
  const get = (k: string) => root.kind === 'object' ? root.entries.find((e) => e.key === k) : undefined;
  const appName = scalarString(get('name')?.value) ?? 'app';
  const notes: string[] = [];
  const description = scalarString(get('description')?.value);
  if (description) notes.push(description);

  // formation → one service per process type; without one the app is a single web dyno
  const services = new Map<string, DraftService>();
  const formation = get('formation');
  const addService = (type: string, at: LitEntry | undefined, replicas?: number, size?: string) => {
    const isWeb = type === 'web';
    services.set(type, {
      key: `heroku:${type}`,
      name: isWeb ? appName : `${appName} ${type}`,
      kind: isWeb ? 'paas-service' : 'worker',
      config: { platform: 'heroku', ...(replicas !== undefined ? { replicas } : {}) },
      hostKey: null,
      environment: null,
      notes: size ? `dyno size: ${size}` : '',
      source: { file: file.path, line: at?.line ?? root.line, ...(at?.column ? { column: at.column } : {}) },
    });
  };
  if (formation?.value.kind === 'object') {
    for (const p of formation.value.entries) {
      if (p.value.kind !== 'object') {
        warn(p, `formation.${p.key} should be an object { quantity, size }; ignored`);
        continue;
      }
      const q = Number(scalarString(p.value.entries.find((e) => e.key === 'quantity')?.value));
      const size = scalarString(p.value.entries.find((e) => e.key === 'size')?.value);
      addService(p.key, p, Number.isInteger(q) && q >= 0 && q <= 1000 ? q : undefined, size);
    }
  } else if (formation) {
    warn(formation, 'formation should be an object of process types; ignored');
  }
  if (!services.has('web') && services.size === 0) addService('web', get('name'));
  const main = services.get('web') ?? [...services.values()][0];

  for (const e of root.entries) {
    switch (e.key) {
      case 'name':
      case 'description':
      case 'formation':
        break;
      case 'env':
        readEnv(e, main.key, part, warn, file.path);
        break;
      case 'addons':
        readAddons(e, main, part, warn, file.path);
        break;
      case 'scripts':
        if (e.value.kind === 'object') for (const s of e.value.entries) notes.push(`${s.key} script: ${scalarString(s.value) ?? '(not a string)'}`);
        break;
      case 'buildpacks':
        if (e.value.kind === 'array') {
          const urls = e.value.items.map((b) => (b.kind === 'object' ? scalarString(b.entries.find((x) => x.key === 'url')?.value) : scalarString(b))).filter(Boolean);
          notes.push(`buildpacks: ${urls.join(', ')}`);
        }
        break;
      case 'image':
      case 'stack':
        notes.push(`${e.key}: ${scalarString(e.value) ?? ''}`);
        break;
      case 'environments':
        if (e.value.kind === 'object') {
          for (const env of e.value.entries) {
            notes.push(`${env.key} environment (${env.key === 'review' ? 'review apps' : env.key === 'test' ? 'Heroku CI' : env.key}) overrides: ${env.value.kind === 'object' ? env.value.entries.map((x) => x.key).join(', ') : '…'}`);
          }
        }
        break;
      default:
        if (!IGNORED.has(e.key)) warn(e, `app.json key '${e.key}' is not read by Opsdeck; ignored`);
    }
  }
  main.notes = [main.notes, ...notes].filter(Boolean).join('\n');
  part.services.unshift(...services.values());
  return part;
}

function readEnv(e: LitEntry, serviceKey: string, part: DraftPart, warn: (e: { line: number; column?: number }, m: string) => void, file: string): void {
  if (e.value.kind !== 'object') {
    warn(e, 'env should be an object of variables; ignored');
    return;
  }
  for (const v of e.value.entries) {
    const source = { file, line: v.line, column: v.column };
    if (v.value.kind === 'scalar') {
      const value = v.value.value === null ? null : String(v.value.value);
      const secret = looksSecret(v.key, value);
      part.envVars.push({ serviceKey, name: v.key, secret, missing: value === null || value === '', value: secret ? null : value, source });
      continue;
    }
    if (v.value.kind !== 'object') {
      warn(v, `env.${v.key}: expected a string or { value, required, generator }; ignored`);
      continue;
    }
    const field = (k: string) => v.value.kind === 'object' ? v.value.entries.find((x) => x.key === k)?.value : undefined;
    const value = scalarString(field('value')) ?? null;
    const requiredLit = field('required');
    const required = requiredLit?.kind === 'scalar' ? requiredLit.value !== false : true;
    const generated = scalarString(field('generator')) === 'secret';
    const secret = generated || looksSecret(v.key, value);
    part.envVars.push({
      serviceKey,
      name: v.key,
      secret,
      missing: !generated && (value === null || value === '') && required,
      value: secret || value === '' ? null : value,
      source,
    });
  }
}

function readAddons(e: LitEntry, main: DraftService, part: DraftPart, warn: (e: { line: number; column?: number }, m: string) => void, file: string): void {
  if (e.value.kind !== 'array') {
    warn(e, 'addons should be a list; ignored');
    return;
  }
  for (const a of e.value.items) {
    const plan = a.kind === 'object' ? scalarString(a.entries.find((x) => x.key === 'plan')?.value) : scalarString(a);
    if (!plan) {
      warn(a, 'add-on without a plan; ignored');
      continue;
    }
    const [addon, tier] = plan.split(':');
    const as = a.kind === 'object' ? scalarString(a.entries.find((x) => x.key === 'as')?.value) : undefined;
    const source = { file, line: a.line, column: a.column };
    const tierNote = tier ? ` (plan ${tier})` : '';
    let kind: DraftService['kind'] = 'http-endpoint';
    let link: 'uses-database' | 'uses-cache' | 'depends-on' = 'depends-on';
    if (addon === 'heroku-postgresql') {
      kind = 'postgres';
      link = 'uses-database';
    } else if (addon === 'heroku-redis' || addon === 'rediscloud' || addon === 'redistogo') {
      kind = 'redis';
      link = 'uses-cache';
    }
    const key = `heroku-addon:${as ?? addon}`;
    if (!part.services.some((s) => s.key === key)) {
      part.services.push({
        key,
        name: as ?? addon,
        kind,
        config: {},
        hostKey: null,
        environment: null,
        notes: kind === 'http-endpoint' ? `Heroku add-on ${addon}${tierNote}: a hosted third-party service; Opsdeck tracks it as an endpoint` : `Heroku add-on ${addon}${tierNote}`,
        source,
      });
      part.links.push({ fromKey: main.key, toKey: key, kind: link, reason: `app.json addon ${plan}`, source });
    }
  }
}
