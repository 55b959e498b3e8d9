import { CheckCreate, type Check, type CheckConfig, type CheckType } from '../../../src-main/contract';
import type { Issue } from '../../i18n/validation';

/** Every check type, in the order the form offers them. */
export const CHECK_TYPES: readonly CheckType[] = ['http', 'tcp', 'tls', 'websocket', 'pm2', 'postgres', 'redis', 'metric'];

/** The form's fields as typed (text), for every type at once so switching type keeps what was typed. */
export interface CheckDraft {
  name: string;
  serviceId: string;
  type: CheckType;
  url: string;
  method: 'GET' | 'HEAD';
  expectStatus: string;
  keyword: string;
  jsonPath: string;
  jsonEquals: string;
  ignoreTlsErrors: boolean;
  host: string;
  port: string;
  servername: string;
  minDays: string;
  hostId: string;
  app: string;
  /** The PostgreSQL / Redis service pinged. */
  targetServiceId: string;
  metricTarget: string;
  metricKey: string;
  metricDirection: '' | 'above' | 'below';
  metricValue: string;
  intervalSec: string;
  timeoutMs: string;
  retries: string;
  renotifyEvery: string;
  flapSuppression: boolean;
  enabled: boolean;
}

/** A new check's draft: the contract's defaults. */
export function emptyDraft(serviceId: string | null = null): CheckDraft {
  return {
    name: '',
    serviceId: serviceId ?? '',
    type: 'http',
    url: '',
    method: 'GET',
    expectStatus: '2xx, 3xx',
    keyword: '',
    jsonPath: '',
    jsonEquals: '',
    ignoreTlsErrors: false,
    host: '',
    port: '',
    servername: '',
    minDays: '14',
    hostId: '',
    app: '',
    targetServiceId: '',
    metricTarget: '',
    metricKey: '',
    metricDirection: '',
    metricValue: '',
    intervalSec: '60',
    timeoutMs: '10000',
    retries: '3',
    renotifyEvery: '0',
    flapSuppression: true,
    enabled: true,
  };
}

/** The draft of an existing check (edit) or of a suggestion. */
export function draftOf(c: Pick<Check, 'serviceId' | 'name' | 'config' | 'intervalSec' | 'timeoutMs' | 'retries' | 'renotifyEvery' | 'flapSuppression' | 'enabled'>): CheckDraft {
  const d: CheckDraft = {
    ...emptyDraft(c.serviceId),
    name: c.name,
    type: c.config.type,
    intervalSec: String(c.intervalSec),
    timeoutMs: String(c.timeoutMs),
    retries: String(c.retries),
    renotifyEvery: String(c.renotifyEvery),
    flapSuppression: c.flapSuppression,
    enabled: c.enabled,
  };
  const cfg = c.config;
  switch (cfg.type) {
    case 'http':
      return { ...d, url: cfg.url, method: cfg.method, expectStatus: cfg.expectStatus.join(', '), keyword: cfg.keyword ?? '', jsonPath: cfg.jsonPath ?? '', jsonEquals: cfg.jsonEquals ?? '', ignoreTlsErrors: cfg.ignoreTlsErrors };
    case 'tcp':
      return { ...d, host: cfg.host, port: String(cfg.port) };
    case 'tls':
      return { ...d, host: cfg.host, port: String(cfg.port), servername: cfg.servername ?? '', minDays: String(cfg.minDays) };
    case 'websocket':
      return { ...d, url: cfg.url };
    case 'pm2':
      return { ...d, hostId: cfg.hostId, app: cfg.app };
    case 'postgres':
    case 'redis':
      return { ...d, targetServiceId: cfg.serviceId };
    case 'metric':
      return { ...d, metricTarget: `${cfg.target.kind}:${cfg.target.id}`, metricKey: cfg.key, metricDirection: cfg.direction ?? '', metricValue: cfg.value === undefined ? '' : String(cfg.value) };
  }
}

/** Empty text → undefined (the contract's default or "required"); otherwise a number, NaN when not one. */
const optNum = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s.trim()));
const optText = (s: string): string | undefined => (s.trim() === '' ? undefined : s.trim());

/** The check's config as the contract wants it (not yet validated). */
export function configOf(d: CheckDraft): Record<string, unknown> {
  switch (d.type) {
    case 'http':
      return {
        type: 'http',
        url: d.url.trim(),
        method: d.method,
        expectStatus: d.expectStatus.split(/[\s,]+/).filter(Boolean),
        keyword: optText(d.keyword),
        jsonPath: optText(d.jsonPath),
        jsonEquals: d.jsonPath.trim() ? d.jsonEquals : undefined,
        ignoreTlsErrors: d.ignoreTlsErrors,
      };
    case 'tcp':
      return { type: 'tcp', host: d.host.trim(), port: optNum(d.port) };
    case 'tls':
      return { type: 'tls', host: d.host.trim(), port: optNum(d.port), servername: optText(d.servername), minDays: optNum(d.minDays) };
    case 'websocket':
      return { type: 'websocket', url: d.url.trim() };
    case 'pm2':
      return { type: 'pm2', hostId: d.hostId, app: d.app.trim() };
    case 'postgres':
    case 'redis':
      return { type: d.type, serviceId: d.targetServiceId };
    case 'metric': {
      const i = d.metricTarget.indexOf(':');
      const target = i < 0 ? undefined : { kind: d.metricTarget.slice(0, i), id: d.metricTarget.slice(i + 1) };
      return { type: 'metric', target, key: d.metricKey.trim(), direction: d.metricDirection || undefined, value: optNum(d.metricValue) };
    }
  }
}

/** The whole create input (without dropping undefined: JSON does that on the way). */
export function createInputOf(d: CheckDraft): Record<string, unknown> {
  return {
    serviceId: d.serviceId || null,
    name: d.name,
    config: configOf(d),
    intervalSec: optNum(d.intervalSec),
    timeoutMs: optNum(d.timeoutMs),
    retries: optNum(d.retries),
    renotifyEvery: optNum(d.renotifyEvery),
    flapSuppression: d.flapSuppression,
    enabled: d.enabled,
  };
}

const stripUndefined = (o: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(o)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, v && typeof v === 'object' && !Array.isArray(v) ? stripUndefined(v as Record<string, unknown>) : v]),
  );

export type DraftResult = { ok: true; value: CheckCreate; config: CheckConfig } | { ok: false; issues: Issue[] };

/** Checks the draft against the contract before anything is sent: issues by field path (`config.url`, `port`…). */
export function validateDraft(d: CheckDraft): DraftResult {
  const parsed = CheckCreate.safeParse(stripUndefined(createInputOf(d)));
  if (parsed.success) return { ok: true, value: parsed.data, config: parsed.data.config };
  return {
    ok: false,
    issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), code: i.code, message: i.message })),
  };
}

/** Only the config, for "Test" (a name and the schedule are not needed to try a check). */
export function validateConfig(d: CheckDraft): DraftResult {
  return validateDraft({ ...d, name: d.name.trim() || 'test', intervalSec: '60', timeoutMs: d.timeoutMs || '10000', retries: '0', renotifyEvery: '0' });
}

/** Field ids of the form, by the contract path they edit. */
export const FIELD_PATHS = [
  'name',
  'serviceId',
  'config.url',
  'config.method',
  'config.expectStatus',
  'config.keyword',
  'config.jsonPath',
  'config.jsonEquals',
  'config.host',
  'config.port',
  'config.servername',
  'config.minDays',
  'config.hostId',
  'config.app',
  'config.serviceId',
  'config.target',
  'config.key',
  'config.value',
  'intervalSec',
  'timeoutMs',
  'retries',
  'renotifyEvery',
] as const;

/** The form field an issue belongs to: the exact path or its closest known parent. */
export function fieldOfIssue(path: string): string | null {
  let best: string | null = null;
  for (const k of FIELD_PATHS) if ((path === k || path.startsWith(`${k}.`)) && (!best || k.length > best.length)) best = k;
  return best;
}

/** A name proposed from what is checked, when the user left it empty. */
export function suggestedName(d: CheckDraft): string {
  try {
    if (d.type === 'http' || d.type === 'websocket') return new URL(d.url.trim()).host + new URL(d.url.trim()).pathname.replace(/\/$/, '');
  } catch {
    return '';
  }
  if (d.type === 'tcp' || d.type === 'tls') return d.host && d.port ? `${d.type.toUpperCase()} ${d.host}:${d.port}` : '';
  if (d.type === 'pm2') return d.app ? `PM2 ${d.app}` : '';
  return '';
}
