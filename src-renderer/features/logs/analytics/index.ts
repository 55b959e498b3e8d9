/** The access-log analytics panels (live streams and whole-file analysis). */
export { AccessAnalyticsPanels } from './access-analytics-panels';
export { formatBytes, formatCount, formatMs } from './analytics-format';
