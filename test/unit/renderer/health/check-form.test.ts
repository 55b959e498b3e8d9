import { describe, expect, it } from 'vitest';
import type { Check } from '../../../../src-main/contract';
import {
  configOf,
  draftOf,
  emptyDraft,
  fieldOfIssue,
  suggestedName,
  validateConfig,
  validateDraft,
  type CheckDraft,
} from '../../../../src-renderer/features/health/check-form-model';
import { formatSpan, fromLocalInput, toLocalInput } from '../../../../src-renderer/features/health/health-format';

const ID = 'host_01HZX3Y7ABC';
const draft = (p: Partial<CheckDraft>): CheckDraft => ({ ...emptyDraft(), name: 'api health', ...p });
const fieldsOf = (d: CheckDraft) => {
  const r = validateDraft(d);
  if (r.ok) return {};
  return Object.fromEntries(r.issues.map((i) => [fieldOfIssue(i.path), i.message]));
};

describe('check form validation', () => {
  it('accepts a complete HTTP check and applies the contract defaults', () => {
    const r = validateDraft(draft({ url: 'http://127.0.0.2:8080/health', intervalSec: '2', retries: '1', timeoutMs: '' }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.config).toEqual({ type: 'http', url: 'http://127.0.0.2:8080/health', method: 'GET', expectStatus: ['2xx', '3xx'], ignoreTlsErrors: false });
    expect(r.value.intervalSec).toBe(2);
    expect(r.value.retries).toBe(1);
    expect(r.value.timeoutMs).toBe(10_000);
    expect(r.value.serviceId).toBeNull();
  });

  it('puts each problem on its field', () => {
    expect(fieldsOf(draft({ url: 'ftp://example.com' }))).toHaveProperty('config.url');
    expect(fieldsOf(draft({ url: 'not a url' }))).toHaveProperty('config.url');
    expect(fieldsOf(draft({ name: '', url: 'https://x.example' }))).toHaveProperty('name');
    expect(fieldsOf(draft({ url: 'https://x.example', intervalSec: '0' }))).toHaveProperty('intervalSec');
    expect(fieldsOf(draft({ url: 'https://x.example', retries: 'two' }))).toHaveProperty('retries');
    expect(fieldsOf(draft({ url: 'https://x.example', expectStatus: '2xx, 99' }))).toHaveProperty('config.expectStatus');
    expect(fieldsOf(draft({ type: 'tcp', host: 'db.internal', port: '70000' }))).toHaveProperty('config.port');
    expect(fieldsOf(draft({ type: 'tcp', host: 'bad host!', port: '5432' }))).toHaveProperty('config.host');
    expect(fieldsOf(draft({ type: 'tcp', host: 'db.internal', port: '' }))).toHaveProperty('config.port');
    expect(fieldsOf(draft({ type: 'websocket', url: 'https://x.example/ws' }))).toHaveProperty('config.url');
    expect(fieldsOf(draft({ type: 'pm2', hostId: '', app: 'api' }))).toHaveProperty('config.hostId');
    expect(fieldsOf(draft({ type: 'postgres', targetServiceId: '' }))).toHaveProperty('config.serviceId');
    expect(fieldsOf(draft({ type: 'metric', metricTarget: '', metricKey: 'host.cpu' }))).toHaveProperty('config.target');
  });

  it('builds each type’s config from the typed text', () => {
    expect(configOf(draft({ type: 'tls', host: 'example.com', port: '', minDays: '30' }))).toMatchObject({ type: 'tls', host: 'example.com', port: undefined, minDays: 30 });
    const tls = validateDraft(draft({ type: 'tls', host: 'example.com', port: '', minDays: '30' }));
    expect(tls.ok && tls.value.config).toEqual({ type: 'tls', host: 'example.com', port: 443, minDays: 30 });
    const pm2 = validateDraft(draft({ type: 'pm2', hostId: ID, app: ' ia-comercial ' }));
    expect(pm2.ok && pm2.value.config).toEqual({ type: 'pm2', hostId: ID, app: 'ia-comercial' });
    const metric = validateDraft(draft({ type: 'metric', metricTarget: `host:${ID}`, metricKey: 'host.cpu', metricDirection: 'above', metricValue: '90' }));
    expect(metric.ok && metric.value.config).toEqual({ type: 'metric', target: { kind: 'host', id: ID }, key: 'host.cpu', direction: 'above', value: 90 });
    const json = validateDraft(draft({ url: 'https://x.example/health', jsonPath: 'status', jsonEquals: 'ok', keyword: '' }));
    expect(json.ok && json.value.config).toMatchObject({ jsonPath: 'status', jsonEquals: 'ok' });
    expect(json.ok && 'keyword' in json.value.config).toBe(false);
  });

  it('tests a config without a name or schedule', () => {
    expect(validateConfig(draft({ name: '', intervalSec: '', url: 'https://x.example' })).ok).toBe(true);
    expect(validateConfig(draft({ name: '', url: 'nope' })).ok).toBe(false);
  });

  it('round-trips an existing check through the form', () => {
    const check: Check = {
      id: ID,
      serviceId: ID,
      name: 'api',
      config: { type: 'http', url: 'https://api.example.com/health', method: 'HEAD', expectStatus: ['2xx', '301'], keyword: 'ok', ignoreTlsErrors: true },
      intervalSec: 30,
      timeoutMs: 5000,
      retries: 2,
      renotifyEvery: 10,
      flapSuppression: false,
      enabled: true,
      state: 'up',
      since: null,
      lastCheckAt: null,
      lastLatencyMs: null,
      lastMessage: null,
      lastValue: null,
    };
    const r = validateDraft(draftOf(check));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual({
      serviceId: ID,
      name: 'api',
      config: check.config,
      intervalSec: 30,
      timeoutMs: 5000,
      retries: 2,
      renotifyEvery: 10,
      flapSuppression: false,
      enabled: true,
    });
  });

  it('proposes a name from what is checked', () => {
    expect(suggestedName(draft({ url: 'https://api.example.com/health/' }))).toBe('api.example.com/health');
    expect(suggestedName(draft({ type: 'tcp', host: 'db', port: '5432' }))).toBe('TCP db:5432');
    expect(suggestedName(draft({ type: 'pm2', app: 'api' }))).toBe('PM2 api');
    expect(suggestedName(draft({ url: 'garbage' }))).toBe('');
  });
});

describe('health formatting', () => {
  it('formats incident durations', () => {
    expect(formatSpan(41_000)).toBe('41 s');
    expect(formatSpan(125_000)).toBe('2 min 5 s');
    expect(formatSpan(2 * 3_600_000 + 5 * 60_000)).toBe('2 h 5 min');
    expect(formatSpan(3 * 86_400_000 + 2 * 3_600_000)).toBe('3 d 2 h');
    expect(formatSpan(-5)).toBe('0 s');
  });

  it('converts datetime-local values both ways (minute precision)', () => {
    const at = new Date(2026, 10, 23, 14, 5).getTime();
    expect(toLocalInput(at)).toBe('2026-11-23T14:05');
    expect(fromLocalInput('2026-11-23T14:05')).toBe(at);
    expect(Number.isNaN(fromLocalInput(''))).toBe(true);
  });
});
