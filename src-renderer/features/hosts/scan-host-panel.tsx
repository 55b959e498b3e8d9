import { useEffect, useRef } from 'react';
import type { Host, HostFacts } from '../../../src-main/contract';
import { ProgressBar } from '../../components/progress-bar';
import { useT, type MessageKey, type TFunction } from '../../i18n';
import { jobStep } from '../../i18n/job-text';
import { useJobsStore } from '../../stores/jobs-store';
import { DraftReview } from '../imports/draft-review';
import { SshErrorPanel } from './ssh-error-panel';
import { useScanStore, type HostScan } from './scan-store';
import './hosts.css';

const IDLE: HostScan = { jobId: null, plan: null, selection: [], phase: 'idle', error: null, summary: null };

/** The discovery job's steps, as the core names them, in the user's language. */
const STEPS: Record<string, MessageKey> = {
  'Running the discovery script': 'scan.step.script',
  'Reading PM2, nginx, Docker, ports, firewall and cron': 'scan.step.reading',
  'Listing containers through the Docker API': 'scan.step.containers',
  'Building the proposals': 'scan.step.proposals',
};
const stepText = (step: string, t: TFunction) => (STEPS[step] ? t(STEPS[step]) : jobStep(step, t));

function uptime(seconds: number | null): string {
  if (seconds === null) return '—';
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return d ? `${d} d ${h} h` : h ? `${h} h ${m} min` : `${m} min`;
}

function FactsLine({ facts }: { facts: HostFacts }) {
  const t = useT();
  return (
    <p className="muted small" data-testid="scan-facts">
      {t('scan.facts', {
        os: facts.os?.prettyName ?? facts.os?.name ?? facts.kernel ?? '—',
        uptime: uptime(facts.uptimeSeconds),
        ports: facts.ports.length,
        firewall: facts.firewall.state,
      })}
    </p>
  );
}

/**
 * "Scan host": a discovery job with its progress bar and step, then what it proposes, reviewed
 * with the import's draft review (one checkbox per entry, add / update / unchanged), accepted
 * into the host's environment or skipped.
 */
export function ScanHostPanel({ host }: { host: Host }) {
  const t = useT();
  const scan = useScanStore((s) => s.byHost[host.id] ?? IDLE);
  const { start, loadPlan, select, apply, skip, fail, cancel } = useScanStore.getState();
  const job = useJobsStore((s) => (scan.jobId ? s.jobs.find((j) => j.id === scan.jobId) : undefined));

  // The job's end decides what comes next: its proposals, or why it failed.
  useEffect(() => {
    if (scan.phase !== 'running' || !job) return;
    if (job.status === 'succeeded') void loadPlan(host.id);
    else if ((job.status === 'failed' || job.status === 'cancelled') && job.error) fail(host.id, job.error);
    else if (job.status === 'cancelled') skip(host.id);
  }, [scan.phase, job, host.id, loadPlan, fail, skip]);

  // The review, a failure or the result is brought into view when it appears.
  const panelRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (scan.phase === 'review' || scan.phase === 'failed' || scan.phase === 'applied') panelRef.current?.scrollIntoView({ block: 'nearest' });
  }, [scan.phase]);

  const busy = scan.phase === 'starting' || scan.phase === 'running' || scan.phase === 'planning' || scan.phase === 'applying';
  const selectable = scan.plan?.plan.items.filter((i) => i.action !== 'unchanged' && i.entity !== 'environment') ?? [];

  return (
    <div className="scan-panel" data-testid="scan-panel" data-phase={scan.phase} ref={panelRef}>
      <div className="scan-head">
        <strong>{t('scan.title')}</strong>
        <span className="section-actions">
          {scan.phase === 'running' && (
            <button type="button" className="btn btn-small btn-danger-quiet" data-testid="scan-cancel" onClick={() => void cancel(host.id)}>
              {t('scan.cancel')}
            </button>
          )}
          <button type="button" className="btn btn-small" data-testid="scan-host" disabled={busy} onClick={() => void start(host.id)}>
            {scan.phase === 'idle' ? t('scan.run') : t('scan.again')}
          </button>
        </span>
      </div>
      {scan.phase === 'idle' && <p className="muted small">{t('scan.explain')}</p>}
      {(scan.phase === 'starting' || scan.phase === 'running' || scan.phase === 'planning') && (
        <ProgressBar value={scan.phase === 'planning' ? 100 : (job?.progress ?? 0)} step={job ? stepText(job.step, t) : t('scan.running')} testId="scan-progress" />
      )}
      {scan.phase === 'failed' && scan.error && <SshErrorPanel error={scan.error} hostName={host.name} testId="scan-error" />}
      {(scan.phase === 'review' || scan.phase === 'applying') && scan.plan && (
        <div className="scan-review" data-testid="scan-review">
          <FactsLine facts={scan.plan.facts} />
          {selectable.length === 0 ? (
            <p data-testid="scan-nothing">{t('scan.nothing')}</p>
          ) : (
            <h3 className="scan-proposals-title">{t('scan.proposals')}</h3>
          )}
          <DraftReview
            draft={scan.plan.draft}
            plan={scan.plan.plan}
            selection={scan.selection}
            onChange={(keys) => select(host.id, keys)}
            disabled={scan.phase === 'applying'}
          />
          {scan.error && <SshErrorPanel error={scan.error} hostName={host.name} testId="scan-error" />}
          <div className="scan-actions">
            <button type="button" className="btn" data-testid="scan-skip" disabled={scan.phase === 'applying'} onClick={() => skip(host.id)}>
              {t('scan.skip')}
            </button>
            <button
              type="button"
              className="btn btn-primary"
              data-testid="scan-accept"
              disabled={scan.phase === 'applying' || !selectable.some((i) => scan.selection.includes(i.key))}
              onClick={() => void apply(host.id)}
            >
              {t('scan.accept')}
            </button>
          </div>
        </div>
      )}
      {scan.phase === 'applied' && scan.summary && (
        <p className="scan-applied" data-testid="scan-applied" role="status">
          {t('scan.applied', {
            services: scan.summary.added.services,
            updated: scan.summary.updated.hosts + scan.summary.updated.services + scan.summary.updated.links,
          })}
        </p>
      )}
    </div>
  );
}
