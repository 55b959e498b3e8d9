import { useEffect } from 'react';
import { isAppError } from '../../../src-main/contract';
import { PageIcon } from '../../components/icons';
import { useT } from '../../i18n';
import { useInventoryStore } from '../../stores/inventory-store';
import { findService } from '../inventory/inventory-selectors';
import { Section } from '../inventory/detail-parts';
import { AlertSinksTable, SinkForm } from './alert-sinks';
import { CheckForm } from './check-form';
import { ChecksTable } from './checks-table';
import { useHealthDialogs } from './health-dialogs';
import { useHealthStore } from './health-store';
import { IncidentsTable } from './incidents-section';
import { MaintenanceForm, MaintenanceTable } from './maintenance-section';
import { NotificationPermission } from './notification-permission';
import { SuggestedChecks } from './suggested-checks';
import './health.css';

/** Beats and durations move between state changes: refresh the page's lists this often while it is open. */
const PAGE_REFRESH_MS = 5000;

function HealthDialogHost() {
  const dialog = useHealthDialogs((s) => s.dialog);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'check':
      return <CheckForm key={dialog.id ?? 'new'} id={dialog.id} serviceId={dialog.serviceId} initial={dialog.draft} />;
    case 'suggest':
      return <SuggestedChecks serviceId={dialog.serviceId} />;
    case 'maintenance':
      return <MaintenanceForm checkId={dialog.checkId} serviceId={dialog.serviceId} />;
    case 'sink':
      return <SinkForm id={dialog.id} />;
  }
}

/**
 * Health: checks with state, latency, message and recent beats (add, test, edit, run now);
 * incidents with durations; maintenance windows; where alerts go (webhook, Slack, email).
 */
export function HealthPage() {
  const t = useT();
  const tree = useInventoryStore((s) => s.tree);
  const { checks, incidents, maintenance, sinks, summary, error, loaded, serviceFilter, setFilter } = useHealthStore();
  const open = useHealthDialogs((s) => s.open);

  useEffect(() => {
    const s = useHealthStore.getState();
    void s.refresh();
    void s.refreshSinks();
    const timer = setInterval(() => void useHealthStore.getState().refresh(), PAGE_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  const service = findService(tree, serviceFilter);
  const shown = service ? checks.filter((c) => c.serviceId === service.id) : checks;
  const shownIncidents = service ? incidents.filter((i) => i.serviceId === service.id) : incidents;
  const services = tree.services.filter((s) => checks.some((c) => c.serviceId === s.id) || s.id === serviceFilter).sort((a, b) => a.name.localeCompare(b.name));

  return (
    <main className="page page-scroll health-page" data-testid="page-health">
      <div className="health-toolbar">
        <h1 className="page-title">
          <PageIcon page="health" /> {t('nav.health')}
        </h1>
        <div className="health-counts" data-testid="health-counts">
          {(['down', 'pending', 'up', 'maintenance'] as const).map((k) => (
            <span key={k} className={`state-badge state-${k}${summary && summary[k] > 0 ? '' : ' state-zero'}`} data-testid={`health-count-${k}`} data-n={summary?.[k] ?? 0}>
              {summary?.[k] ?? 0} {t(`health.state.${k}`)}
            </span>
          ))}
        </div>
        <label className="metrics-picker">
          <span className="muted">{t('health.service')}</span>
          <select data-testid="health-service-filter" value={service?.id ?? ''} onChange={(e) => setFilter(e.target.value || null)}>
            <option value="">{t('health.allServices')}</option>
            {services.map((s) => (
              <option key={s.id} value={s.id}>{s.name}</option>
            ))}
          </select>
        </label>
        <span className="health-toolbar-end">
          <NotificationPermission />
        </span>
      </div>

      {error != null && (
        <div className="warning" role="alert" data-testid="health-error">
          {isAppError(error) ? (
            <>
              <strong>{error.message}</strong> {error.hint && <span className="muted">{error.hint}</span>}
            </>
          ) : (
            String(error)
          )}
        </div>
      )}

      <Section
        title={service ? t('health.checksOf', { name: service.name }) : t('health.checks')}
        testId="checks-section"
        actions={
          <>
            {service && (
              <button type="button" className="btn btn-small" data-testid="checks-suggest" onClick={() => open({ kind: 'suggest', serviceId: service.id })}>
                {t('health.suggested')}
              </button>
            )}
            <button type="button" className="btn btn-small btn-primary" data-testid="add-check" onClick={() => open({ kind: 'check', serviceId: service?.id ?? null })}>
              + {t('health.addCheck')}
            </button>
          </>
        }
      >
        {loaded || checks.length ? <ChecksTable checks={shown} /> : <p className="muted" data-testid="loading">{t('common.loading')}</p>}
      </Section>

      <Section title={t('health.incidents')} testId="incidents-section">
        <IncidentsTable incidents={shownIncidents} />
      </Section>

        <Section
          title={t('health.maintenance')}
          testId="maintenance-section"
          actions={
            <button type="button" className="btn btn-small" data-testid="add-maintenance" onClick={() => open({ kind: 'maintenance', serviceId: service?.id ?? null })}>
              + {t('health.addMaintenance')}
            </button>
          }
        >
          <MaintenanceTable windows={maintenance} />
        </Section>
        <Section
          title={t('health.alerts')}
          testId="sinks-section"
          actions={
            <button type="button" className="btn btn-small" data-testid="add-sink" onClick={() => open({ kind: 'sink' })}>
              + {t('health.addSink')}
            </button>
          }
        >
          <p className="muted small">{t('health.alertsHint')}</p>
          <AlertSinksTable sinks={sinks} />
        </Section>
      <HealthDialogHost />
    </main>
  );
}
