import { create } from 'zustand';
import type { Job, JobLogLine } from '../../src-main/contract';
import { call } from '../api/client';
import { reportError } from './toast-store';

interface JobsState {
  jobs: Job[];
  logs: Record<string, JobLogLine[]>;
  /** The job whose log panel is open; its new lines are fetched as the job changes. */
  openLogsId: string | null;
  refresh(): Promise<void>;
  upsert(job: Job): void;
  startSelfcheck(): Promise<void>;
  cancel(id: string): Promise<void>;
  showLogs(id: string | null): void;
  loadLogs(id: string): Promise<void>;
}

function sortJobs(jobs: Job[]): Job[] {
  return [...jobs].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

export const useJobsStore = create<JobsState>()((set, get) => ({
  jobs: [],
  logs: {},
  openLogsId: null,
  async refresh() {
    try {
      set({ jobs: sortJobs(await call('jobs.list', { limit: 100 })) });
    } catch (e) {
      reportError(e);
    }
  },
  upsert(job) {
    const others = get().jobs.filter((j) => j.id !== job.id);
    set({ jobs: sortJobs([job, ...others]) });
    if (get().openLogsId === job.id) void get().loadLogs(job.id);
  },
  async startSelfcheck() {
    try {
      const job = await call('jobs.start', { kind: 'inventory.selfcheck' });
      get().upsert(job);
    } catch (e) {
      reportError(e);
    }
  },
  async cancel(id) {
    try {
      get().upsert(await call('jobs.cancel', { id }));
    } catch (e) {
      reportError(e);
    }
  },
  showLogs(id) {
    set({ openLogsId: id });
    if (id) void get().loadLogs(id);
  },
  async loadLogs(id) {
    const have = get().logs[id] ?? [];
    const afterSeq = have.length ? have[have.length - 1].seq : -1;
    try {
      const lines = await call('jobs.logs', { id, afterSeq, limit: 1000 });
      if (!lines.length) return;
      const current = get().logs[id] ?? [];
      const last = current.length ? current[current.length - 1].seq : -1;
      const fresh = lines.filter((l) => l.seq > last);
      set({ logs: { ...get().logs, [id]: [...current, ...fresh] } });
    } catch (e) {
      reportError(e);
    }
  },
}));
