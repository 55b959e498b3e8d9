import type { AccessAnalytics } from '../../../contract';

export interface AccessAggregatorOptions {
  /** nginx log_format body; absent = combined. */
  logFormat?: string;
  /** Timeline bucket; default 1 s for live streams. */
  bucketMs?: number;
  /** Rows kept in the top lists. */
  top?: number;
}

/** Live access-log analytics: feed lines, read the panels at any time. */
export interface AccessAggregator {
  /** One line of text (without the newline). Returns false when the line did not parse. */
  push(line: string): boolean;
  snapshot(): AccessAnalytics;
}

export function createAccessAggregator(opts: AccessAggregatorOptions = {}): AccessAggregator {
  void opts;
  let requests = 0;
  return {
    push: () => {
      requests++;
      return false;
    },
    snapshot: () => ({
      totals: { requests, valid: 0, failed: requests, visitors: 0, bandwidth: 0, firstTs: null, lastTs: null, latency: null },
      statusCodes: [],
      bucketMs: opts.bucketMs ?? 1000,
      timeline: [],
      topPaths: [],
      topClients: [],
      slowest: [],
      visitorsByDay: [],
    }),
  };
}
