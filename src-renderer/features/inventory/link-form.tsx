import { useState } from 'react';
import { LinkKind } from '../../../src-main/contract';
import { call } from '../../api/client';
import { Field } from '../../components/field';
import { FormModal } from '../../components/form-modal';
import { useFormSubmit } from '../../components/use-form-submit';
import { useT } from '../../i18n';
import { useInventoryStore } from '../../stores/inventory-store';
import { useModalStore } from '../../stores/modal-store';
import { notify } from '../../stores/toast-store';
import { findEnv, findProject, servicesOfProject } from './inventory-selectors';

export function LinkForm({ projectId, fromServiceId }: { projectId: string; fromServiceId?: string }) {
  const t = useT();
  const tree = useInventoryStore((s) => s.tree);
  const refresh = useInventoryStore((s) => s.refresh);
  const close = useModalStore((s) => s.close);
  const project = findProject(tree, projectId);
  const services = servicesOfProject(tree, projectId);
  const [from, setFrom] = useState(fromServiceId ?? services[0]?.id ?? '');
  const [kind, setKind] = useState<LinkKind>('depends-on');
  const [to, setTo] = useState(services.find((s) => s.id !== from)?.id ?? '');
  const { errors, formErrors, busy, run } = useFormSubmit(['fromServiceId', 'kind', 'toServiceId']);

  const label = (id: string) => {
    const s = services.find((x) => x.id === id);
    return s ? `${s.name} — ${findEnv(tree, s.environmentId)?.name ?? ''}` : id;
  };

  const save = async () => {
    const ok = await run(async () => {
      await call('links.create', { fromServiceId: from, toServiceId: to, kind });
    });
    if (ok) {
      close();
      notify(t('toast.linkCreated', { from: label(from), kind: t(`link.kind.${kind}`), to: label(to) }));
      void refresh();
    }
  };

  const options = services.map((s) => (
    <option key={s.id} value={s.id}>
      {label(s.id)}
    </option>
  ));

  return (
    <FormModal title={t('link.newIn', { project: project?.name ?? '' })} testId="link-form" busy={busy} formErrors={formErrors} onSubmit={save} onClose={close}>
      {services.length < 2 && <p className="field-wide form-note">{t('link.needTwo')}</p>}
      <Field label={t('link.from')} testId="link-from" error={errors.fromServiceId} wide>
        <select data-testid="link-from" value={from} onChange={(e) => setFrom(e.target.value)}>
          <option value="">{t('common.choose')}</option>
          {options}
        </select>
      </Field>
      <Field label={t('link.kind')} testId="link-kind" error={errors.kind} wide>
        <select data-testid="link-kind" value={kind} onChange={(e) => setKind(e.target.value as LinkKind)}>
          {LinkKind.options.map((k) => (
            <option key={k} value={k}>{t(`link.kind.${k}`)}</option>
          ))}
        </select>
      </Field>
      <Field label={t('link.to')} testId="link-to" error={errors.toServiceId} wide>
        <select data-testid="link-to" value={to} onChange={(e) => setTo(e.target.value)}>
          <option value="">{t('common.choose')}</option>
          {options}
        </select>
      </Field>
    </FormModal>
  );
}
