import { useState } from 'react';
import { AccessAnalytics, type Job, type LogSourceOption } from '../../../src-main/contract';
import { call } from '../../api/client';
import { ProgressBar } from '../../components/progress-bar';
import { useT } from '../../i18n';
import { jobStep } from '../../i18n/job-text';
import { useJobsStore } from '../../stores/jobs-store';
import { reportError } from '../../stores/toast-store';
import { AccessAnalyticsPanels } from './analytics';
import { useLogsStore } from './logs-store';

/** The nginx access logs among the chosen sources (the ones with analytics). */
export function accessSources(options: readonly LogSourceOption[], chosen: readonly string[]): LogSourceOption[] {
  return options.filter((o) => chosen.includes(o.key) && o.source.type === 'file' && o.source.format.kind === 'nginx-access');
}

const activeJob = (j: Job | undefined) => !!j && (j.status === 'queued' || j.status === 'running');

/**
 * The side panel of an access log: the live analytics the core sends with the stream, and
 * "Analyse whole log…" — a job over the whole file and its rotated copies — whose result is
 * shown with the same panels.
 */
export function LogsAnalyticsPanel({ sources }: { sources: LogSourceOption[] }) {
  const t = useT();
  const analytics = useLogsStore((s) => s.analytics);
  const [key, setKey] = useState<string | null>(null);
  const [tab, setTab] = useState<'live' | 'whole'>('live');
  const [jobs, setJobs] = useState<Record<string, string>>({});
  const source = sources.find((s) => s.key === key) ?? sources[0];
  const jobId = source ? jobs[source.key] : undefined;
  const job = useJobsStore((s) => (jobId ? s.jobs.find((j) => j.id === jobId) : undefined));
  if (!source) return null;
  const live = analytics[source.key];
  const result = job?.status === 'succeeded' ? AccessAnalytics.safeParse(job.result) : null;

  async function analyse() {
    if (!source || source.source.type !== 'file') return;
    const src = source.source;
    try {
      const started = await call('logs.analyzeFile', {
        hostId: src.hostId,
        path: src.path,
        includeRotated: true,
        ...(src.format.kind === 'nginx-access' && src.format.logFormat ? { logFormat: src.format.logFormat } : {}),
      });
      useJobsStore.getState().upsert(started);
      setJobs((j) => ({ ...j, [source.key]: started.id }));
    } catch (e) {
      reportError(e);
    }
  }

  return (
    <aside className="logs-analytics" data-testid="logs-analytics" aria-label={t('logs.analyticsTitle')}>
      <div className="logs-analytics-head">
        {sources.length > 1 && (
          <select data-testid="logs-analytics-source" aria-label={t('logs.analyticsSource')} value={source.key} onChange={(e) => setKey(e.target.value)}>
            {sources.map((s) => (
              <option key={s.key} value={s.key}>
                {s.label}
              </option>
            ))}
          </select>
        )}
        <span className="logs-tabs" role="tablist">
          <button type="button" role="tab" aria-selected={tab === 'live'} className={`logs-tab${tab === 'live' ? ' is-on' : ''}`} data-testid="logs-analytics-live" onClick={() => setTab('live')}>
            {t('logs.analyticsLive')}
          </button>
          <button type="button" role="tab" aria-selected={tab === 'whole'} className={`logs-tab${tab === 'whole' ? ' is-on' : ''}`} data-testid="logs-analytics-whole" onClick={() => setTab('whole')}>
            {t('logs.analyticsWhole')}
          </button>
        </span>
      </div>
      <div className="logs-analytics-body">
        {tab === 'live' &&
          (live ? (
            <AccessAnalyticsPanels analytics={live} live />
          ) : (
            <p className="muted" data-testid="logs-analytics-waiting">{t('logs.analyticsWaiting')}</p>
          ))}
        {tab === 'whole' && (
          <div data-testid="logs-analyze" data-status={job?.status ?? 'idle'}>
            {!activeJob(job) && (
              <p>
                <button type="button" className="btn" data-testid="logs-analyze-start" onClick={() => void analyse()}>
                  {job ? t('logs.analyzeAgain') : t('logs.analyzeWhole')}
                </button>{' '}
                <span className="muted small">{t('logs.analyzeExplain')}</span>
              </p>
            )}
            {job && activeJob(job) && (
              <div className="logs-analyze-run">
                <div className="small">{t('logs.analyzing', { path: source.source.type === 'file' ? source.source.path : source.label })}</div>
                <ProgressBar value={job.progress} step={jobStep(job.step, t)} testId="logs-analyze-progress" />
                <button type="button" className="btn btn-small btn-danger-quiet" data-testid="logs-analyze-cancel" onClick={() => void call('jobs.cancel', { id: job.id }).catch(reportError)}>
                  {t('logs.analyzeCancel')}
                </button>
              </div>
            )}
            {job?.status === 'failed' && (
              <p className="error-text" role="alert" data-testid="logs-analyze-error">
                {t('logs.analyzeFailed')} {job.error?.message} {job.error?.hint}
              </p>
            )}
            {job?.status === 'cancelled' && <p className="muted">{t('logs.analyzeCancelled')}</p>}
            {result?.success && <AccessAnalyticsPanels analytics={result.data} live={false} />}
          </div>
        )}
      </div>
    </aside>
  );
}
