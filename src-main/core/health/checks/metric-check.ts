import type { CheckConfig, CheckResult, MetricTarget } from '../../../contract';
import { fail, pass } from './check-context';

/**
 * What the metric check reads: the latest stored point of a metric and its threshold. The
 * metrics module implements it (`core.metrics`); `threshold` is optional there.
 */
export interface MetricsReader {
  latest(target: MetricTarget, key: string): { t: number; v: number } | null;
  threshold?(target: MetricTarget, key: string): { value: number; direction: 'above' | 'below' } | null;
}

/** A point older than this is not "the current value". */
export const METRIC_STALE_MS = 10 * 60_000;

type MetricConfig = Extract<CheckConfig, { type: 'metric' }>;

/**
 * Metric: the latest value against `value`/`direction` (or the metric's own threshold). DOWN
 * when it crosses (above: v > limit; below: v < limit), when nothing was collected, or when the
 * newest point is older than 10 minutes. `value` = the metric's value.
 */
export function metricCheck(cfg: MetricConfig, reader: MetricsReader | null, now: number): CheckResult {
  if (!reader) return fail('Metrics are not collected in this Opsdeck yet, so this check has no value to read.');
  const point = reader.latest(cfg.target, cfg.key);
  if (!point) return fail(`No value of ${cfg.key} has been collected yet: is collection on for this ${cfg.target.kind}?`);
  const age = now - point.t;
  if (age > METRIC_STALE_MS) {
    return fail(`The newest value of ${cfg.key} is ${Math.round(age / 60_000)} minutes old: collection stopped.`, null, point.v);
  }
  const own = cfg.value === undefined || cfg.direction === undefined ? (reader.threshold?.(cfg.target, cfg.key) ?? null) : null;
  const limit = cfg.value ?? own?.value;
  const direction = cfg.direction ?? own?.direction ?? 'above';
  if (limit === undefined) return fail(`${cfg.key} has no threshold: give this check a value or set a threshold on the metric.`, null, point.v);
  const crossed = direction === 'above' ? point.v > limit : point.v < limit;
  const text = `${cfg.key} is ${fmt(point.v)} (${direction === 'above' ? 'limit: above' : 'limit: below'} ${fmt(limit)})`;
  return crossed ? fail(`${text}.`, null, point.v) : pass(`${text}: within the limit.`, null, point.v);
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}
