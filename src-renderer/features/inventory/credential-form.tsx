import { useState } from 'react';
import { CredentialKind } from '../../../src-main/contract';
import { call } from '../../api/client';
import { Field } from '../../components/field';
import { FormModal } from '../../components/form-modal';
import { KEEP, SecretField, secretInput, type SecretDraft } from '../../components/secret-field';
import { useFormSubmit } from '../../components/use-form-submit';
import { useT } from '../../i18n';
import { useInventoryStore } from '../../stores/inventory-store';
import { useModalStore } from '../../stores/modal-store';
import { notify } from '../../stores/toast-store';

export function CredentialForm({ id }: { id?: string }) {
  const t = useT();
  const tree = useInventoryStore((s) => s.tree);
  const refresh = useInventoryStore((s) => s.refresh);
  const close = useModalStore((s) => s.close);
  const existing = tree.credentials.find((c) => c.id === id);
  const [name, setName] = useState(existing?.name ?? '');
  const [kind, setKind] = useState<CredentialKind>(existing?.kind ?? 'ssh-key');
  const [username, setUsername] = useState(existing?.username ?? '');
  const [notes, setNotes] = useState(existing?.notes ?? '');
  // Secret drafts stay in this component only and are cleared once saved.
  const [value, setValue] = useState<SecretDraft>(KEEP);
  const [passphrase, setPassphrase] = useState<SecretDraft>(KEEP);
  const { errors, formErrors, busy, run } = useFormSubmit(['name', 'kind', 'username', 'notes', 'secrets.value', 'secrets.passphrase']);

  const save = async () => {
    const secrets = Object.fromEntries(
      Object.entries({ value: secretInput(value), passphrase: secretInput(passphrase) }).filter(([, v]) => v),
    );
    const body = { name, kind, username, notes, secrets };
    const ok = await run(async () => {
      if (existing) await call('credentials.update', { id: existing.id, ...body });
      else await call('credentials.create', body);
    });
    if (ok) {
      setValue(KEEP);
      setPassphrase(KEEP);
      close();
      notify(t(existing ? 'toast.saved' : 'toast.created', { name: name.trim() }));
      void refresh();
    }
  };

  return (
    <FormModal
      title={existing ? t('credential.edit', { name: existing.name }) : t('credential.new')}
      testId="credential-form"
      busy={busy}
      formErrors={formErrors}
      onSubmit={save}
      onClose={close}
      wide
    >
      <Field label={t('field.name')} testId="credential-name" error={errors.name}>
        <input data-testid="credential-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="deploy-key" />
      </Field>
      <Field label={t('field.kind')} testId="credential-kind" error={errors.kind}>
        <select data-testid="credential-kind" value={kind} onChange={(e) => setKind(e.target.value as CredentialKind)}>
          {CredentialKind.options.map((k) => (
            <option key={k} value={k}>{t(`credential.kind.${k}`)}</option>
          ))}
        </select>
      </Field>
      <Field label={t('field.username')} testId="credential-username" error={errors.username} wide>
        <input data-testid="credential-username" className="mono" value={username} onChange={(e) => setUsername(e.target.value)} spellCheck={false} />
      </Field>
      <SecretField
        label={t(`credential.valueLabel.${kind}`)}
        testId="credential-value"
        stored={existing?.secrets.value ?? null}
        draft={value}
        onChange={setValue}
        multiline={kind === 'ssh-key'}
        error={errors['secrets.value']}
      />
      <SecretField label={t('field.keyPassphrase')} testId="credential-passphrase" stored={existing?.secrets.passphrase ?? null} draft={passphrase} onChange={setPassphrase} error={errors['secrets.passphrase']} />
      <Field label={t('field.notes')} testId="credential-notes" error={errors.notes} wide>
        <textarea data-testid="credential-notes" rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </Field>
    </FormModal>
  );
}
