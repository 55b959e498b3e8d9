export { MetricsService, MAX_POINTS, type MetricsDeps } from './metrics-service';
export { SeriesStore, RETENTION_SEC, type MetricPoint, type Resolution, type MaintainResult } from './series-store';
export { PollScheduler, realTimers, type SchedulerTimers } from './poll-scheduler';
export { FAMILIES, familyInfo, familyOf, instanceOf, scaleOf, type MetricFamily } from './metric-families';
export type { PollReport } from './poll-host';
