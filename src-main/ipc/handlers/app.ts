import type { Core } from '../../core/create-core';
import type { Handlers } from '../types';

export type AppHandlerNames =
  | 'app.info'
  | 'app.dismissStoreNotice'
  | 'settings.get'
  | 'settings.update'
  | 'vault.status'
  | 'vault.setup'
  | 'vault.unlock'
  | 'vault.lock'
  | 'jobs.list'
  | 'jobs.get'
  | 'jobs.logs'
  | 'jobs.start'
  | 'jobs.cancel'
  | 'audit.list'
  | 'audit.export';

/** The calls about Opsdeck itself: info, settings, the vault, jobs and the audit trail. */
export function createAppHandlers(core: Pick<Core, 'info' | 'dismissStoreNotice' | 'settings' | 'vault' | 'jobs' | 'audit'>): Pick<Handlers, AppHandlerNames> {
  const { settings, vault, jobs, audit } = core;
  return {
    'app.info': () => core.info(),
    'app.dismissStoreNotice': () => {
      core.dismissStoreNotice();
      return { ok: true as const };
    },
    'settings.get': () => settings.get(),
    'settings.update': (input) => settings.update(input),

    'vault.status': () => vault.status(),
    'vault.setup': (input) => {
      const status = vault.setup(input);
      // Which protection was chosen is worth a line in the trail; the passphrase never is.
      audit.record({ action: 'vault.setup', targetKind: 'vault', targetId: null, targetName: 'vault', details: `provider: ${input.provider}` });
      return status;
    },
    'vault.unlock': (input) => vault.unlock(input.passphrase),
    'vault.lock': () => vault.lock(),

    'jobs.list': (input) => jobs.list(input),
    'jobs.get': (input) => jobs.get(input.id),
    'jobs.logs': (input) => jobs.logs(input),
    'jobs.start': (input) => jobs.startRegistered(input.kind),
    'jobs.cancel': (input) => {
      const before = jobs.get(input.id);
      const after = jobs.cancel(input.id);
      if (before.status !== after.status) {
        audit.record({ action: 'job.cancel', targetKind: 'job', targetId: after.id, targetName: after.title, result: 'cancelled', details: `kind: ${after.kind}` });
      }
      return after;
    },

    'audit.list': (input) => audit.list(input),
    'audit.export': (input) => audit.export(input.format),
  };
}
