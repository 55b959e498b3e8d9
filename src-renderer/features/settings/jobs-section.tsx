import type { Job } from '../../../src-main/contract';
import { ProgressBar } from '../../components/progress-bar';
import { useT } from '../../i18n';
import { useFormatTime } from '../../i18n/format';
import { jobStep, jobTitle } from '../../i18n/job-text';
import { useJobsStore } from '../../stores/jobs-store';
import { Section } from '../inventory/detail-parts';

const active = (j: Job) => j.status === 'queued' || j.status === 'running';

/** Job history: start the inventory self-check, watch progress, cancel, read the log. */
export function JobsSection() {
  const t = useT();
  const fmt = useFormatTime();
  const { jobs, logs, openLogsId, startSelfcheck, cancel, showLogs } = useJobsStore();
  return (
    <Section
      title={t('jobs.title')}
      testId="jobs-section"
      actions={
        <button type="button" className="btn btn-small" data-testid="jobs-start-selfcheck" onClick={() => void startSelfcheck()}>
          {t('jobs.startSelfcheck')}
        </button>
      }
    >
      <p className="muted small">{t('jobs.explain')}</p>
      <table className="table">
        <thead>
          <tr>
            <th>{t('jobs.job')}</th>
            <th>{t('jobs.status')}</th>
            <th className="col-progress">{t('jobs.progress')}</th>
            <th>{t('jobs.started')}</th>
            <th className="col-actions" />
          </tr>
        </thead>
        <tbody>
          {jobs.length === 0 && (
            <tr>
              <td colSpan={5} className="muted empty-cell">{t('jobs.none')}</td>
            </tr>
          )}
          {jobs.map((j) => (
            <JobRows key={j.id} job={j} open={openLogsId === j.id} lines={logs[j.id] ?? []} fmt={fmt} onCancel={() => void cancel(j.id)} onLogs={() => showLogs(openLogsId === j.id ? null : j.id)} />
          ))}
        </tbody>
      </table>
    </Section>
  );
}

interface JobRowsProps {
  job: Job;
  open: boolean;
  lines: { seq: number; ts: string; level: string; text: string }[];
  fmt: (iso: string | null) => string;
  onCancel(): void;
  onLogs(): void;
}

function JobRows({ job, open, lines, fmt, onCancel, onLogs }: JobRowsProps) {
  const t = useT();
  return (
    <>
      <tr data-testid={`job-row-${job.id}`} data-status={job.status} data-kind={job.kind}>
        <td>
          <div>{jobTitle(job, t)}</div>
          <div className="muted small mono">{job.target || job.kind}</div>
        </td>
        <td>
          <span className={`pill pill-job-${job.status}`} data-testid="job-status">{t(`job.status.${job.status}`)}</span>
          {job.error && <div className="small error-text" data-testid="job-error">{job.error.message}</div>}
        </td>
        <td className="col-progress">
          <ProgressBar value={job.progress} step={jobStep(job.step, t)} testId="job-progress" />
        </td>
        <td className="small">{fmt(job.startedAt ?? job.createdAt)}</td>
        <td className="col-actions">
          {active(job) && (
            <button type="button" className="btn btn-small btn-danger-quiet" data-testid="job-cancel" onClick={onCancel}>
              {t('common.cancel')}
            </button>
          )}
          <button type="button" className="btn btn-small" data-testid="job-logs" aria-expanded={open} onClick={onLogs}>
            {open ? t('jobs.hideLog') : t('jobs.showLog')}
          </button>
        </td>
      </tr>
      {open && (
        <tr className="log-row">
          <td colSpan={5}>
            <pre className="log" data-testid="job-log">
              {lines.length === 0 ? t('jobs.noLog') : lines.map((l) => `${localTime(l.ts)}  ${l.level.toUpperCase().padEnd(5)}  ${l.text}`).join('\n')}
            </pre>
          </td>
        </tr>
      )}
    </>
  );
}

/** HH:MM:SS in local time, as the rest of the UI shows times. */
function localTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toTimeString().slice(0, 8);
}
