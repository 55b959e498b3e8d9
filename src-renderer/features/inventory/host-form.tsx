import { useState } from 'react';
import { HostAuthMethod, HostProvider } from '../../../src-main/contract';
import { call } from '../../api/client';
import { Field } from '../../components/field';
import { FormModal } from '../../components/form-modal';
import { KEEP, SecretField, secretInput, type SecretDraft } from '../../components/secret-field';
import { useFormSubmit } from '../../components/use-form-submit';
import { useT } from '../../i18n';
import { useInventoryStore } from '../../stores/inventory-store';
import { useModalStore } from '../../stores/modal-store';
import { notify } from '../../stores/toast-store';
import { useUiStore } from '../../stores/ui-store';
import { parseNumberField, splitList } from './form-helpers';
import { findEnv, findHost, findProject } from './inventory-selectors';

const PATHS = [
  'name', 'address', 'port', 'username', 'authMethod', 'provider', 'jumpHostId', 'credentialId', 'tags', 'notes',
  'secrets.password', 'secrets.privateKey', 'secrets.passphrase',
] as const;

export function HostForm({ environmentId, id }: { environmentId: string; id?: string }) {
  const t = useT();
  const tree = useInventoryStore((s) => s.tree);
  const refresh = useInventoryStore((s) => s.refresh);
  const close = useModalStore((s) => s.close);
  const select = useUiStore((s) => s.select);
  const existing = findHost(tree, id);
  const env = findEnv(tree, existing?.environmentId ?? environmentId);
  const project = findProject(tree, env?.projectId);
  const [f, setF] = useState({
    name: existing?.name ?? '',
    address: existing?.address ?? '',
    port: String(existing?.port ?? 22),
    username: existing?.username ?? 'root',
    authMethod: existing?.authMethod ?? ('key' as HostAuthMethod),
    provider: existing?.provider ?? 'vps',
    jumpHostId: existing?.jumpHostId ?? '',
    credentialId: existing?.credentialId ?? '',
    tags: existing?.tags.join(', ') ?? '',
    notes: existing?.notes ?? '',
  });
  // Secret drafts live only in this component and are cleared once saved.
  const [password, setPassword] = useState<SecretDraft>(KEEP);
  const [privateKey, setPrivateKey] = useState<SecretDraft>(KEEP);
  const [passphrase, setPassphrase] = useState<SecretDraft>(KEEP);
  const { errors, formErrors, busy, run } = useFormSubmit(PATHS);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });

  const save = async () => {
    const secrets = {
      password: secretInput(password),
      privateKey: secretInput(privateKey),
      passphrase: secretInput(passphrase),
    };
    const body = {
      name: f.name,
      address: f.address,
      port: parseNumberField(f.port),
      username: f.username,
      authMethod: f.authMethod,
      provider: f.provider as (typeof HostProvider.options)[number],
      jumpHostId: f.jumpHostId || null,
      credentialId: f.credentialId || null,
      tags: splitList(f.tags),
      notes: f.notes,
      secrets: Object.fromEntries(Object.entries(secrets).filter(([, v]) => v)),
    };
    const ok = await run(async () => {
      const host = existing
        ? await call('hosts.update', { id: existing.id, ...body })
        : await call('hosts.create', { environmentId, ...body });
      select({ type: 'host', id: host.id });
    });
    if (ok) {
      setPassword(KEEP);
      setPrivateKey(KEEP);
      setPassphrase(KEEP);
      close();
      notify(t(existing ? 'toast.saved' : 'toast.created', { name: f.name.trim() }));
      void refresh();
    }
  };

  const jumpCandidates = tree.hosts.filter((h) => h.id !== existing?.id);
  const where = `${project?.name ?? ''} / ${env?.name ?? ''}`;
  return (
    <FormModal
      title={existing ? t('host.edit', { name: existing.name }) : t('host.newIn', { where })}
      testId="host-form"
      busy={busy}
      formErrors={formErrors}
      onSubmit={save}
      onClose={close}
      wide
    >
      <Field label={t('field.name')} testId="host-name" error={errors.name}>
        <input data-testid="host-name" value={f.name} onChange={set('name')} placeholder="web-1" />
      </Field>
      <Field label={t('field.address')} testId="host-address" error={errors.address}>
        <input data-testid="host-address" className="mono" value={f.address} onChange={set('address')} placeholder="203.0.113.10" spellCheck={false} />
      </Field>
      <Field label={t('field.port')} testId="host-port" error={errors.port}>
        <input data-testid="host-port" className="mono" inputMode="numeric" value={f.port} onChange={set('port')} />
      </Field>
      <Field label={t('field.user')} testId="host-user" error={errors.username}>
        <input data-testid="host-user" className="mono" value={f.username} onChange={set('username')} spellCheck={false} />
      </Field>
      <Field label={t('field.authMethod')} testId="host-auth" error={errors.authMethod}>
        <select data-testid="host-auth" value={f.authMethod} onChange={set('authMethod')}>
          {HostAuthMethod.options.map((m) => (
            <option key={m} value={m}>{t(`host.auth.${m}`)}</option>
          ))}
        </select>
      </Field>
      <Field label={t('field.provider')} testId="host-provider" error={errors.provider}>
        <select data-testid="host-provider" value={f.provider} onChange={set('provider')}>
          {HostProvider.options.map((p) => (
            <option key={p} value={p}>{t(`host.provider.${p}`)}</option>
          ))}
        </select>
      </Field>
      <Field label={t('field.jumpHost')} testId="host-jump" error={errors.jumpHostId}>
        <select data-testid="host-jump" value={f.jumpHostId} onChange={set('jumpHostId')}>
          <option value="">{t('common.none')}</option>
          {jumpCandidates.map((h) => (
            <option key={h.id} value={h.id}>{`${h.name} (${h.address})`}</option>
          ))}
        </select>
      </Field>
      <Field label={t('field.credential')} testId="host-credential" error={errors.credentialId}>
        <select data-testid="host-credential" value={f.credentialId} onChange={set('credentialId')}>
          <option value="">{t('common.none')}</option>
          {tree.credentials.map((c) => (
            <option key={c.id} value={c.id}>{`${c.name} (${t(`credential.kind.${c.kind}`)})`}</option>
          ))}
        </select>
      </Field>
      <Field label={t('field.tags')} testId="host-tags" error={errors.tags} hint={t('field.tagsHint')} wide>
        <input data-testid="host-tags" value={f.tags} onChange={set('tags')} placeholder="web, nginx" />
      </Field>
      <h3 className="form-section field-wide">{t('host.secrets')}</h3>
      <SecretField label={t('field.password')} testId="host-password" stored={existing?.secrets.password ?? null} draft={password} onChange={setPassword} error={errors['secrets.password']} />
      <SecretField label={t('field.privateKey')} testId="host-private-key" stored={existing?.secrets.privateKey ?? null} draft={privateKey} onChange={setPrivateKey} multiline placeholder="-----BEGIN OPENSSH PRIVATE KEY-----" error={errors['secrets.privateKey']} />
      <SecretField label={t('field.keyPassphrase')} testId="host-passphrase" stored={existing?.secrets.passphrase ?? null} draft={passphrase} onChange={setPassphrase} error={errors['secrets.passphrase']} />
      <Field label={t('field.notes')} testId="host-notes" error={errors.notes} wide>
        <textarea data-testid="host-notes" rows={3} value={f.notes} onChange={set('notes')} />
      </Field>
    </FormModal>
  );
}
