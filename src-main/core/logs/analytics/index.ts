import type { AccessAnalytics } from '../../../contract';
import { compileLogFormat } from '../parse/nginx-format';
import { Scratch } from '../parse/scratch';
import { AccessState, type AccessStateOptions } from './access-state';

export { AccessState, OTHER_ROW, type AccessStateOptions, type ExportedAccessState } from './access-state';
export { LatencyHistogram } from './latency-histogram';

export interface AccessAggregatorOptions {
  /** nginx log_format body; absent = combined. */
  logFormat?: string;
  /** Timeline bucket; default 1 s for live streams. */
  bucketMs?: number;
  /** Rows kept in the top lists. */
  top?: number;
  /**
   * Whole-file analysis: no bounds on distinct paths, clients or visitors (exact panels). Live
   * streams leave it off and stay within the bounds documented in access-state.ts.
   */
  exact?: boolean;
}

/** Live access-log analytics: feed lines, read the panels at any time. */
export interface AccessAggregator {
  /** One line of text (without the newline). Returns false when the line did not parse. */
  push(line: string): boolean;
  snapshot(): AccessAnalytics;
}

/** Bounds of a live aggregator: a few MB at most whatever the traffic. */
export const LIVE_BOUNDS = { maxPaths: 2000, maxClients: 2000, maxVisitorKeys: 200_000, maxBuckets: 3600 } as const;

/** The state options for a set of aggregator options (shared with whole-file analysis). */
export function accessStateOptions(opts: AccessAggregatorOptions = {}): AccessStateOptions {
  const bucketMs = opts.bucketMs && opts.bucketMs > 0 ? Math.floor(opts.bucketMs) : opts.exact ? 60_000 : 1000;
  const top = opts.top && opts.top > 0 ? Math.floor(opts.top) : 20;
  if (opts.exact) {
    return { bucketMs, top, maxPaths: Infinity, maxClients: Infinity, maxVisitorKeys: Infinity, maxBuckets: 50_000, coarsen: true, maxPoints: 720 };
  }
  return { bucketMs, top, ...LIVE_BOUNDS, coarsen: false, maxPoints: 720 };
}

/** Live access-log analytics over an nginx access log in any `log_format` (default combined). */
export function createAccessAggregator(opts: AccessAggregatorOptions = {}): AccessAggregator {
  const state = new AccessState(compileLogFormat(opts.logFormat), accessStateOptions(opts));
  const scratch = new Scratch();
  return {
    push: (line) => {
      const n = scratch.write(line);
      return state.push(scratch.buf, 0, n);
    },
    snapshot: () => state.snapshot(),
  };
}
