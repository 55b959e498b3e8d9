import { createCore, type CreateCoreOptions } from '../core/create-core';
import { createHandlers } from './handlers';
import { createRouter } from './router';
import { createStreamHub } from './stream-hub';
import { createTerminalSessions } from './terminal-sessions';
import { createLogSessions } from './log-sessions';

/** The composition both hosts share: the core, its stream sessions and the router. */
export async function composeApp(opts: CreateCoreOptions) {
  const core = await createCore(opts);
  const terminals = createTerminalSessions({ openShell: (hostId, size) => core.ssh.openShell(hostId, size) });
  const hub = createStreamHub(
    core.bus,
    {
      exists: (id) => core.jobs.exists(id),
      isFinished: (id) => core.jobs.isFinished(id),
      logsAfter: (id, afterSeq, limit) => core.jobs.logs({ id, afterSeq, limit }),
    },
    terminals,
    createLogSessions(core.logs),
  );
  const dispatch = createRouter({
    handlers: createHandlers(core, hub.handlers, terminals),
    isUnlocked: () => core.vault.isUnlocked(),
    logError: (call, err) => core.log.error(`call ${call} failed`, err),
  });
  return {
    core,
    hub,
    terminals,
    dispatch,
    close(): void {
      hub.dispose();
      core.close();
    },
  };
}
export type ComposedApp = Awaited<ReturnType<typeof composeApp>>;
