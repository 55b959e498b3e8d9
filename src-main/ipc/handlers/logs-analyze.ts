import { posix } from 'node:path';
import type { Core } from '../../core/create-core';
import { ANALYZE_FILE_KIND, analyzeRemoteLog } from '../../core/logs/analyze-file';
import type { Handlers } from '../types';

/**
 * `logs.analyzeFile`: starts a job that reads an access log on a host (and its rotated
 * siblings) over SSH; the job's result is the AccessAnalytics. The job is started directly
 * with its input (like SFTP transfers), so no kind registration is needed in the core.
 */
export function createAnalyzeFileHandler(core: Pick<Core, 'jobs' | 'ssh' | 'inventory'>): Pick<Handlers, 'logs.analyzeFile'> {
  const hostName = (id: string) => core.inventory.tree().hosts.find((h) => h.id === id)?.name ?? id;
  return {
    'logs.analyzeFile': (input) =>
      core.jobs.start(ANALYZE_FILE_KIND, `Analyse ${posix.basename(input.path)}`, `${hostName(input.hostId)}:${input.path}`, (ctx) =>
        analyzeRemoteLog(core.ssh, { hostId: input.hostId, path: input.path, includeRotated: input.includeRotated, logFormat: input.logFormat }, ctx),
      ),
  };
}
