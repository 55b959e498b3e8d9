import { useEffect, useState } from 'react';
import type { Check, MetricTarget } from '../../../src-main/contract';
import { call } from '../../api/client';
import { useT } from '../../i18n';
import { Section } from '../inventory/detail-parts';
import { openMetrics } from '../metrics/metrics-view-store';
import { useHealthDialogs } from './health-dialogs';
import { openChecks, useHealthStore } from './health-store';
import { StateBadge } from './state-badge';

/** "Metrics" and "Checks" in a host's or service's header. */
export function MetricsChecksButtons({ target }: { target: MetricTarget }) {
  const t = useT();
  return (
    <>
      <button type="button" className="btn" data-testid={`${target.kind}-open-metrics`} onClick={() => openMetrics(target)}>
        {t('metrics.open')}
      </button>
      <button type="button" className="btn" data-testid={`${target.kind}-open-checks`} onClick={() => openChecks(target.kind === 'service' ? target.id : null)}>
        {t('health.open')}
      </button>
    </>
  );
}

/** A service's checks in its detail pane: state, last message; add one or see suggestions. */
export function ServiceChecksSummary({ serviceId }: { serviceId: string }) {
  const t = useT();
  const summary = useHealthStore((s) => s.summary);
  const [checks, setChecks] = useState<Check[] | null>(null);
  useEffect(() => {
    let live = true;
    call('checks.list', { serviceId })
      .then((c) => live && setChecks(c))
      .catch(() => live && setChecks(null));
    return () => {
      live = false;
    };
    // The summary changes with every state change: refetch this service's checks then.
  }, [serviceId, summary]);
  const suggest = () => {
    openChecks(serviceId);
    useHealthDialogs.getState().open({ kind: 'suggest', serviceId });
  };
  return (
    <Section
      title={t('health.checks')}
      testId="service-checks"
      actions={
        <button type="button" className="btn btn-small" data-testid="service-suggest-checks" onClick={suggest}>
          {t('health.suggested')}
        </button>
      }
    >
      {checks === null || checks.length === 0 ? (
        <p className="muted small" data-testid="service-checks-none">{t('health.summaryNone')}</p>
      ) : (
        <table className="table">
          <tbody>
            {checks.map((c) => (
              <tr key={c.id} data-testid={`service-check-${c.name}`}>
                <td className="col-dot">
                  <StateBadge state={c.state} />
                </td>
                <td>
                  <button type="button" className="link-btn" onClick={() => openChecks(serviceId, c.id)}>{c.name}</button>
                </td>
                <td className="muted small ellipsis">{c.lastMessage ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
