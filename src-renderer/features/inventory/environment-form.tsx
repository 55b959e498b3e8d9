import { useState } from 'react';
import { EnvironmentKind } from '../../../src-main/contract';
import { call } from '../../api/client';
import { Field } from '../../components/field';
import { FormModal } from '../../components/form-modal';
import { useFormSubmit } from '../../components/use-form-submit';
import { useT } from '../../i18n';
import { useInventoryStore } from '../../stores/inventory-store';
import { useModalStore } from '../../stores/modal-store';
import { notify } from '../../stores/toast-store';
import { useUiStore } from '../../stores/ui-store';
import { findEnv, findProject } from './inventory-selectors';

export function EnvironmentForm({ projectId, id }: { projectId: string; id?: string }) {
  const t = useT();
  const tree = useInventoryStore((s) => s.tree);
  const refresh = useInventoryStore((s) => s.refresh);
  const close = useModalStore((s) => s.close);
  const select = useUiStore((s) => s.select);
  const existing = findEnv(tree, id);
  const project = findProject(tree, existing?.projectId ?? projectId);
  const [name, setName] = useState(existing?.name ?? '');
  const [kind, setKind] = useState<EnvironmentKind>(existing?.kind ?? 'production');
  const { errors, formErrors, busy, run } = useFormSubmit(['name', 'kind']);

  const save = async () => {
    const ok = await run(async () => {
      const env = existing
        ? await call('environments.update', { id: existing.id, name, kind })
        : await call('environments.create', { projectId, name, kind });
      select({ type: 'environment', id: env.id });
    });
    if (ok) {
      close();
      notify(t(existing ? 'toast.saved' : 'toast.created', { name: name.trim() }));
      void refresh();
    }
  };

  return (
    <FormModal
      title={existing ? t('env.edit', { name: existing.name }) : t('env.newIn', { project: project?.name ?? '' })}
      testId="env-form"
      busy={busy}
      formErrors={formErrors}
      onSubmit={save}
      onClose={close}
    >
      <Field label={t('field.name')} testId="env-name" error={errors.name}>
        <input data-testid="env-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="production" />
      </Field>
      <Field label={t('field.envKind')} testId="env-kind" error={errors.kind}>
        <select data-testid="env-kind" value={kind} onChange={(e) => setKind(e.target.value as EnvironmentKind)}>
          {EnvironmentKind.options.map((k) => (
            <option key={k} value={k}>
              {t(`env.kind.${k}`)}
            </option>
          ))}
        </select>
      </Field>
      {kind === 'production' && <p className="field-wide form-note">{t('env.prodNote')}</p>}
    </FormModal>
  );
}
