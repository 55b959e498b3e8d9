import { memo, useMemo } from 'react';
import { Area, AreaChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AccessAnalytics } from '../../../../src-main/contract';
import { useT } from '../../../i18n';
import { useLanguage } from '../../../stores/app-store';
import { formatBucket, formatBytes, formatCount, formatTick, formatWhen } from './analytics-format';

/** Status classes: the theme's state colours (ok, focus blue, warn, danger) read in both themes. */
export const CLASS_COLORS = { s2xx: 'var(--ok)', s3xx: 'var(--focus)', s4xx: 'var(--warn)', s5xx: 'var(--danger)' } as const;

const axisProps = { stroke: 'var(--muted)', tick: { fontSize: 11, fill: 'var(--muted)' } } as const;
const tooltipStyle = { background: 'var(--panel)', border: '1px solid var(--border)', fontSize: 12, color: 'var(--text)' };

type Bucket = AccessAnalytics['timeline'][number];

/**
 * The timeline with its quiet buckets filled in as zeros: the core sends only buckets that saw
 * requests, and a line drawn straight across a quiet minute would show traffic that never was.
 */
export function denseTimeline(a: AccessAnalytics, maxBuckets = 4000): Bucket[] {
  const tl = a.timeline;
  if (tl.length < 2 || a.bucketMs <= 0) return tl;
  const first = tl[0]!.t;
  const last = tl[tl.length - 1]!.t;
  if ((last - first) / a.bucketMs + 1 > maxBuckets) return tl;
  const out: Bucket[] = [];
  let i = 0;
  for (let t = first; t <= last; t += a.bucketMs) {
    const b = tl[i];
    if (b && b.t === t) {
      out.push(b);
      i++;
    } else out.push({ t, requests: 0, s2xx: 0, s3xx: 0, s4xx: 0, s5xx: 0, bytes: 0 });
  }
  // Buckets that do not fall on the grid (never expected) are kept rather than lost.
  return i === tl.length ? out : tl;
}

interface ChartProps {
  analytics: AccessAnalytics;
}

function useTimeAxis(a: AccessAnalytics) {
  const lang = useLanguage();
  const first = a.timeline[0]?.t ?? 0;
  const last = a.timeline[a.timeline.length - 1]?.t ?? 0;
  const span = last - first + a.bucketMs;
  return {
    lang,
    x: {
      dataKey: 't',
      type: 'number' as const,
      scale: 'time' as const,
      domain: [first, last] as [number, number],
      tickFormatter: (v: number) => formatTick(v, span, lang),
      minTickGap: 40,
      ...axisProps,
    },
  };
}

/** Requests per second over time (each bucket's requests divided by its length). */
export const RequestsChart = memo(function RequestsChart({ analytics }: ChartProps) {
  const t = useT();
  const { lang, x } = useTimeAxis(analytics);
  const rows = useMemo(() => denseTimeline(analytics).map((b) => ({ t: b.t, rps: b.requests / (analytics.bucketMs / 1000) })), [analytics]);
  return (
    <ResponsiveContainer width="100%" height={170}>
      <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
        <XAxis {...x} />
        <YAxis width={52} {...axisProps} tickFormatter={(v: number) => formatCount(v, lang)} />
        <Tooltip labelFormatter={(v) => formatWhen(Number(v), lang)} formatter={(v) => [formatCount(Number(v), lang), t('logAnalytics.rpsSeries')]} contentStyle={tooltipStyle} labelStyle={{ color: 'var(--muted)' }} />
        <Line dataKey="rps" type="linear" stroke="var(--primary)" strokeWidth={1.6} dot={rows.length < 3 ? { r: 2 } : false} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
});

/** Responses per bucket, stacked by status class. */
export const StatusClassChart = memo(function StatusClassChart({ analytics }: ChartProps) {
  const { lang, x } = useTimeAxis(analytics);
  const keys = ['s2xx', 's3xx', 's4xx', 's5xx'] as const;
  const label = (k: string) => `${k.slice(1, 2)}xx`;
  const rows = useMemo(() => denseTimeline(analytics), [analytics]);
  return (
    <ResponsiveContainer width="100%" height={190}>
      <AreaChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
        <XAxis {...x} />
        <YAxis width={52} {...axisProps} tickFormatter={(v: number) => formatCount(v, lang)} />
        <Tooltip labelFormatter={(v) => formatWhen(Number(v), lang)} formatter={(v, name) => [formatCount(Number(v), lang), label(String(name))]} contentStyle={tooltipStyle} labelStyle={{ color: 'var(--muted)' }} />
        <Legend formatter={(v: string) => label(v)} wrapperStyle={{ fontSize: 11 }} />
        {keys.map((k) => (
          <Area key={k} dataKey={k} stackId="status" type="linear" stroke={CLASS_COLORS[k]} fill={CLASS_COLORS[k]} fillOpacity={0.35} isAnimationActive={false} />
        ))}
      </AreaChart>
    </ResponsiveContainer>
  );
});

/** Bytes sent per bucket. */
export const BandwidthChart = memo(function BandwidthChart({ analytics }: ChartProps) {
  const t = useT();
  const { lang, x } = useTimeAxis(analytics);
  const rows = useMemo(() => denseTimeline(analytics), [analytics]);
  return (
    <ResponsiveContainer width="100%" height={150}>
      <AreaChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
        <XAxis {...x} />
        <YAxis width={64} {...axisProps} tickFormatter={(v: number) => formatBytes(v, lang)} />
        <Tooltip
          labelFormatter={(v) => formatWhen(Number(v), lang)}
          formatter={(v) => [formatBytes(Number(v), lang), t('logAnalytics.bandwidthSeries', { bucket: formatBucket(analytics.bucketMs) })]}
          contentStyle={tooltipStyle}
          labelStyle={{ color: 'var(--muted)' }}
        />
        <Area dataKey="bytes" type="linear" stroke="var(--muted)" fill="var(--muted)" fillOpacity={0.25} isAnimationActive={false} />
      </AreaChart>
    </ResponsiveContainer>
  );
});
