import { useT } from '../../i18n';
import { jobTitle } from '../../i18n/job-text';
import { useAppStore } from '../../stores/app-store';
import { useJobsStore } from '../../stores/jobs-store';
import { useUiStore } from '../../stores/ui-store';
import { HealthIndicator } from '../health/health-indicator';

/** The bottom line: running jobs (click to see them), where Opsdeck runs, the version. */
export function StatusBar() {
  const t = useT();
  const info = useAppStore((s) => s.info);
  const jobs = useJobsStore((s) => s.jobs);
  const running = jobs.filter((j) => j.status === 'running' || j.status === 'queued');
  const go = useUiStore((s) => s.go);
  const first = running[0];
  return (
    <footer className="statusbar" data-testid="status-bar">
      {first ? (
        <button type="button" className="status-job" data-testid="status-job" onClick={() => go('settings')}>
          <span className="spinner" aria-hidden="true" />
          {t('status.running', { n: running.length, title: jobTitle(first, t), progress: Math.round(first.progress) })}
        </button>
      ) : (
        <span className="muted">{t('status.idle')}</span>
      )}
      <HealthIndicator />
      <span className="statusbar-right muted">
        {info ? `${t(`settings.host.${info.host}`)} · v${info.version}` : ''}
      </span>
    </footer>
  );
}
