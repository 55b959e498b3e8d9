import type { Service } from '../../../src-main/contract';
import { useT } from '../../i18n';
import { useInventoryStore } from '../../stores/inventory-store';
import { useModalStore } from '../../stores/modal-store';
import { useUiStore } from '../../stores/ui-store';
import { DetailHeader, EnvBadges, EnvBreadcrumb, KeyValues, Section, type KvItem } from './detail-parts';
import { findEnv, findHost, findProject, linksOfService } from './inventory-selectors';
import { LinksTable } from './links-table';
import { CONFIG_FIELDS, MONO_FIELDS, configToText } from './service-kinds';
import { useDeleteActions } from './use-delete-actions';
import { openLogsFor } from '../logs/logs-store';
import { MetricsChecksButtons, ServiceChecksSummary } from '../health/detail-buttons';

export function ServiceDetail({ service }: { service: Service }) {
  const t = useT();
  const tree = useInventoryStore((s) => s.tree);
  const open = useModalStore((s) => s.open);
  const select = useUiStore((s) => s.select);
  const del = useDeleteActions();
  const env = findEnv(tree, service.environmentId);
  const project = findProject(tree, env?.projectId);
  const host = findHost(tree, service.hostId);
  const credential = tree.credentials.find((c) => c.id === service.credentialId);
  const text = configToText(service.config);
  const configItems: KvItem[] = CONFIG_FIELDS.filter((f) => text[f] !== undefined).map((f) => ({
    label: t(`config.${f}`),
    value: f === 'platform' && service.config.platform ? t(`platform.${service.config.platform}`) : text[f],
    mono: MONO_FIELDS.includes(f) || f === 'port',
    testId: `service-detail-${f}`,
  }));
  return (
    <div className="detail" data-testid="service-detail">
      <DetailHeader
        kindLabel={t(`service.kind.${service.kind}`)}
        title={service.name}
        badges={<EnvBadges env={env} />}
        subtitle={<EnvBreadcrumb project={project} env={env} />}
        actions={
          <>
            <button type="button" className="btn" data-testid="service-open-logs" onClick={() => openLogsFor({ type: 'service', id: service.id })}>
              {t('logs.openLogs')}
            </button>
            <MetricsChecksButtons target={{ kind: 'service', id: service.id }} />
            <button type="button" className="btn" data-testid="edit-service" onClick={() => open({ kind: 'service', environmentId: service.environmentId, id: service.id })}>
              {t('common.edit')}
            </button>
            <button type="button" className="btn btn-danger-quiet" data-testid="delete-service" onClick={() => del.service(service)}>
              {t('common.delete')}
            </button>
          </>
        }
      />
      <Section title={t('service.settings')}>
        <KeyValues
          items={[
            { label: t('field.kind'), value: t(`service.kind.${service.kind}`), testId: 'service-detail-kind' },
            {
              label: t('field.host'),
              value: host ? (
                <button type="button" className="link-btn" onClick={() => select({ type: 'host', id: host.id })}>{`${host.name} (${host.address})`}</button>
              ) : '',
              testId: 'service-detail-host',
            },
            { label: t('field.credential'), value: credential?.name ?? '' },
            ...configItems,
          ]}
        />
      </Section>
      {service.notes && (
        <Section title={t('field.notes')}>
          <p className="notes">{service.notes}</p>
        </Section>
      )}
      <ServiceChecksSummary serviceId={service.id} />
      {project && (
        <Section
          title={t('link.plural')}
          testId="service-links"
          actions={
            <button type="button" className="btn btn-small" data-testid="add-link" onClick={() => open({ kind: 'link', projectId: project.id, fromServiceId: service.id })}>
              + {t('link.add')}
            </button>
          }
        >
          <LinksTable links={linksOfService(tree, service.id)} />
        </Section>
      )}
      <p className="muted small later-note">{t('service.later')}</p>
    </div>
  );
}
