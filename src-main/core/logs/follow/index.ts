import { AppError } from '../../../contract/errors';
import type { LogSource } from '../../../contract/logs';
import type { DockerConnector } from '../../connectors/docker';
import { createAccessAggregator, type AccessAggregator } from '../analytics';
import { createLineParser, type ParsedFields } from '../parse';
import { followContainer } from './docker-follower';
import { followFile } from './file-follower';
import { createHostSlots, FOLLOW_SLOTS_PER_HOST } from './host-slots';
import { followJournal } from './journald-follower';
import { followPm2 } from './pm2-follower';
import type { Follower, FollowSsh, SourceSink } from './types';

export { sourceKeyOf, formatOf } from './source-key';
export { RingBuffer } from './ring-buffer';
export { LineSplitter, decodeLine, LINE_MAX_BYTES, type SplitLine } from './line-splitter';
export type { Follower, SourceLine, SourceSink, FollowSsh } from './types';

export interface LogFollowDeps {
  ssh: FollowSsh;
  docker: DockerConnector;
  /** The host's name for messages; undefined when the host does not exist. */
  hostName(hostId: string): string | undefined;
}

/**
 * The log follower of the core: one follower per source (file, PM2 log, container), and the
 * parser and access aggregator that go with it. Streams (ipc/log-sessions.ts) sit on top.
 */
export function createLogFollow(deps: LogFollowDeps) {
  const hostName = (hostId: string): string => {
    const n = deps.hostName(hostId);
    if (n === undefined) throw new AppError('NOT_FOUND', 'The host of this log no longer exists.', 'Reload the inventory and pick the log again.', { hostId });
    return n;
  };
  const slots = createHostSlots();
  /** The SSH core for one follower: at most FOLLOW_SLOTS_PER_HOST follow commands per host. */
  const sshFor = (sink: SourceSink, hostName: string): FollowSsh =>
    slots.wrap(deps.ssh, () =>
      sink.status('connecting', `Opsdeck follows at most ${FOLLOW_SLOTS_PER_HOST} logs at once on ${hostName} (to keep its SSH sessions free); this one starts when another log there is closed.`),
    );
  const json = createLineParser({ kind: 'json' });
  const plain = createLineParser({ kind: 'plain' });
  /** PM2, containers and journald mix JSON and plain lines: pick per line. */
  const sniff = (text: string): ParsedFields => (text.charCodeAt(0) === 123 /* { */ ? json(text) : plain(text));

  return {
    check(source: LogSource): void {
      if (source.hostId !== null) hostName(source.hostId);
    },
    follow(source: LogSource, tail: number, sink: SourceSink): Follower {
      const name = source.hostId === null ? 'this computer' : hostName(source.hostId);
      switch (source.type) {
        case 'file':
          return followFile(sshFor(sink, name), { hostId: source.hostId, hostName: name, path: source.path, tail }, sink);
        case 'pm2':
          return followPm2(sshFor(sink, name), { hostId: source.hostId, hostName: name, app: source.app, stream: source.stream, tail }, sink);
        case 'container':
          return followContainer(
            deps.docker,
            { hostId: source.hostId, hostName: name, container: source.container, socketPath: source.socketPath, tail },
            sink,
          );
        case 'journald':
          return followJournal(sshFor(sink, name), { hostId: source.hostId, hostName: name, unit: source.unit, tail }, sink);
      }
    },
    parserFor(source: LogSource): (text: string) => ParsedFields {
      return source.type === 'file' ? createLineParser(source.format) : sniff;
    },
    aggregatorFor(source: LogSource): AccessAggregator | null {
      if (source.type !== 'file' || source.format.kind !== 'nginx-access') return null;
      return createAccessAggregator({ logFormat: source.format.logFormat, bucketMs: 1000 });
    },
  };
}
export type LogFollow = ReturnType<typeof createLogFollow>;
