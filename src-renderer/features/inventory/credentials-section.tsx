import { SecretStatePill } from '../../components/secret-state';
import { useT } from '../../i18n';
import { useInventoryStore } from '../../stores/inventory-store';
import { useModalStore } from '../../stores/modal-store';
import { DetailHeader, EmptyRow, Section } from './detail-parts';
import { useDeleteActions } from './use-delete-actions';

/** Shared secrets (SSH keys, database URLs, API tokens) that hosts and services can point at. */
export function CredentialsSection() {
  const t = useT();
  const tree = useInventoryStore((s) => s.tree);
  const open = useModalStore((s) => s.open);
  const del = useDeleteActions();
  const usage = (id: string) => tree.hosts.filter((h) => h.credentialId === id).length + tree.services.filter((s) => s.credentialId === id).length;
  return (
    <div className="detail" data-testid="credentials-section">
      <DetailHeader
        kindLabel={t('credentials.kicker')}
        title={t('credentials.title')}
        subtitle={t('credentials.explain')}
        actions={
          <button type="button" className="btn btn-primary" data-testid="add-credential" onClick={() => open({ kind: 'credential' })}>
            + {t('credential.new')}
          </button>
        }
      />
      <Section title={t('credentials.stored')}>
        <table className="table">
          <thead>
            <tr>
              <th>{t('field.name')}</th>
              <th>{t('field.kind')}</th>
              <th>{t('field.username')}</th>
              <th>{t('credential.value')}</th>
              <th>{t('field.keyPassphrase')}</th>
              <th className="num">{t('credential.usedBy')}</th>
              <th className="col-actions" />
            </tr>
          </thead>
          <tbody>
            {tree.credentials.length === 0 && <EmptyRow colSpan={7} text={t('credential.none')} />}
            {[...tree.credentials]
              .sort((a, b) => a.name.localeCompare(b.name))
              .map((c) => (
                <tr key={c.id} data-testid={`credential-row-${c.name}`}>
                  <td>{c.name}</td>
                  <td>{t(`credential.kind.${c.kind}`)}</td>
                  <td className="mono">{c.username}</td>
                  <td><SecretStatePill state={c.secrets.value} testId="credential-value-state" /></td>
                  <td><SecretStatePill state={c.secrets.passphrase} testId="credential-passphrase-state" /></td>
                  <td className="num">{usage(c.id)}</td>
                  <td className="col-actions">
                    <button type="button" className="btn btn-small" data-testid="credential-edit" onClick={() => open({ kind: 'credential', id: c.id })}>
                      {t('common.edit')}
                    </button>
                    <button type="button" className="btn btn-small btn-danger-quiet" data-testid="credential-delete" onClick={() => del.credential(c)}>
                      {t('common.delete')}
                    </button>
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      </Section>
    </div>
  );
}
