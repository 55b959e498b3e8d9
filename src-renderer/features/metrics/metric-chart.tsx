import { memo, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MetricRange, MetricSeries } from '../../../src-main/contract';
import { useT } from '../../i18n';
import { useLanguage } from '../../stores/app-store';
import { familyLabel, lastValue, rowsFor, thinRows, type ChartSpec } from './metric-groups';
import { RANGE_MS, formatAxis, formatTick, formatValue, formatWhen, splitKey } from './metrics-format';

/** Line colours: distinct in both themes; state colours (red, amber) are kept for thresholds. */
const LINE_COLORS = ['#3d7be0', '#2aa198', '#8a63d2', '#d07a2e', '#5b8c3a', '#c2407a', '#4a90a4', '#9c7a3c'];

/** "Load" from "Load (1 min)" and "Load (5 min)"; null when the labels share no word. */
function commonPrefix(labels: string[]): string | null {
  const words = labels.map((l) => l.split(/\s+/));
  const out: string[] = [];
  for (let i = 0; i < words[0]!.length; i++) {
    const w = words[0]![i]!;
    if (!words.every((x) => x[i] === w)) break;
    out.push(w);
  }
  const text = out.join(' ').replace(/[\s(:·—-]+$/, '');
  return text.length >= 2 ? text : null;
}

/** Six evenly spaced time ticks across the window (recharts finds none on a sparse time axis). */
function timeTicks(from: number, to: number): number[] {
  const step = (to - from) / 5;
  return step > 0 ? Array.from({ length: 6 }, (_, i) => Math.round(from + i * step)) : [to];
}

interface MetricChartProps {
  spec: ChartSpec;
  series: MetricSeries | null;
  range: MetricRange;
  groupLabel: string;
  unitLabel: string;
}

/** One chart: the lines of a group that share a unit, thresholds as labelled reference lines. */
export const MetricChart = memo(function MetricChart({ spec, series, range, groupLabel, unitLabel }: MetricChartProps) {
  const t = useT();
  const lang = useLanguage();
  const keys = useMemo(() => spec.metrics.map((m) => m.key), [spec]);
  const allRows = useMemo(() => rowsFor(series, keys), [series, keys]);
  const rows = useMemo(() => thinRows(allRows, keys), [allRows, keys]);
  const points = allRows.reduce((n, r) => n + keys.reduce((k, key) => k + (r[key] === null ? 0 : 1), 0), 0);
  const to = series?.to ?? Date.now();
  const from = series?.from ?? to - RANGE_MS[range];
  const oneFamily = new Set(spec.metrics.map((m) => m.family)).size === 1;
  const nameOf = (key: string) => {
    const m = spec.metrics.find((x) => x.key === key);
    if (!m) return key;
    const inst = splitKey(key).instance;
    return oneFamily && inst ? inst : m.label;
  };
  const title = oneFamily ? familyLabel(spec.metrics[0]!) : (commonPrefix(spec.metrics.map(familyLabel)) ?? groupLabel);
  const thresholdValues = spec.thresholds.map((x) => x.threshold.value);
  return (
    <section className="metric-card" data-testid={`metric-chart-${spec.group}-${spec.unit}`} data-points={points} data-keys={keys.join(' ')} data-thresholds={thresholdValues.join(' ')}>
      <header className="metric-card-head">
        <h3>{title}</h3>
        <span className="muted small">{oneFamily ? `${groupLabel} · ${unitLabel}` : unitLabel}</span>
      </header>
      <ul className="metric-now">
        {spec.metrics.slice(0, 6).map((m, i) => (
          <li key={m.key}>
            <span className="metric-swatch" style={{ background: LINE_COLORS[i % LINE_COLORS.length] }} aria-hidden="true" />
            <span className="metric-now-name">{nameOf(m.key)}</span>
            <span className="metric-now-value mono" data-testid="metric-now">{formatValue(spec.unit, lastValue(series, m.key), lang)}</span>
          </li>
        ))}
        {spec.metrics.length > 6 && <li className="muted">{t('common.andMore', { list: '', n: spec.metrics.length - 6 }).trim()}</li>}
      </ul>
      {rows.length === 0 ? (
        <div className="metric-empty muted" data-testid="metric-empty">{t('metrics.noPoints')}</div>
      ) : (
        <div className="metric-plot">
          <ResponsiveContainer width="100%" height={190}>
            <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 4 }}>
              <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
              <XAxis
                dataKey="t"
                type="number"
                scale="time"
                domain={[from, to]}
                tickFormatter={(v: number) => formatTick(v, range, lang)}
                stroke="var(--muted)"
                tick={{ fontSize: 11, fill: 'var(--muted)' }}
                ticks={timeTicks(from, to)}
                interval="preserveStartEnd"
                minTickGap={24}
              />
              <YAxis
                width={72}
                stroke="var(--muted)"
                tick={{ fontSize: 11, fill: 'var(--muted)' }}
                tickFormatter={(v: number) => formatAxis(spec.unit, v, lang)}
                domain={[0, (max: number) => (spec.unit === 'percent' && Math.max(max, ...thresholdValues) <= 100 ? 100 : Math.max(max, ...thresholdValues) * 1.08 || 1)]}
                allowDataOverflow={false}
              />
              <Tooltip
                labelFormatter={(v) => formatWhen(Number(v), lang)}
                formatter={(v, name) => [formatValue(spec.unit, typeof v === 'number' ? v : null, lang), nameOf(String(name))]}
                contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)', fontSize: 12, color: 'var(--text)' }}
                labelStyle={{ color: 'var(--muted)' }}
              />
              {spec.thresholds.map((x) => (
                <ReferenceLine
                  key={x.family}
                  y={x.threshold.value}
                  stroke={x.threshold.alert ? 'var(--danger)' : 'var(--warn)'}
                  strokeDasharray="6 4"
                  ifOverflow="extendDomain"
                  label={{
                    value: `${spec.thresholds.length > 1 || new Set(spec.metrics.map((m) => m.family)).size > 1 ? `${x.label} ` : ''}${x.threshold.direction === 'above' ? '≥' : '≤'} ${formatValue(spec.unit, x.threshold.value, lang)}`,
                    position: 'insideTopRight',
                    fill: x.threshold.alert ? 'var(--danger)' : 'var(--warn)',
                    fontSize: 11,
                  }}
                />
              ))}
              {keys.map((k, i) => (
                <Line
                  key={k}
                  dataKey={k}
                  name={k}
                  type="monotone"
                  stroke={LINE_COLORS[i % LINE_COLORS.length]}
                  strokeWidth={1.6}
                  dot={rows.length < 3 ? { r: 2 } : false}
                  isAnimationActive={false}
                  connectNulls={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
    </section>
  );
});
