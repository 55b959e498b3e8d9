import type Database from 'better-sqlite3';
import type { DockerConnector } from '../connectors/docker';
import type { SshManager } from '../connectors/ssh';
import { createServiceRepository } from '../inventory/service-repository';
import { createLogFollow } from './follow';
import { createLogSources } from './sources';

export { sourceKeyOf } from './follow/source-key';
export { createLogFollow, type LogFollow } from './follow';
export { createLogSources, nginxSiteLogs, type LogSources } from './sources';

export interface LogsDeps {
  db: Database.Database;
  ssh: SshManager;
  docker: DockerConnector;
  hostName(hostId: string): string | undefined;
}

/** The logs module of the core: followers for log streams and the sources a service offers. */
export function createLogs(deps: LogsDeps) {
  const services = createServiceRepository(deps.db);
  const follow = createLogFollow({ ssh: deps.ssh, docker: deps.docker, hostName: deps.hostName });
  const sources = createLogSources({ service: (id) => services.get(id), hostName: deps.hostName, exec: (h, c, o) => deps.ssh.exec(h, c, o) });
  return { ...follow, sources: sources.sources };
}
export type Logs = ReturnType<typeof createLogs>;
