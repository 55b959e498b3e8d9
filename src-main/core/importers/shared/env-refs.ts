import type { DraftEnvVar, LinkKind, Provenance } from '../../../contract';
import type { ServiceRole } from './kind-from-image';

/**
 * Environment variables in drafts: which look secret (their values are never kept), and which
 * point at another service of the same import (DATABASE_URL=postgres://…@db:5432/app,
 * REDIS_URL=redis://cache:6379, DB_HOST=db) and so become links.
 */

const SECRET_WORDS = /(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|PRIVATE|CREDENTIAL|APIKEY|ACCESSKEY|AUTH_KEY|SIGNING|ENCRYPTION|SALT|COOKIE_KEY|CERT_KEY)/;
const SECRET_SEGMENTS = new Set(['KEY', 'KEYS', 'DSN', 'PASS', 'PWD', 'PW', 'SECRET', 'TOKEN', 'CREDENTIALS', 'JWT', 'HMAC', 'WEBHOOK_SECRET']);

/** A name that usually holds a secret: PASSWORD, SECRET, TOKEN, *_KEY, PRIVATE, CREDENTIAL, DSN… */
export function isSecretName(name: string): boolean {
  const up = name.toUpperCase();
  if (SECRET_WORDS.test(up)) return true;
  return up.split(/[^A-Z0-9]+/).some((seg) => SECRET_SEGMENTS.has(seg));
}

/** A value that carries a secret whatever its name: a URL with user:password@, a PEM block. */
export function isSecretValue(value: string): boolean {
  if (/[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:[^@\s/]+@/i.test(value)) return true;
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(value)) return true;
  return false;
}

export function isSecret(name: string, value: string | null | undefined): boolean {
  if (typeof value === 'string' && isSecretValue(value)) return true;
  // POSTGRES_PASSWORD_FILE=/run/secrets/db: the value is where the secret lives, not the secret.
  if (/_FILE$/i.test(name) && typeof value === 'string' && /^(\/|\.\.?\/|~\/)[^\s]*$/.test(value)) return false;
  return isSecretName(name);
}

/** A draft env var; the value is dropped when the name or the value looks secret. */
export function draftEnvVar(
  serviceKey: string | null,
  name: string,
  value: string | null | undefined,
  source: Provenance,
  opts: { secret?: boolean; missing?: boolean } = {},
): DraftEnvVar {
  const secret = opts.secret === true || isSecret(name, value);
  const missing = opts.missing ?? (value === null || value === undefined);
  return { serviceKey, name, secret, missing, value: secret || value === undefined ? null : value, source };
}

export interface HostRef {
  host: string;
  scheme: string | null;
}

const URL_RE = /([a-z][a-z0-9+.-]*):\/\/(?:[^@/\s]*@)?(\[[^\]]+\]|[^:/\s?#,;@]+)/gi;
const HOST_NAME_RE = /(^|_)(HOST|HOSTNAME|HOSTS|SERVER|SERVERS|ADDR|ADDRESS|ENDPOINT|URI|URL|BROKER)$/i;

/** Host names a value points at: hosts of URLs, or the value itself for *_HOST/*_SERVER/… names. */
export function hostsInValue(name: string, value: string): HostRef[] {
  const out: HostRef[] = [];
  for (const m of value.matchAll(URL_RE)) out.push({ host: m[2].toLowerCase(), scheme: m[1].toLowerCase() });
  if (out.length === 0 && HOST_NAME_RE.test(name)) {
    for (const part of value.split(/[,\s]+/)) {
      const h = /^([A-Za-z0-9][A-Za-z0-9_.-]*)(:\d+)?$/.exec(part.trim());
      if (h) out.push({ host: h[1].toLowerCase(), scheme: null });
    }
  }
  return out;
}

const DB_SCHEMES = /^(postgres|postgresql|mysql|mariadb|mongodb|mongodb\+srv|mssql|sqlserver|jdbc|clickhouse|cockroachdb)/;
const CACHE_SCHEMES = /^(redis|rediss|valkey|memcached|memcache)$/;

export function linkKindFor(envName: string, scheme: string | null, targetRole: ServiceRole, fromRole: ServiceRole = null): LinkKind {
  if (targetRole === 'database') return 'uses-database';
  if (targetRole === 'cache') return 'uses-cache';
  if (scheme && DB_SCHEMES.test(scheme)) return 'uses-database';
  if (scheme && CACHE_SCHEMES.test(scheme)) return 'uses-cache';
  const up = envName.toUpperCase();
  if (/(^|_)(DATABASE|DB|POSTGRES|PG|MYSQL|MONGO|MONGODB)(_|$)/.test(up)) return 'uses-database';
  if (/(^|_)(REDIS|CACHE|VALKEY|MEMCACHED)(_|$)/.test(up)) return 'uses-cache';
  if (fromRole === 'proxy') return 'proxies-to';
  return 'depends-on';
}

export interface LinkTarget {
  key: string;
  role: ServiceRole;
}

export interface EnvLink {
  toKey: string;
  kind: LinkKind;
  /** Never contains the value: "DATABASE_URL → db". */
  reason: string;
}

/**
 * Links implied by one variable. `targets` maps lower-case host names (service names, container
 * names, aliases) to services of the same import; a service never links to itself.
 */
export function envLinks(
  fromKey: string,
  fromRole: ServiceRole,
  envName: string,
  value: string,
  targets: ReadonlyMap<string, LinkTarget>,
): EnvLink[] {
  const out: EnvLink[] = [];
  for (const ref of hostsInValue(envName, value)) {
    const t = targets.get(ref.host);
    if (!t || t.key === fromKey || out.some((o) => o.toKey === t.key)) continue;
    out.push({ toKey: t.key, kind: linkKindFor(envName, ref.scheme, t.role, fromRole), reason: `${envName} → ${ref.host}` });
  }
  return out;
}
