import type { LinkKind, ServiceKind } from '../../../contract';
import { baseName } from './paths';

/**
 * What one environment variable says a service depends on, beyond the services of the same file
 * (env-refs.ts handles DATABASE_URL=postgres://db…): a well-known hosted API (OPENAI_API_KEY →
 * "OpenAI API"), a Railway reference variable (`${{Postgres.DATABASE_URL}}` → the Railway service
 * "Postgres"), or a SQLite file (DB_PATH=/srv/app/db/leads.db, DATABASE_URL=sqlite:///app.db).
 * Only the name, and for non-secret variables the value, are looked at; nothing here keeps a
 * value. importFiles applies it to every env var of every importer once the variable belongs to a
 * service.
 */

export interface EnvDependency {
  /** Draft key of the service depended on: `external:<id>`, `railway:<Service>`, `sqlite:<path>`. */
  key: string;
  name: string;
  kind: ServiceKind;
  linkKind: LinkKind;
  /** "OPENAI_API_KEY → OpenAI API"; never the value. */
  reason: string;
  url?: string;
  filePath?: string;
  notes: string;
}

interface ExternalApi {
  id: string;
  name: string;
  url: string;
  /** Variable names that mean "this service calls that API". */
  names: RegExp;
  /** Non-secret values that name it (an SMTP host), for variables whose name says nothing. */
  hosts?: RegExp;
}

/**
 * Well-known hosted APIs, by the variable names their SDKs and docs use. Order matters: the first
 * match wins (TWILIO_WHATSAPP_NUMBER is Twilio, not WhatsApp Cloud API).
 */
export const EXTERNAL_APIS: readonly ExternalApi[] = [
  { id: 'openai', name: 'OpenAI API', url: 'https://api.openai.com', names: /^OPENAI_/ },
  { id: 'anthropic', name: 'Anthropic API', url: 'https://api.anthropic.com', names: /^ANTHROPIC_/ },
  { id: 'gemini', name: 'Gemini API', url: 'https://generativelanguage.googleapis.com', names: /^(GEMINI_|GOOGLE_GEMINI_)/ },
  { id: 'twilio', name: 'Twilio', url: 'https://api.twilio.com', names: /^TWILIO_/ },
  { id: 'sendgrid', name: 'SendGrid', url: 'https://api.sendgrid.com', names: /^SENDGRID_/, hosts: /(^|\.)sendgrid\.(net|com)$/ },
  { id: 'mailgun', name: 'Mailgun', url: 'https://api.mailgun.net', names: /^MAILGUN_/, hosts: /(^|\.)mailgun\.org$/ },
  { id: 'gmail-smtp', name: 'Gmail SMTP', url: 'smtp://smtp.gmail.com', names: /^GMAIL_/, hosts: /^smtp\.gmail\.com$/ },
  { id: 'sentry', name: 'Sentry', url: 'https://sentry.io', names: /^(SENTRY_DSN|SENTRY_AUTH_TOKEN|[A-Z]+_SENTRY_DSN)$/ },
  { id: 'whatsapp', name: 'WhatsApp Cloud API', url: 'https://graph.facebook.com', names: /^WHATSAPP_/ },
  { id: 'instagram', name: 'Instagram Messaging API', url: 'https://graph.facebook.com', names: /^INSTAGRAM_/ },
  { id: 'wompi', name: 'Wompi', url: 'https://production.wompi.co', names: /^WOMPI_/ },
  { id: 'stripe', name: 'Stripe', url: 'https://api.stripe.com', names: /^STRIPE_/ },
  { id: 'aws-s3', name: 'AWS S3', url: 'https://s3.amazonaws.com', names: /^(AWS_S3_|AWS_STORAGE_BUCKET_NAME$|S3_BUCKET)/ },
  { id: 'cloudinary', name: 'Cloudinary', url: 'https://api.cloudinary.com', names: /^CLOUDINARY_/ },
  { id: 'slack', name: 'Slack', url: 'https://hooks.slack.com', names: /^SLACK_(WEBHOOK|BOT_TOKEN|TOKEN)/ },
];

/** The hosted API a variable names, by its name, else by a host in its (non-secret) value. */
export function externalApiFor(name: string, value: string | null): ExternalApi | null {
  const up = name.toUpperCase();
  const byName = EXTERNAL_APIS.find((a) => a.names.test(up));
  if (byName) return byName;
  if (value && /(^|_)(HOST|SERVER|SMTP)(_|$)/.test(up)) {
    const host = value.trim().replace(/^[a-z]+:\/\//i, '').replace(/[:/].*$/, '').toLowerCase();
    return EXTERNAL_APIS.find((a) => a.hosts?.test(host)) ?? null;
  }
  return null;
}

/** `${{Postgres.DATABASE_URL}}` → [{ service: 'Postgres', variable: 'DATABASE_URL' }]; `shared.X` and same-service `${{X}}` are not other services. */
export function railwayReferences(value: string): { service: string; variable: string }[] {
  const out: { service: string; variable: string }[] = [];
  for (const m of value.matchAll(/\$\{\{\s*([A-Za-z0-9_-][A-Za-z0-9_ -]*?)\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g)) {
    if (m[1].toLowerCase() === 'shared') continue;
    if (!out.some((r) => r.service === m[1])) out.push({ service: m[1], variable: m[2] });
  }
  return out;
}

function railwayKind(service: string, variable: string): { kind: ServiceKind; linkKind: LinkKind } {
  const s = service.toLowerCase();
  const v = variable.toUpperCase();
  if (/postgres|^pg|mysql|mariadb|mongo/.test(s) || /^(DATABASE_URL|DATABASE_PRIVATE_URL|DATABASE_PUBLIC_URL|PG[A-Z]*|MYSQL[A-Z_]*|MONGO[A-Z_]*)$/.test(v)) {
    return { kind: /mysql|mariadb|mongo/.test(s) || /^(MYSQL|MONGO)/.test(v) ? 'container' : 'postgres', linkKind: 'uses-database' };
  }
  if (/redis|valkey/.test(s) || /^REDIS/.test(v)) return { kind: 'redis', linkKind: 'uses-cache' };
  return { kind: 'paas-service', linkKind: 'depends-on' };
}

const SQLITE_NAME = /(^|_)(DB|DATABASE|SQLITE)(_PATH|_FILE|_URL|_URI)?$|^SQLITE_|_DB_PATH$|DATABASE_URI$/;
const SQLITE_FILE = /^(\.{0,2}\/|~\/|[A-Za-z]:[\\/])?[^\s:;,]*\.(db|sqlite3?|db3)$/i;

/** The SQLite file a variable names: sqlite:///path, or a *.db/*.sqlite path under a DB-ish name. */
export function sqlitePathIn(name: string, value: string | null): string | null {
  if (!value) return null;
  const v = value.trim();
  const url = /^sqlite(?:\+\w+)?:\/\/\/?(.+)$/i.exec(v);
  if (url) return url[1].startsWith('/') || v.startsWith('sqlite:////') ? `/${url[1].replace(/^\/+/, '')}` : url[1];
  if (SQLITE_NAME.test(name.toUpperCase()) && SQLITE_FILE.test(v)) return v;
  return null;
}

/** Everything one variable says its service depends on (usually nothing). `value` is null for secrets. */
export function envDependencies(name: string, value: string | null): EnvDependency[] {
  const out: EnvDependency[] = [];
  for (const ref of value ? railwayReferences(value) : []) {
    const { kind, linkKind } = railwayKind(ref.service, ref.variable);
    out.push({
      key: `railway:${ref.service}`,
      name: ref.service,
      kind,
      linkKind,
      reason: `${name} = \${{${ref.service}.${ref.variable}}} (Railway reference variable)`,
      notes: `Railway service ${ref.service}, named by a reference variable (\${{${ref.service}.${ref.variable}}}); no file of the import describes it.`,
    });
  }
  if (out.length) return out;
  const path = sqlitePathIn(name, value);
  if (path) {
    out.push({
      key: `sqlite:${path}`,
      name: baseName(path) || path,
      kind: 'sqlite-file',
      linkKind: 'uses-database',
      reason: `${name} → ${path}`,
      filePath: path,
      notes: `SQLite database file named by ${name}.`,
    });
    return out;
  }
  const api = externalApiFor(name, value);
  if (api) {
    out.push({
      key: `external:${api.id}`,
      name: api.name,
      kind: 'http-endpoint',
      linkKind: 'depends-on',
      reason: `${name} → ${api.name}`,
      url: api.url,
      notes: `Hosted third-party API (${api.name}), known from the variables that configure it.`,
    });
  }
  return out;
}
