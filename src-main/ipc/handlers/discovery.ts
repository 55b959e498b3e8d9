import type { Core } from '../../core/create-core';
import type { Handlers } from '../types';

export type DiscoveryHandlerNames =
  | 'discovery.scan'
  | 'discovery.result'
  | 'docker.containers'
  | 'docker.composeProjects'
  | 'docker.logs'
  | 'docker.stats'
  | 'docker.action';

/** "Scan host" (a job whose result is the draft and the host facts) and the Docker views. */
export function createDiscoveryHandlers(core: Pick<Core, 'discovery' | 'docker'>): Pick<Handlers, DiscoveryHandlerNames> {
  const { discovery, docker } = core;
  return {
    'discovery.scan': (input) => discovery.scan(input.hostId, { dockerSocketPath: input.dockerSocketPath }),
    'discovery.result': (input) => discovery.result(input.jobId),
    'docker.containers': (input) => docker.listContainers({ hostId: input.hostId, socketPath: input.socketPath }, input.all),
    'docker.composeProjects': (input) => docker.listComposeProjects({ hostId: input.hostId, socketPath: input.socketPath }),
    'docker.logs': (input) =>
      docker.logs({ hostId: input.hostId, socketPath: input.socketPath }, input.containerId, { since: input.since, tail: input.tail, timestamps: input.timestamps }),
    'docker.stats': (input) => docker.stats({ hostId: input.hostId, socketPath: input.socketPath }, input.containerId),
    'docker.action': async (input) => {
      await docker.action({ hostId: input.hostId, socketPath: input.socketPath }, input.containerId, input.action);
      return { ok: true as const };
    },
  };
}
