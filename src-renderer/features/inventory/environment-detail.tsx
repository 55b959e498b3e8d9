import type { Environment } from '../../../src-main/contract';
import { EnvBadge } from '../../components/env-badge';
import { HealthDot } from '../../components/health-dot';
import { useT } from '../../i18n';
import { useInventoryStore } from '../../stores/inventory-store';
import { useModalStore } from '../../stores/modal-store';
import { useUiStore } from '../../stores/ui-store';
import { useSshConfigImport } from '../hosts/ssh-config-import-store';
import { DetailHeader, EmptyRow, Section } from './detail-parts';
import { findHost, findProject, hostsOf, servicesOf, servicesOnHost } from './inventory-selectors';
import { serviceSummary } from './service-summary';
import { useDeleteActions } from './use-delete-actions';

export function EnvironmentDetail({ env }: { env: Environment }) {
  const t = useT();
  const tree = useInventoryStore((s) => s.tree);
  const open = useModalStore((s) => s.open);
  const select = useUiStore((s) => s.select);
  const del = useDeleteActions();
  const project = findProject(tree, env.projectId);
  const hosts = hostsOf(tree, env.id);
  const services = servicesOf(tree, env.id);
  return (
    <div className="detail" data-testid="environment-detail">
      <DetailHeader
        kindLabel={t('kind.environment')}
        title={env.name}
        badges={<EnvBadge kind={env.kind} />}
        subtitle={
          <button type="button" className="link-btn" onClick={() => project && select({ type: 'project', id: project.id })}>
            {project?.name}
          </button>
        }
        actions={
          <>
            <button type="button" className="btn" data-testid="edit-environment" onClick={() => open({ kind: 'environment', projectId: env.projectId, id: env.id })}>
              {t('common.edit')}
            </button>
            <button type="button" className="btn btn-danger-quiet" data-testid="delete-environment" onClick={() => del.environment(env)}>
              {t('common.delete')}
            </button>
          </>
        }
      />
      <Section
        title={t('host.plural')}
        actions={
          <>
            <button type="button" className="btn btn-small" data-testid="import-ssh-config" onClick={() => useSshConfigImport.getState().show(env.projectId, env.name)}>
              {t('sshImport.action')}
            </button>
            <button type="button" className="btn btn-small" data-testid="add-host" onClick={() => open({ kind: 'host', environmentId: env.id })}>
              + {t('host.add')}
            </button>
          </>
        }
      >
        <table className="table">
          <thead>
            <tr>
              <th className="col-dot" />
              <th>{t('field.name')}</th>
              <th>{t('field.address')}</th>
              <th>{t('host.login')}</th>
              <th>{t('field.provider')}</th>
              <th className="num">{t('service.plural')}</th>
            </tr>
          </thead>
          <tbody>
            {hosts.length === 0 && <EmptyRow colSpan={6} text={t('host.none')} />}
            {hosts.map((h) => (
              <tr key={h.id}>
                <td className="col-dot"><HealthDot /></td>
                <td>
                  <button type="button" className="link-btn" data-testid={`host-row-${h.name}`} onClick={() => select({ type: 'host', id: h.id })}>
                    {h.name}
                  </button>
                </td>
                <td className="mono">{h.address}</td>
                <td className="mono">{`${h.username}:${h.port}`} <span className="muted">· {t(`host.auth.${h.authMethod}`)}</span></td>
                <td>{t(`host.provider.${h.provider}`)}</td>
                <td className="num">{servicesOnHost(tree, h.id).length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section
        title={t('service.plural')}
        actions={
          <button type="button" className="btn btn-small" data-testid="add-service" onClick={() => open({ kind: 'service', environmentId: env.id })}>
            + {t('service.add')}
          </button>
        }
      >
        <table className="table">
          <thead>
            <tr>
              <th className="col-dot" />
              <th>{t('field.name')}</th>
              <th>{t('field.kind')}</th>
              <th>{t('field.host')}</th>
              <th>{t('service.endpoint')}</th>
            </tr>
          </thead>
          <tbody>
            {services.length === 0 && <EmptyRow colSpan={5} text={t('service.none')} />}
            {services.map((s) => (
              <tr key={s.id}>
                <td className="col-dot"><HealthDot /></td>
                <td>
                  <button type="button" className="link-btn" data-testid={`service-row-${s.name}`} onClick={() => select({ type: 'service', id: s.id })}>
                    {s.name}
                  </button>
                </td>
                <td>{t(`service.kind.${s.kind}`)}</td>
                <td>{findHost(tree, s.hostId)?.name ?? <span className="muted">—</span>}</td>
                <td className="mono ellipsis">{serviceSummary(s)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
    </div>
  );
}
