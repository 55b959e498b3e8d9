import type { Core } from '../../core/create-core';
import type { Handlers } from '../types';

type MetricCalls = 'metrics.catalog' | 'metrics.series' | 'metrics.setThreshold' | 'metrics.monitors' | 'metrics.setMonitor' | 'metrics.pgStatements';

/** The `metrics.*` calls: catalog and series per target, thresholds, monitors, slow statements. */
export function createMetricHandlers(core: Core): Pick<Handlers, MetricCalls> {
  const m = core.metrics;
  return {
    'metrics.catalog': (target) => m.catalog(target),
    'metrics.series': (input) => m.series(input),
    'metrics.setThreshold': (input) => m.setThreshold(input.target, input.family, input.threshold),
    'metrics.monitors': () => m.monitorsList(),
    'metrics.setMonitor': (input) => m.setMonitor(input),
    'metrics.pgStatements': (input) => m.pgStatements(input.id),
  };
}
