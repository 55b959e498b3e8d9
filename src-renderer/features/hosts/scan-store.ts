import { create } from 'zustand';
import { AppError, isAppError, type ErrorShape, type MergeSummary, type ScanPlanOutput } from '../../../src-main/contract';
import { call } from '../../api/client';
import { useJobsStore } from '../../stores/jobs-store';

/** One host's scan: the job, then its proposals as a merge plan, then what was applied. */
export interface HostScan {
  jobId: string | null;
  plan: ScanPlanOutput | null;
  /** Keys of the plan's items that are ticked. */
  selection: string[];
  phase: 'idle' | 'starting' | 'running' | 'planning' | 'review' | 'applying' | 'applied' | 'failed';
  error: ErrorShape | null;
  summary: MergeSummary | null;
}

const IDLE: HostScan = { jobId: null, plan: null, selection: [], phase: 'idle', error: null, summary: null };

interface ScanState {
  byHost: Record<string, HostScan>;
  start(hostId: string): Promise<void>;
  /** The job finished: read its proposals planned against the host's environment. */
  loadPlan(hostId: string): Promise<void>;
  select(hostId: string, keys: string[]): void;
  apply(hostId: string): Promise<void>;
  skip(hostId: string): void;
  fail(hostId: string, error: ErrorShape): void;
  cancel(hostId: string): Promise<void>;
}

const shape = (e: unknown): ErrorShape => (isAppError(e) ? e : new AppError('INTERNAL', e instanceof Error ? e.message : String(e))).toShape();

export const useScanStore = create<ScanState>()((set, get) => {
  const patch = (hostId: string, p: Partial<HostScan>) =>
    set((s) => ({ byHost: { ...s.byHost, [hostId]: { ...(s.byHost[hostId] ?? IDLE), ...p } } }));
  return {
    byHost: {},
    async start(hostId) {
      patch(hostId, { ...IDLE, phase: 'starting' });
      try {
        const job = await call('discovery.scan', { hostId });
        useJobsStore.getState().upsert(job);
        patch(hostId, { jobId: job.id, phase: 'running' });
      } catch (e) {
        patch(hostId, { phase: 'failed', error: shape(e) });
      }
    },
    async loadPlan(hostId) {
      const scan = get().byHost[hostId];
      if (!scan?.jobId || scan.phase !== 'running') return;
      patch(hostId, { phase: 'planning' });
      try {
        const plan = await call('discovery.plan', { jobId: scan.jobId });
        // Everything that adds or changes something is proposed ticked; the user unticks.
        const selection = plan.plan.items.filter((i) => i.action !== 'unchanged' && i.entity !== 'environment').map((i) => i.key);
        patch(hostId, { plan, selection, phase: 'review' });
      } catch (e) {
        patch(hostId, { phase: 'failed', error: shape(e) });
      }
    },
    select: (hostId, selection) => patch(hostId, { selection }),
    async apply(hostId) {
      const scan = get().byHost[hostId];
      if (!scan?.jobId) return;
      patch(hostId, { phase: 'applying', error: null });
      try {
        const summary = await call('discovery.apply', { jobId: scan.jobId, selectedKeys: scan.selection });
        patch(hostId, { phase: 'applied', summary, plan: null, selection: [] });
      } catch (e) {
        patch(hostId, { phase: 'review', error: shape(e) });
      }
    },
    skip: (hostId) => patch(hostId, { ...IDLE }),
    fail: (hostId, error) => patch(hostId, { phase: 'failed', error }),
    async cancel(hostId) {
      const id = get().byHost[hostId]?.jobId;
      if (!id) return;
      try {
        useJobsStore.getState().upsert(await call('jobs.cancel', { id }));
      } catch (e) {
        patch(hostId, { phase: 'failed', error: shape(e) });
      }
    },
  };
});
