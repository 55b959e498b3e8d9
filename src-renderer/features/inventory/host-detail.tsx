import type { Host } from '../../../src-main/contract';
import { HealthDot } from '../../components/health-dot';
import { SecretStatePill } from '../../components/secret-state';
import { useT } from '../../i18n';
import { useInventoryStore } from '../../stores/inventory-store';
import { useModalStore } from '../../stores/modal-store';
import { useUiStore } from '../../stores/ui-store';
import { DetailHeader, EmptyRow, EnvBadges, EnvBreadcrumb, KeyValues, Section } from './detail-parts';
import { findEnv, findHost, findProject, servicesOnHost } from './inventory-selectors';
import { serviceSummary } from './service-summary';
import { useDeleteActions } from './use-delete-actions';
import { openLogsFor } from '../logs/logs-store';
import { MetricsChecksButtons } from '../health/detail-buttons';
import { HostSshSection } from '../hosts/host-ssh-section';

export function HostDetail({ host }: { host: Host }) {
  const t = useT();
  const tree = useInventoryStore((s) => s.tree);
  const open = useModalStore((s) => s.open);
  const select = useUiStore((s) => s.select);
  const del = useDeleteActions();
  const env = findEnv(tree, host.environmentId);
  const project = findProject(tree, env?.projectId);
  const services = servicesOnHost(tree, host.id);
  const jump = findHost(tree, host.jumpHostId);
  const credential = tree.credentials.find((c) => c.id === host.credentialId);
  return (
    <div className="detail" data-testid="host-detail">
      <DetailHeader
        kindLabel={t('kind.host')}
        title={host.name}
        badges={<EnvBadges env={env} />}
        subtitle={<EnvBreadcrumb project={project} env={env} />}
        actions={
          <>
            <button type="button" className="btn" data-testid="host-open-logs" onClick={() => openLogsFor({ type: 'host', id: host.id })}>
              {t('logs.openLogs')}
            </button>
            <MetricsChecksButtons target={{ kind: 'host', id: host.id }} />
            <button type="button" className="btn" data-testid="edit-host" onClick={() => open({ kind: 'host', environmentId: host.environmentId, id: host.id })}>
              {t('common.edit')}
            </button>
            <button type="button" className="btn btn-danger-quiet" data-testid="delete-host" onClick={() => del.host(host)}>
              {t('common.delete')}
            </button>
          </>
        }
      />
      <div className="detail-columns">
        <Section title={t('host.connection')}>
          <KeyValues
            items={[
              { label: t('field.address'), value: host.address, mono: true, testId: 'host-detail-address' },
              { label: t('field.port'), value: String(host.port), mono: true, testId: 'host-detail-port' },
              { label: t('field.user'), value: host.username, mono: true, testId: 'host-detail-user' },
              { label: t('field.authMethod'), value: t(`host.auth.${host.authMethod}`), testId: 'host-detail-auth' },
              { label: t('field.provider'), value: t(`host.provider.${host.provider}`) },
              { label: t('field.jumpHost'), value: jump ? `${jump.name} (${jump.address})` : '' },
              { label: t('field.credential'), value: credential?.name ?? '' },
              { label: t('field.tags'), value: host.tags.length ? host.tags.map((tag) => <span className="tag" key={tag}>{tag}</span>) : '' },
            ]}
          />
        </Section>
        <Section title={t('host.secrets')} testId="host-secrets">
          <KeyValues
            items={[
              { label: t('field.password'), value: <SecretStatePill state={host.secrets.password} testId="host-secret-password" /> },
              { label: t('field.privateKey'), value: <SecretStatePill state={host.secrets.privateKey} testId="host-secret-private-key" /> },
              { label: t('field.keyPassphrase'), value: <SecretStatePill state={host.secrets.passphrase} testId="host-secret-passphrase" /> },
            ]}
          />
          <p className="muted small">{t('secret.neverShown')}</p>
        </Section>
      </div>
      <HostSshSection host={host} />
      {host.notes && (
        <Section title={t('field.notes')}>
          <p className="notes" data-testid="host-detail-notes">{host.notes}</p>
        </Section>
      )}
      <Section
        title={t('host.runsHere')}
        actions={
          <button type="button" className="btn btn-small" data-testid="add-service" onClick={() => open({ kind: 'service', environmentId: host.environmentId, hostId: host.id })}>
            + {t('service.add')}
          </button>
        }
      >
        <table className="table">
          <tbody>
            {services.length === 0 && <EmptyRow colSpan={4} text={t('host.nothingRuns')} />}
            {services.map((s) => (
              <tr key={s.id}>
                <td className="col-dot"><HealthDot /></td>
                <td>
                  <button type="button" className="link-btn" data-testid={`service-row-${s.name}`} onClick={() => select({ type: 'service', id: s.id })}>
                    {s.name}
                  </button>
                </td>
                <td>{t(`service.kind.${s.kind}`)}</td>
                <td className="mono ellipsis">{serviceSummary(s)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <p className="muted small later-note">{t('host.later')}</p>
    </div>
  );
}
