import { useState } from 'react';
import { PaasPlatform, ServiceKind, type ServiceConfig } from '../../../src-main/contract';
import { call } from '../../api/client';
import { Field } from '../../components/field';
import { FormModal } from '../../components/form-modal';
import { useFormSubmit } from '../../components/use-form-submit';
import { useT } from '../../i18n';
import { useInventoryStore } from '../../stores/inventory-store';
import { useModalStore } from '../../stores/modal-store';
import { notify } from '../../stores/toast-store';
import { useUiStore } from '../../stores/ui-store';
import { parseNumberField, splitList } from './form-helpers';
import { findEnv, findProject, findService, hostsOf } from './inventory-selectors';
import { CONFIG_FIELDS, FIELDS_BY_KIND, MONO_FIELDS, NUMBER_FIELDS, configToText, fieldTestId, type ConfigField } from './service-kinds';

const PATHS = ['name', 'kind', 'hostId', 'credentialId', 'notes', ...CONFIG_FIELDS.map((f) => `config.${f}`), 'config'];

interface Props {
  environmentId: string;
  id?: string;
  hostId?: string | null;
}

export function ServiceForm({ environmentId, id, hostId }: Props) {
  const t = useT();
  const tree = useInventoryStore((s) => s.tree);
  const refresh = useInventoryStore((s) => s.refresh);
  const close = useModalStore((s) => s.close);
  const select = useUiStore((s) => s.select);
  const existing = findService(tree, id);
  const envId = existing?.environmentId ?? environmentId;
  const env = findEnv(tree, envId);
  const project = findProject(tree, env?.projectId);
  const [name, setName] = useState(existing?.name ?? '');
  const [kind, setKind] = useState<ServiceKind>(existing?.kind ?? 'pm2-app');
  const [host, setHost] = useState(existing?.hostId ?? hostId ?? '');
  const [credentialId, setCredentialId] = useState(existing?.credentialId ?? '');
  const [notes, setNotes] = useState(existing?.notes ?? '');
  const [config, setConfig] = useState(existing ? configToText(existing.config) : {});
  const { errors, formErrors, busy, run } = useFormSubmit(PATHS);

  // Fields of the kind, plus any the stored service already has (never hide a stored value).
  const kept = existing && existing.kind === kind ? (Object.keys(configToText(existing.config)) as ConfigField[]) : [];
  const visible = CONFIG_FIELDS.filter((f) => FIELDS_BY_KIND[kind].includes(f) || kept.includes(f));

  const buildConfig = (): ServiceConfig => {
    const out: Record<string, unknown> = {};
    for (const f of visible) {
      const text = (config[f] ?? '').trim();
      if (!text) continue;
      if (NUMBER_FIELDS.includes(f)) out[f] = parseNumberField(text);
      else if (f === 'serverNames') out[f] = splitList(text);
      else out[f] = text;
    }
    return out as ServiceConfig;
  };

  const save = async () => {
    const body = { name, kind, hostId: host || null, credentialId: credentialId || null, notes, config: buildConfig() };
    const ok = await run(async () => {
      const svc = existing
        ? await call('services.update', { id: existing.id, ...body })
        : await call('services.create', { environmentId: envId, ...body });
      select({ type: 'service', id: svc.id });
    });
    if (ok) {
      close();
      notify(t(existing ? 'toast.saved' : 'toast.created', { name: name.trim() }));
      void refresh();
    }
  };

  const renderConfig = (f: ConfigField) => {
    const tid = fieldTestId(f);
    const value = config[f] ?? '';
    const onChange = (e: { target: { value: string } }) => setConfig({ ...config, [f]: e.target.value });
    const control =
      f === 'platform' ? (
        <select data-testid={tid} value={value} onChange={onChange}>
          <option value="">{t('common.choose')}</option>
          {PaasPlatform.options.map((p) => (
            <option key={p} value={p}>{t(`platform.${p}`)}</option>
          ))}
        </select>
      ) : f === 'command' ? (
        <textarea data-testid={tid} className="mono" rows={2} value={value} onChange={onChange} spellCheck={false} />
      ) : (
        <input
          data-testid={tid}
          className={MONO_FIELDS.includes(f) ? 'mono' : undefined}
          inputMode={NUMBER_FIELDS.includes(f) ? 'numeric' : undefined}
          value={value}
          onChange={onChange}
          spellCheck={false}
          placeholder={t(`config.${f}.placeholder`)}
        />
      );
    return (
      <Field key={f} label={t(`config.${f}`)} testId={tid} error={errors[`config.${f}`]} wide={f === 'command' || f === 'url'}>
        {control}
      </Field>
    );
  };

  return (
    <FormModal
      title={existing ? t('service.edit', { name: existing.name }) : t('service.newIn', { where: `${project?.name ?? ''} / ${env?.name ?? ''}` })}
      testId="service-form"
      busy={busy}
      formErrors={formErrors.concat(errors.config ? [errors.config] : [])}
      onSubmit={save}
      onClose={close}
      wide
    >
      <Field label={t('field.name')} testId="service-name" error={errors.name}>
        <input data-testid="service-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="api" />
      </Field>
      <Field label={t('field.kind')} testId="service-kind" error={errors.kind}>
        <select data-testid="service-kind" value={kind} onChange={(e) => setKind(e.target.value as ServiceKind)}>
          {ServiceKind.options.map((k) => (
            <option key={k} value={k}>{t(`service.kind.${k}`)}</option>
          ))}
        </select>
      </Field>
      <Field label={t('field.host')} testId="service-host" error={errors.hostId}>
        <select data-testid="service-host" value={host} onChange={(e) => setHost(e.target.value)}>
          <option value="">{t('service.noHost')}</option>
          {hostsOf(tree, envId).map((h) => (
            <option key={h.id} value={h.id}>{`${h.name} (${h.address})`}</option>
          ))}
        </select>
      </Field>
      <Field label={t('field.credential')} testId="service-credential" error={errors.credentialId}>
        <select data-testid="service-credential" value={credentialId} onChange={(e) => setCredentialId(e.target.value)}>
          <option value="">{t('common.none')}</option>
          {tree.credentials.map((c) => (
            <option key={c.id} value={c.id}>{`${c.name} (${t(`credential.kind.${c.kind}`)})`}</option>
          ))}
        </select>
      </Field>
      <h3 className="form-section field-wide">{t('service.settingsFor', { kind: t(`service.kind.${kind}`) })}</h3>
      {visible.map(renderConfig)}
      <Field label={t('field.notes')} testId="service-notes" error={errors.notes} wide>
        <textarea data-testid="service-notes" rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </Field>
    </FormModal>
  );
}
