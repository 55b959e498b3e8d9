import type { LogFormat, LogSource } from '../../../contract/logs';

/** The stable key of a log source; defined in the contract so the UI computes the same one. */
export { sourceKeyOf } from '../../../contract/logs';

/** How lines of a source are read: a file says; PM2, containers and journald are sniffed per line. */
export function formatOf(source: LogSource): LogFormat | 'sniff' {
  return source.type === 'file' ? source.format : 'sniff';
}
