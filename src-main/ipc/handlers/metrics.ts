import { AppError } from '../../contract';
import type { Core } from '../../core/create-core';
import type { Handlers } from '../types';

const notYet = (): never => {
  throw new AppError('INTERNAL', 'Metrics are not built yet.', 'Update Opsdeck.');
};

type MetricCalls = 'metrics.catalog' | 'metrics.series' | 'metrics.setThreshold' | 'metrics.monitors' | 'metrics.setMonitor' | 'metrics.pgStatements';

export function createMetricHandlers(_core: Core): Pick<Handlers, MetricCalls> {
  return {
    'metrics.catalog': notYet,
    'metrics.series': notYet,
    'metrics.setThreshold': notYet,
    'metrics.monitors': notYet,
    'metrics.setMonitor': notYet,
    'metrics.pgStatements': notYet,
  };
}
