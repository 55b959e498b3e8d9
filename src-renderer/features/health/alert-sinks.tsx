import { useState } from 'react';
import type { AlertSink, CallInput, SinkType } from '../../../src-main/contract';
import { call } from '../../api/client';
import { Field } from '../../components/field';
import { FormModal } from '../../components/form-modal';
import { KEEP, SecretField, secretInput, type SecretDraft } from '../../components/secret-field';
import { useFormSubmit } from '../../components/use-form-submit';
import { useT } from '../../i18n';
import { useModalStore } from '../../stores/modal-store';
import { notify, reportError } from '../../stores/toast-store';
import { EmptyRow } from '../inventory/detail-parts';
import { useHealthDialogs } from './health-dialogs';
import { useHealthStore } from './health-store';

/** Where alerts go besides this console: webhook, Slack, email; Send test shows what happened. */
export function AlertSinksTable({ sinks }: { sinks: AlertSink[] }) {
  const t = useT();
  const open = useHealthDialogs((s) => s.open);
  const ask = useModalStore((s) => s.ask);
  const [testing, setTesting] = useState<string | null>(null);
  const [results, setResults] = useState<Record<string, { ok: boolean; message: string }>>({});

  async function sendTest(s: AlertSink) {
    setTesting(s.id);
    try {
      const r = await call('alerts.testSink', { id: s.id });
      setResults((all) => ({ ...all, [s.id]: r }));
    } catch (e) {
      reportError(e);
    } finally {
      setTesting(null);
    }
  }

  return (
    <table className="table" data-testid="sinks-table">
      <thead>
        <tr>
          <th>{t('field.name')}</th>
          <th>{t('health.sinkType')}</th>
          <th>{t('health.sinkWhere')}</th>
          <th>{t('health.sinkSecret')}</th>
          <th>{t('health.sinkTestResult')}</th>
          <th className="col-actions" />
        </tr>
      </thead>
      <tbody>
        {sinks.length === 0 && <EmptyRow colSpan={6} text={t('health.noSinks')} />}
        {sinks.map((s) => {
          const r = results[s.id];
          return (
            <tr key={s.id} data-testid={`sink-row-${s.name}`}>
              <td>
                {s.name} {!s.enabled && <span className="pill">{t('health.paused')}</span>}
              </td>
              <td>{t(`health.sink.${s.settings.type}`)}</td>
              <td className="mono ellipsis">{s.hint}</td>
              <td>
                <span className={`pill ${s.secret.isSet ? 'pill-set' : 'pill-unset'}`} data-set={String(s.secret.isSet)}>
                  {s.secret.isSet ? t('secret.set') : t('secret.notSet')}
                </span>
              </td>
              <td data-testid="sink-test-result" data-ok={r ? String(r.ok) : undefined} className={r ? (r.ok ? 'ok-text' : 'error-text') : undefined}>
                {r ? `${r.ok ? '✓' : '✗'} ${r.message}` : ''}
              </td>
              <td className="col-actions">
                <button type="button" className="btn btn-small" data-testid="sink-test" disabled={testing === s.id} onClick={() => void sendTest(s)}>
                  {testing === s.id ? t('health.sending') : t('health.sendTest')}
                </button>
                <button type="button" className="btn btn-small" data-testid="sink-edit" onClick={() => open({ kind: 'sink', id: s.id })}>
                  {t('common.edit')}
                </button>
                <button
                  type="button"
                  className="btn btn-small btn-danger-quiet"
                  data-testid="sink-delete"
                  onClick={() =>
                    ask({
                      title: t('health.deleteSinkTitle', { name: s.name }),
                      lines: [t('health.deleteSinkLead', { name: s.name })],
                      confirmLabel: t('common.delete'),
                      onConfirm: async () => {
                        await call('alerts.deleteSink', { id: s.id });
                        notify(t('toast.deleted', { name: s.name }));
                        await useHealthStore.getState().refreshSinks();
                      },
                    })
                  }
                >
                  {t('common.delete')}
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

const splitList = (s: string) => s.split(/[\s,;]+/).filter(Boolean);

/** Add or edit a sink: the URL (webhook, Slack) or SMTP password is a secret, shown only as Set / Not set. */
export function SinkForm({ id }: { id?: string }) {
  const t = useT();
  const close = useHealthDialogs((s) => s.close);
  const existing = useHealthStore((s) => s.sinks.find((x) => x.id === id));
  const smtp = existing?.settings.type === 'smtp' ? existing.settings : null;
  const [name, setName] = useState(existing?.name ?? '');
  const [type, setType] = useState<SinkType>(existing?.settings.type ?? 'webhook');
  const [enabled, setEnabled] = useState(existing?.enabled ?? true);
  const [host, setHost] = useState(smtp?.host ?? '');
  const [port, setPort] = useState(String(smtp?.port ?? 587));
  const [secure, setSecure] = useState(smtp?.secure ?? false);
  const [user, setUser] = useState(smtp?.user ?? '');
  const [from, setFrom] = useState(smtp?.from ?? '');
  const [to, setTo] = useState(smtp?.to.join(', ') ?? '');
  // The URL / password stays in this component only and is cleared once saved.
  const [secret, setSecret] = useState<SecretDraft>(KEEP);
  const { errors, formErrors, busy, run } = useFormSubmit([
    'name',
    'settings.host',
    'settings.port',
    'settings.user',
    'settings.from',
    'settings.to',
    'secret',
  ]);

  async function save() {
    const settings: CallInput<'alerts.createSink'>['settings'] =
      type === 'smtp'
        ? { type, host: host.trim(), port: port.trim() === '' ? undefined : Number(port), secure, user: user.trim(), from: from.trim(), to: splitList(to) }
        : { type };
    const sec = secretInput(secret);
    const ok = await run(async () => {
      if (existing) await call('alerts.updateSink', { id: existing.id, name, enabled, settings, secret: sec ?? { action: 'keep' } });
      // Without a value the core answers "must not be empty" on the secret field.
      else await call('alerts.createSink', { name, enabled, settings, secret: sec ?? { action: 'set', value: '' } });
    });
    if (ok) {
      setSecret(KEEP);
      close();
      notify(t(existing ? 'toast.saved' : 'toast.created', { name: name.trim() }));
      void useHealthStore.getState().refreshSinks();
    }
  }

  return (
    <FormModal
      title={existing ? t('health.editSink', { name: existing.name }) : t('health.newSink')}
      testId="sink-form"
      busy={busy}
      formErrors={formErrors}
      onSubmit={() => void save()}
      onClose={close}
      wide
    >
      <Field label={t('field.name')} testId="sink-name" error={errors.name}>
        <input data-testid="sink-name" value={name} placeholder="ops-slack" onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label={t('health.sinkType')} testId="sink-type">
        <select data-testid="sink-type" value={type} disabled={!!existing} onChange={(e) => setType(e.target.value as SinkType)}>
          {(['webhook', 'slack', 'smtp'] as const).map((k) => (
            <option key={k} value={k}>{t(`health.sink.${k}`)}</option>
          ))}
        </select>
      </Field>
      {type === 'smtp' && (
        <>
          <Field label={t('health.smtpHost')} testId="sink-host" error={errors['settings.host']}>
            <input data-testid="sink-host" className="mono" value={host} placeholder="smtp.example.com" onChange={(e) => setHost(e.target.value)} />
          </Field>
          <Field label={t('config.port')} testId="sink-port" error={errors['settings.port']}>
            <input data-testid="sink-port" className="mono" value={port} onChange={(e) => setPort(e.target.value)} />
          </Field>
          <label className="check field-wide">
            <input type="checkbox" data-testid="sink-secure" checked={secure} onChange={(e) => setSecure(e.target.checked)} />
            {t('health.smtpSecure')}
          </label>
          <Field label={t('field.username')} testId="sink-user" error={errors['settings.user']}>
            <input data-testid="sink-user" className="mono" value={user} onChange={(e) => setUser(e.target.value)} />
          </Field>
          <Field label={t('health.smtpFrom')} testId="sink-from" error={errors['settings.from']}>
            <input data-testid="sink-from" value={from} placeholder="opsdeck@example.com" onChange={(e) => setFrom(e.target.value)} />
          </Field>
          <Field label={t('health.smtpTo')} testId="sink-to" error={errors['settings.to']} wide hint={t('health.smtpToHint')}>
            <input data-testid="sink-to" value={to} placeholder="oncall@example.com, ops@example.com" onChange={(e) => setTo(e.target.value)} />
          </Field>
        </>
      )}
      <SecretField
        label={t(type === 'smtp' ? 'health.smtpPassword' : type === 'slack' ? 'health.slackUrl' : 'health.webhookUrl')}
        testId="sink-secret"
        stored={existing?.secret ?? null}
        draft={secret}
        onChange={setSecret}
        error={errors.secret}
        placeholder={type === 'slack' ? 'https://hooks.slack.com/services/…' : type === 'webhook' ? 'https://example.com/hooks/opsdeck' : ''}
      />
      <label className="check field-wide">
        <input type="checkbox" data-testid="sink-enabled" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        {t('health.sinkEnabled')}
      </label>
    </FormModal>
  );
}
