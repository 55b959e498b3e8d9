import type { Job } from '../../src-main/contract';
import type { MessageKey, TFunction } from './types';

/** Job titles and steps come from the core in English; the ones we know are translated. */
const TITLES: Record<string, MessageKey> = {
  'inventory.selfcheck': 'jobtext.selfcheck',
};
const STEPS: Record<string, MessageKey> = {
  'Checking hosts': 'jobtext.checkingHosts',
  'Checking services': 'jobtext.checkingServices',
  'Checking links': 'jobtext.checkingLinks',
  'Checking credentials': 'jobtext.checkingCredentials',
  Done: 'jobtext.done',
};

export function jobTitle(job: Job, t: TFunction): string {
  const key = TITLES[job.kind];
  return key ? t(key) : job.title;
}

export function jobStep(step: string, t: TFunction): string {
  const key = STEPS[step];
  return key ? t(key) : step;
}
