import { AppError } from '../../contract';
import type { Core } from '../../core/create-core';
import type { Handlers } from '../types';

const notYet = (): never => {
  throw new AppError('INTERNAL', 'Health checks are not built yet.', 'Update Opsdeck.');
};

type HealthCalls =
  | 'checks.list'
  | 'checks.create'
  | 'checks.update'
  | 'checks.delete'
  | 'checks.runNow'
  | 'checks.try'
  | 'checks.beats'
  | 'checks.suggest'
  | 'incidents.list'
  | 'maintenance.list'
  | 'maintenance.create'
  | 'maintenance.delete'
  | 'alerts.sinks'
  | 'alerts.createSink'
  | 'alerts.updateSink'
  | 'alerts.deleteSink'
  | 'alerts.testSink'
  | 'health.summary';

export function createHealthHandlers(_core: Core): Pick<Handlers, HealthCalls> {
  return {
    'checks.list': notYet,
    'checks.create': notYet,
    'checks.update': notYet,
    'checks.delete': notYet,
    'checks.runNow': notYet,
    'checks.try': notYet,
    'checks.beats': notYet,
    'checks.suggest': notYet,
    'incidents.list': notYet,
    'maintenance.list': notYet,
    'maintenance.create': notYet,
    'maintenance.delete': notYet,
    'alerts.sinks': notYet,
    'alerts.createSink': notYet,
    'alerts.updateSink': notYet,
    'alerts.deleteSink': notYet,
    'alerts.testSink': notYet,
    'health.summary': notYet,
  };
}
