import { useEffect, useState } from 'react';
import type { CheckResult, CheckType, MetricInfo } from '../../../src-main/contract';
import { call } from '../../api/client';
import { Field } from '../../components/field';
import { FormModal } from '../../components/form-modal';
import { useFormSubmit } from '../../components/use-form-submit';
import { useT, type TFunction } from '../../i18n';
import { translateIssue, type Issue } from '../../i18n/validation';
import { useInventoryStore } from '../../stores/inventory-store';
import { notify, reportError } from '../../stores/toast-store';
import { CHECK_TYPES, draftOf, emptyDraft, fieldOfIssue, suggestedName, validateConfig, validateDraft, type CheckDraft } from './check-form-model';
import { useHealthDialogs } from './health-dialogs';
import { useHealthStore } from './health-store';

/** The contract's own check wording, in the user's language; the rest goes through the shared rules. */
function issueText(issue: Issue, t: TFunction): string {
  if (/must start with http/i.test(issue.message)) return t('health.v.httpUrl');
  if (/must start with ws/i.test(issue.message)) return t('health.v.wsUrl');
  if (/^Invalid string: must match pattern/i.test(issue.message) && issue.path.startsWith('config.expectStatus')) return t('health.v.status');
  if (issue.path === 'config.target' || issue.path.startsWith('config.target.')) return t('v.option');
  return translateIssue(issue, t);
}

/** Splits issues into the fields they belong to and the rest. */
function placeIssues(issues: Issue[], t: TFunction): { fields: Record<string, string>; loose: string[] } {
  const fields: Record<string, string> = {};
  const loose: string[] = [];
  for (const i of issues) {
    const f = fieldOfIssue(i.path);
    if (f) fields[f] ??= issueText(i, t);
    else loose.push(`${i.path}: ${issueText(i, t)}`);
  }
  return { fields, loose };
}

/** Add or edit a check: fields of its type, "Test" (checks.try) before saving, schedule and retries. */
export function CheckForm({ id, serviceId, initial }: { id?: string; serviceId?: string | null; initial?: CheckDraft }) {
  const t = useT();
  const tree = useInventoryStore((s) => s.tree);
  const close = useHealthDialogs((s) => s.close);
  const existing = useHealthStore((s) => s.checks.find((c) => c.id === id));
  const [d, setD] = useState<CheckDraft>(() => initial ?? (existing ? draftOf(existing) : emptyDraft(serviceId ?? null)));
  const [local, setLocal] = useState<{ fields: Record<string, string>; loose: string[] }>({ fields: {}, loose: [] });
  const [trying, setTrying] = useState(false);
  const [result, setResult] = useState<CheckResult | null>(null);
  const { errors, formErrors, busy, run } = useFormSubmit(['name', 'serviceId', 'config', 'intervalSec', 'timeoutMs', 'retries', 'renotifyEvery']);
  const patch = (p: Partial<CheckDraft>) => {
    setD((x) => ({ ...x, ...p }));
    setResult(null);
  };
  const err = (path: string) => local.fields[path] ?? errors[path] ?? (path.startsWith('config.') ? errors.config : undefined);

  async function test() {
    const v = validateConfig(d);
    if (!v.ok) {
      setLocal(placeIssues(v.issues, t));
      return;
    }
    setLocal({ fields: {}, loose: [] });
    setTrying(true);
    setResult(null);
    try {
      setResult(await call('checks.try', v.config));
    } catch (e) {
      reportError(e);
    } finally {
      setTrying(false);
    }
  }

  async function save() {
    const named = d.name.trim() ? d : { ...d, name: suggestedName(d) };
    const v = validateDraft(named);
    if (!v.ok) {
      setLocal(placeIssues(v.issues, t));
      return;
    }
    setLocal({ fields: {}, loose: [] });
    const ok = await run(async () => {
      if (existing) {
        const { serviceId: _s, ...rest } = v.value;
        await call('checks.update', { id: existing.id, ...rest });
      } else await call('checks.create', v.value);
    });
    if (ok) {
      close();
      notify(t(existing ? 'toast.saved' : 'toast.created', { name: v.value.name }));
      void useHealthStore.getState().refresh();
    }
  }

  // Metric checks: the keys collected for the chosen host or service, offered as suggestions.
  const [metricKeys, setMetricKeys] = useState<MetricInfo[]>([]);
  const metricTarget = d.type === 'metric' ? d.metricTarget : '';
  useEffect(() => {
    const i = metricTarget.indexOf(':');
    if (i < 0) {
      setMetricKeys([]);
      return;
    }
    let live = true;
    call('metrics.catalog', { kind: metricTarget.slice(0, i) as 'host' | 'service', id: metricTarget.slice(i + 1) })
      .then((c) => live && setMetricKeys(c.metrics))
      .catch(() => live && setMetricKeys([]));
    return () => {
      live = false;
    };
  }, [metricTarget]);

  const services = [...tree.services].sort((a, b) => a.name.localeCompare(b.name));
  const hosts = [...tree.hosts].sort((a, b) => a.name.localeCompare(b.name));
  const text = (path: string, key: string, label: string, props: { placeholder?: string; mono?: boolean; wide?: boolean; hint?: string } = {}) => (
    <Field label={label} testId={`check-${key}`} error={err(path)} wide={props.wide} hint={props.hint}>
      <input
        data-testid={`check-${key}`}
        className={props.mono ? 'mono' : undefined}
        value={String(d[key as keyof CheckDraft] ?? '')}
        placeholder={props.placeholder}
        spellCheck={false}
        onChange={(e) => patch({ [key]: e.target.value } as Partial<CheckDraft>)}
      />
    </Field>
  );

  return (
    <FormModal
      title={existing ? t('health.editCheck', { name: existing.name }) : t('health.newCheck')}
      testId="check-form"
      busy={busy}
      formErrors={[...local.loose, ...formErrors]}
      onSubmit={() => void save()}
      onClose={close}
      wide
    >
      {text('name', 'name', t('field.name'), { placeholder: suggestedName(d) || 'api /health' })}
      <Field label={t('health.service')} testId="check-service" error={err('serviceId')}>
        <select data-testid="check-service" value={d.serviceId} disabled={!!existing} onChange={(e) => patch({ serviceId: e.target.value })}>
          <option value="">{t('common.none')}</option>
          {services.map((s) => (
            <option key={s.id} value={s.id}>{s.name}</option>
          ))}
        </select>
      </Field>
      <Field label={t('health.type')} testId="check-type">
        <select data-testid="check-type" value={d.type} onChange={(e) => patch({ type: e.target.value as CheckType })}>
          {CHECK_TYPES.map((ty) => (
            <option key={ty} value={ty}>{t(`health.type.${ty}`)}</option>
          ))}
        </select>
      </Field>
      <p className="field-wide muted small">{t(`health.typeHint.${d.type}`)}</p>

      {d.type === 'http' && (
        <>
          {text('config.url', 'url', t('health.url'), { placeholder: 'https://api.example.com/health', mono: true, wide: true })}
          <Field label={t('health.method')} testId="check-method">
            <select data-testid="check-method" value={d.method} onChange={(e) => patch({ method: e.target.value as CheckDraft['method'] })}>
              <option value="GET">GET</option>
              <option value="HEAD">HEAD</option>
            </select>
          </Field>
          {text('config.expectStatus', 'expectStatus', t('health.expectStatus'), { placeholder: '2xx, 3xx', mono: true, hint: t('health.expectStatusHint') })}
          {text('config.keyword', 'keyword', t('health.keyword'), { placeholder: 'ok' })}
          {text('config.jsonPath', 'jsonPath', t('health.jsonPath'), { placeholder: 'status', mono: true })}
          {d.jsonPath.trim() !== '' && text('config.jsonEquals', 'jsonEquals', t('health.jsonEquals'), { placeholder: 'ok', mono: true })}
          <label className="check field-wide">
            <input type="checkbox" data-testid="check-ignoreTls" checked={d.ignoreTlsErrors} onChange={(e) => patch({ ignoreTlsErrors: e.target.checked })} />
            {t('health.ignoreTls')}
          </label>
        </>
      )}
      {d.type === 'websocket' && text('config.url', 'url', t('health.url'), { placeholder: 'wss://example.com/ws', mono: true, wide: true })}
      {(d.type === 'tcp' || d.type === 'tls') && (
        <>
          {text('config.host', 'host', t('health.host'), { placeholder: 'db.example.com', mono: true })}
          {text('config.port', 'port', t('config.port'), { placeholder: d.type === 'tls' ? '443' : '5432', mono: true })}
        </>
      )}
      {d.type === 'tls' && (
        <>
          {text('config.servername', 'servername', t('health.servername'), { placeholder: 'example.com', mono: true })}
          {text('config.minDays', 'minDays', t('health.minDays'), { placeholder: '14' })}
        </>
      )}
      {d.type === 'pm2' && (
        <>
          <Field label={t('field.host')} testId="check-hostId" error={err('config.hostId')}>
            <select data-testid="check-hostId" value={d.hostId} onChange={(e) => patch({ hostId: e.target.value })}>
              <option value="">{t('common.choose')}</option>
              {hosts.map((h) => (
                <option key={h.id} value={h.id}>{h.name}</option>
              ))}
            </select>
          </Field>
          {text('config.app', 'app', t('config.pm2Name'), { placeholder: 'api', mono: true })}
        </>
      )}
      {(d.type === 'postgres' || d.type === 'redis') && (
        <Field label={t(d.type === 'postgres' ? 'service.kind.postgres' : 'service.kind.redis')} testId="check-targetService" error={err('config.serviceId')}>
          <select data-testid="check-targetService" value={d.targetServiceId} onChange={(e) => patch({ targetServiceId: e.target.value })}>
            <option value="">{t('common.choose')}</option>
            {services
              .filter((s) => s.kind === d.type)
              .map((s) => (
                <option key={s.id} value={s.id}>{s.name}</option>
              ))}
          </select>
        </Field>
      )}
      {d.type === 'metric' && (
        <>
          <Field label={t('health.metricTarget')} testId="check-metricTarget" error={err('config.target')}>
            <select data-testid="check-metricTarget" value={d.metricTarget} onChange={(e) => patch({ metricTarget: e.target.value })}>
              <option value="">{t('common.choose')}</option>
              {hosts.map((h) => (
                <option key={h.id} value={`host:${h.id}`}>{`${t('kind.host')}: ${h.name}`}</option>
              ))}
              {services.map((s) => (
                <option key={s.id} value={`service:${s.id}`}>{`${t(`service.kind.${s.kind}`)}: ${s.name}`}</option>
              ))}
            </select>
          </Field>
          <Field label={t('health.metricKey')} testId="check-metricKey" error={err('config.key')}>
            <input
              data-testid="check-metricKey"
              className="mono"
              list="check-metric-keys"
              value={d.metricKey}
              placeholder="host.cpu"
              spellCheck={false}
              onChange={(e) => patch({ metricKey: e.target.value })}
            />
            <datalist id="check-metric-keys">
              {metricKeys.map((m) => (
                <option key={m.key} value={m.key}>{m.label}</option>
              ))}
            </datalist>
          </Field>
          <Field label={t('metrics.direction')} testId="check-metricDirection">
            <select data-testid="check-metricDirection" value={d.metricDirection} onChange={(e) => patch({ metricDirection: e.target.value as CheckDraft['metricDirection'] })}>
              <option value="">{t('health.metricOwnThreshold')}</option>
              <option value="above">{t('metrics.above')}</option>
              <option value="below">{t('metrics.below')}</option>
            </select>
          </Field>
          {text('config.value', 'metricValue', t('metrics.value'), { placeholder: t('health.metricOwnThreshold') })}
        </>
      )}

      <div className="field-wide check-test-row">
        <button type="button" className="btn" data-testid="check-test" disabled={trying} onClick={() => void test()}>
          {trying ? t('health.testing') : t('health.test')}
        </button>
        {result && (
          <span className={`check-test-result ${result.ok ? 'ok-text' : 'error-text'}`} data-testid="check-test-result" data-ok={String(result.ok)}>
            {result.ok ? t('health.testOk') : t('health.testFailed')}
            {result.latencyMs !== null ? ` · ${Math.round(result.latencyMs)} ms` : ''} — {result.message}
          </span>
        )}
      </div>

      <div className="form-section field-wide">{t('health.schedule')}</div>
      {text('intervalSec', 'intervalSec', t('health.intervalSec'))}
      {text('timeoutMs', 'timeoutMs', t('health.timeoutMs'))}
      {text('retries', 'retries', t('health.retries'), { hint: t('health.retriesHint') })}
      {text('renotifyEvery', 'renotifyEvery', t('health.renotifyEvery'), { hint: t('health.renotifyHint') })}
      <label className="check">
        <input type="checkbox" data-testid="check-flap" checked={d.flapSuppression} onChange={(e) => patch({ flapSuppression: e.target.checked })} />
        {t('health.flapSuppression')}
      </label>
      <label className="check">
        <input type="checkbox" data-testid="check-enabled" checked={d.enabled} onChange={(e) => patch({ enabled: e.target.checked })} />
        {t('health.enabled')}
      </label>
    </FormModal>
  );
}
