import { useState } from 'react';
import { call } from '../../api/client';
import { Field } from '../../components/field';
import { FormModal } from '../../components/form-modal';
import { useFormSubmit } from '../../components/use-form-submit';
import { useT } from '../../i18n';
import { useInventoryStore } from '../../stores/inventory-store';
import { useModalStore } from '../../stores/modal-store';
import { notify } from '../../stores/toast-store';
import { useUiStore } from '../../stores/ui-store';
import { findProject } from './inventory-selectors';

export function ProjectForm({ id }: { id?: string }) {
  const t = useT();
  const tree = useInventoryStore((s) => s.tree);
  const refresh = useInventoryStore((s) => s.refresh);
  const close = useModalStore((s) => s.close);
  const select = useUiStore((s) => s.select);
  const existing = findProject(tree, id);
  const [name, setName] = useState(existing?.name ?? '');
  const [description, setDescription] = useState(existing?.description ?? '');
  const { errors, formErrors, busy, run } = useFormSubmit(['name', 'description']);

  const save = async () => {
    const ok = await run(async () => {
      const p = existing
        ? await call('projects.update', { id: existing.id, name, description })
        : await call('projects.create', { name, description });
      select({ type: 'project', id: p.id });
    });
    if (ok) {
      close();
      notify(t(existing ? 'toast.saved' : 'toast.created', { name: name.trim() }));
      void refresh();
    }
  };

  return (
    <FormModal
      title={existing ? t('project.edit', { name: existing.name }) : t('project.new')}
      testId="project-form"
      busy={busy}
      formErrors={formErrors}
      onSubmit={save}
      onClose={close}
    >
      <Field label={t('field.name')} testId="project-name" error={errors.name} wide>
        <input data-testid="project-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="ia-comercial" />
      </Field>
      <Field label={t('field.description')} testId="project-description" error={errors.description} wide>
        <textarea data-testid="project-description" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
      </Field>
    </FormModal>
  );
}
