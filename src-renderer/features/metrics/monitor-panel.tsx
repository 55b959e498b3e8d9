import { useState } from 'react';
import type { Host, MonitorStatus } from '../../../src-main/contract';
import { call } from '../../api/client';
import { useT } from '../../i18n';
import { useLanguage } from '../../stores/app-store';
import { reportError } from '../../stores/toast-store';
import { formatWhen } from './metrics-format';

interface MonitorPanelProps {
  host: Host;
  monitor: MonitorStatus | undefined;
  onChanged(m: MonitorStatus): void;
}

/**
 * Whether the host is polled: a clear "Start monitoring (every N s)" when it is not; otherwise
 * its interval, last poll (and how long it took), the last error with its hint, stop / change.
 */
export function MonitorPanel({ host, monitor, onChanged }: MonitorPanelProps) {
  const t = useT();
  const lang = useLanguage();
  const [interval, setIntervalText] = useState(String(monitor?.intervalSec ?? 10));
  const [busy, setBusy] = useState(false);
  const sec = Number(interval);
  const valid = Number.isInteger(sec) && sec >= 1 && sec <= 3600;

  async function set(enabled: boolean) {
    setBusy(true);
    try {
      onChanged(await call('metrics.setMonitor', { hostId: host.id, enabled, intervalSec: valid ? sec : (monitor?.intervalSec ?? 10) }));
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  }

  const enabled = monitor?.enabled ?? false;
  const intervalInput = (
    <label className="monitor-interval">
      <span className="sr-only">{t('metrics.intervalLabel')}</span>
      <input
        type="number"
        min={1}
        max={3600}
        className="input-small"
        data-testid="monitor-interval"
        value={interval}
        aria-invalid={!valid}
        onChange={(e) => setIntervalText(e.target.value)}
      />
      <span className="muted">{t('metrics.seconds')}</span>
    </label>
  );
  return (
    <div className={`monitor-panel${enabled ? '' : ' monitor-off'}`} data-testid="monitor-panel" data-enabled={String(enabled)}>
      {!enabled ? (
        <>
          <div className="monitor-text">
            <strong>{t('metrics.notMonitored', { host: host.name })}</strong>
            <span className="muted small">{t('metrics.notMonitoredHint')}</span>
          </div>
          <div className="monitor-actions">
            {intervalInput}
            <button type="button" className="btn btn-primary" data-testid="monitor-start" disabled={busy || !valid} onClick={() => void set(true)}>
              {t('metrics.startMonitoring', { n: valid ? sec : '…' })}
            </button>
          </div>
        </>
      ) : (
        <>
          <div className="monitor-text">
            <span data-testid="monitor-state">
              <span className={`dot ${monitor!.lastError ? 'dot-down' : 'dot-healthy'}`} aria-hidden="true" /> {t('metrics.monitoring', { host: host.name, n: monitor!.intervalSec })}
            </span>
            <span className="muted small" data-testid="monitor-last-poll">
              {monitor!.lastPollAt
                ? t('metrics.lastPoll', { when: formatWhen(monitor!.lastPollAt, lang), ms: Math.round(monitor!.lastPollMs ?? 0) })
                : t('metrics.noPollYet')}
            </span>
          </div>
          <div className="monitor-actions">
            {intervalInput}
            <button type="button" className="btn" data-testid="monitor-apply" disabled={busy || !valid || sec === monitor!.intervalSec} onClick={() => void set(true)}>
              {t('metrics.applyInterval')}
            </button>
            <button type="button" className="btn btn-danger-quiet" data-testid="monitor-stop" disabled={busy} onClick={() => void set(false)}>
              {t('metrics.stopMonitoring')}
            </button>
          </div>
        </>
      )}
      {monitor?.lastError && (
        <div className="monitor-error" role="alert" data-testid="monitor-error" data-code={monitor.lastError.code}>
          <strong>{t('metrics.lastError')}</strong> <span>{monitor.lastError.message}</span>
          {monitor.lastError.hint && <div className="muted small" data-testid="monitor-error-hint">{monitor.lastError.hint}</div>}
        </div>
      )}
    </div>
  );
}
