import type { Core } from '../../core/create-core';
import type { Handlers } from '../types';

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

/** Health checks, incidents, maintenance windows and alert destinations: thin over core.health. */
export function createHealthHandlers(core: Core): Pick<Handlers, HealthCalls> {
  const h = () => core.health;
  return {
    'checks.list': (input) => h().list(input),
    'checks.create': (input) => h().create(input),
    'checks.update': (input) => h().update(input),
    'checks.delete': ({ id }) => {
      h().remove(id);
      return { ok: true };
    },
    'checks.runNow': ({ id }) => h().runNow(id),
    'checks.try': (config) => h().try(config),
    'checks.beats': ({ id, limit }) => h().beats(id, limit),
    'checks.suggest': ({ id }) => h().suggest(id),
    'incidents.list': (input) => h().incidents(input),
    'maintenance.list': () => h().maintenance(),
    'maintenance.create': (input) => h().createMaintenance(input),
    'maintenance.delete': ({ id }) => {
      h().deleteMaintenance(id);
      return { ok: true };
    },
    'alerts.sinks': () => h().sinks.list(),
    'alerts.createSink': (input) => h().sinks.create(input),
    'alerts.updateSink': (input) => h().sinks.update(input),
    'alerts.deleteSink': ({ id }) => {
      h().sinks.remove(id);
      return { ok: true };
    },
    'alerts.testSink': ({ id }) => h().sinks.test(id),
    'health.summary': () => h().summary(),
  };
}
