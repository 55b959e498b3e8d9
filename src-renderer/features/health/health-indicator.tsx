import { useEffect } from 'react';
import { useT } from '../../i18n';
import { useVaultStore } from '../../stores/vault-store';
import { AlertToasts } from './alert-toasts';
import { openChecks, useHealthStore } from './health-store';
import './health.css';

/** Status bar: red with the number of DOWN checks (their names on hover), else how many are up; click opens Health. */
export function HealthIndicator() {
  const t = useT();
  const summary = useHealthStore((s) => s.summary);
  const unlocked = useVaultStore((s) => s.status?.state === 'unlocked');
  useEffect(() => {
    if (unlocked) void useHealthStore.getState().refreshSummary();
  }, [unlocked]);
  const down = summary?.failing.filter((f) => f.state === 'down') ?? [];
  const state = !summary ? 'none' : summary.down > 0 ? 'down' : summary.pending > 0 ? 'pending' : summary.up + summary.maintenance > 0 ? 'up' : 'none';
  const label = !summary
    ? t('health.indicator.none')
    : summary.down > 0
      ? t('health.indicator.down', { n: summary.down })
      : summary.pending > 0
        ? t('health.indicator.pending', { n: summary.pending })
        : summary.up + summary.maintenance > 0
          ? t('health.indicator.up', { n: summary.up })
          : t('health.indicator.none');
  const title = down.length ? down.map((f) => `${f.name}${f.message ? ` — ${f.message}` : ''}`).join('\n') : label;
  return (
    <>
      <button
        type="button"
        className={`status-health status-health-${state}`}
        data-testid="status-health"
        data-state={state}
        data-down={summary?.down ?? 0}
        title={title}
        onClick={() => openChecks(null)}
      >
        <span className={`dot ${state === 'down' ? 'dot-down' : state === 'up' ? 'dot-healthy' : state === 'pending' ? 'dot-degraded' : ''}`} aria-hidden="true" />
        {label}
      </button>
      <AlertToasts />
    </>
  );
}
