import { create } from 'zustand';
import type { MetricRange, MetricTarget } from '../../../src-main/contract';
import { useUiStore } from '../../stores/ui-store';

/** What the Metrics page shows: one host or service, over one range. */
interface MetricsViewState {
  target: MetricTarget | null;
  range: MetricRange;
  setTarget(t: MetricTarget | null): void;
  setRange(r: MetricRange): void;
}

export const useMetricsView = create<MetricsViewState>()((set) => ({
  target: null,
  range: '1h',
  setTarget: (target) => set({ target }),
  setRange: (range) => set({ range }),
}));

/** Opens the Metrics page on a host or service (detail panes, palette). */
export function openMetrics(target: MetricTarget): void {
  useMetricsView.getState().setTarget(target);
  useUiStore.getState().go('metrics');
}
