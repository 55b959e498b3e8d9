import { describe, expect, it } from 'vitest';
import type { MetricCatalog, MetricInfo, MetricSeries } from '../../../../src-main/contract';
import { chartsOf, familiesOf, familyLabel, lastValue, localizeCatalog, mergeSeries, pointCount, rowsFor, thinRows } from '../../../../src-renderer/features/metrics/metric-groups';
import {
  expectedResolution,
  formatAxis,
  formatBytes,
  formatDuration,
  formatValue,
  resolutionKey,
  splitKey,
} from '../../../../src-renderer/features/metrics/metrics-format';
import { metricFamilyEs } from '../../../../src-renderer/i18n/domains/metrics';
import { translate } from '../../../../src-renderer/i18n/translate';

describe('formatValue', () => {
  it('formats each unit in English', () => {
    expect(formatValue('percent', 73.456, 'en')).toBe('73.5 %');
    expect(formatValue('percent', 3.14159, 'en')).toBe('3.14 %');
    expect(formatValue('ratio', 0.9876, 'en')).toBe('98.8 %');
    expect(formatValue('ratio', 0.99512, 'en')).toBe('99.51 %');
    expect(formatValue('ratio', 0.5, 'en')).toBe('50 %');
    expect(formatValue('bytes', 512, 'en')).toBe('512 B');
    expect(formatValue('bytes', 1536, 'en')).toBe('1.5 KiB');
    expect(formatValue('bytes', 8 * 1024 ** 3, 'en')).toBe('8 GiB');
    expect(formatValue('bytes/s', 850 * 1024, 'en')).toBe('850 KiB/s');
    expect(formatValue('per-second', 12.345, 'en')).toBe('12.3/s');
    expect(formatValue('ms', 3.21, 'en')).toBe('3.21 ms');
    expect(formatValue('ms', 2500, 'en')).toBe('2.5 s');
    expect(formatValue('seconds', 3 * 86400 + 4 * 3600 + 5, 'en')).toBe('3 d 4 h');
    expect(formatValue('days', 41.6, 'en')).toBe('42 d');
    expect(formatValue('load', 0.5, 'en')).toBe('0.5');
    expect(formatValue('count', 12345, 'en')).toBe('12,345');
  });

  it('uses the Spanish decimal and thousands separators', () => {
    expect(formatValue('percent', 73.456, 'es')).toBe('73,5 %');
    expect(formatValue('bytes', 1536, 'es')).toBe('1,5 KiB');
    expect(formatValue('count', 12345, 'es')).toBe('12.345');
  });

  it('shows a dash for missing or non-finite values, never NaN', () => {
    expect(formatValue('percent', null, 'en')).toBe('—');
    expect(formatValue('bytes', undefined, 'en')).toBe('—');
    expect(formatValue('count', Number.NaN, 'en')).toBe('—');
  });

  it('formats bytes, durations and axis ticks', () => {
    expect(formatBytes(-2048, 'en')).toBe('-2 KiB');
    expect(formatBytes(1024 ** 5 * 3, 'en')).toBe('3 PiB');
    expect(formatDuration(42, 'en')).toBe('42 s');
    expect(formatDuration(5 * 3600 + 12 * 60, 'en')).toBe('5 h 12 min');
    expect(formatDuration(90, 'en')).toBe('1 min 30 s');
    expect(formatAxis('seconds', 7200, 'en')).toBe('2 h');
    expect(formatAxis('count', 25_000, 'en')).toMatch(/^25k$/i);
    expect(formatAxis('percent', 80, 'en')).toBe('80 %');
  });
});

describe('range → resolution', () => {
  it('matches what the store keeps: raw 24 h, per minute 30 days, per hour a year', () => {
    expect(['15m', '1h', '6h', '24h'].map((r) => expectedResolution(r as never))).toEqual(['raw', 'raw', 'raw', 'raw']);
    expect(expectedResolution('7d')).toBe('1m');
    expect(expectedResolution('30d')).toBe('1m');
    expect(expectedResolution('1y')).toBe('1h');
  });

  it('labels each resolution in both languages', () => {
    expect(translate('en', resolutionKey('raw'))).toBe('Every poll');
    expect(translate('en', resolutionKey('1m'))).toBe('Averages per minute');
    expect(translate('es', resolutionKey('1h'))).toBe('Medias por hora');
  });
});

const info = (key: string, group: string, unit: MetricInfo['unit'], label: string, threshold: MetricInfo['threshold'] = null): MetricInfo => ({
  key,
  family: splitKey(key).family,
  label,
  unit,
  group,
  threshold,
});

const catalog: MetricCatalog = {
  target: { kind: 'host', id: 'h1' },
  available: true,
  reason: null,
  metrics: [
    info('pm2.restarts:api', 'PM2', 'count', 'PM2 restarts api'),
    info('host.cpu', 'CPU', 'percent', 'CPU', { value: 70, direction: 'above', alert: true, origin: 'default' }),
    info('host.mem.used', 'Memory', 'percent', 'Memory used', { value: 80, direction: 'above', alert: true, origin: 'default' }),
    info('host.swap.used', 'Memory', 'percent', 'Swap used'),
    info('host.disk.used:/', 'Disk', 'percent', 'Disk used /', { value: 80, direction: 'above', alert: false, origin: 'user' }),
    info('host.disk.used:/data', 'Disk', 'percent', 'Disk used /data', { value: 80, direction: 'above', alert: false, origin: 'user' }),
    info('host.disk.read', 'Disk', 'bytes/s', 'Disk read'),
    info('host.disk.write', 'Disk', 'bytes/s', 'Disk write'),
    info('pm2.cpu:api', 'PM2', 'percent', 'CPU api'),
    info('pm2.cpu:worker', 'PM2', 'percent', 'CPU worker'),
    info('pm2.memory:api', 'PM2', 'bytes', 'Memory api'),
  ],
};

describe('chart grouping', () => {
  it('makes one chart per group and unit, groups in reading order, thresholds once per family', () => {
    const charts = chartsOf(catalog);
    expect(charts.map((c) => c.id)).toEqual(['CPU|percent', 'Memory|percent', 'Disk|percent', 'Disk|bytes/s', 'PM2|count', 'PM2|percent', 'PM2|bytes']);
    const mem = charts.find((c) => c.id === 'Memory|percent')!;
    expect(mem.metrics.map((m) => m.key)).toEqual(['host.mem.used', 'host.swap.used']);
    const disk = charts.find((c) => c.id === 'Disk|percent')!;
    expect(disk.metrics).toHaveLength(2);
    expect(disk.thresholds).toEqual([{ family: 'host.disk.used', label: 'Disk used', threshold: catalog.metrics[4]!.threshold }]);
    expect(charts.find((c) => c.id === 'Disk|bytes/s')!.thresholds).toEqual([]);
  });

  it('lists families once with the label without the instance', () => {
    expect(familiesOf(catalog).map((f) => f.family)).toEqual([
      'pm2.restarts',
      'host.cpu',
      'host.mem.used',
      'host.swap.used',
      'host.disk.used',
      'host.disk.read',
      'host.disk.write',
      'pm2.cpu',
      'pm2.memory',
    ]);
    expect(familyLabel(catalog.metrics[8]!)).toBe('CPU');
    expect(familyLabel(catalog.metrics[0]!)).toBe('PM2 restarts');
  });

  it('merges series into rows by time, leaving gaps as null, and counts points', () => {
    const series: MetricSeries = {
      resolution: 'raw',
      from: 0,
      to: 100,
      series: [
        { key: 'pm2.cpu:api', points: [[10, 1], [20, 2], [30, 3]] },
        { key: 'pm2.cpu:worker', points: [[20, 5], [40, 6]] },
        { key: 'host.cpu', points: [[10, 50]] },
      ],
    };
    expect(rowsFor(series, ['pm2.cpu:api', 'pm2.cpu:worker'])).toEqual([
      { t: 10, 'pm2.cpu:api': 1, 'pm2.cpu:worker': null },
      { t: 20, 'pm2.cpu:api': 2, 'pm2.cpu:worker': 5 },
      { t: 30, 'pm2.cpu:api': 3, 'pm2.cpu:worker': null },
      { t: 40, 'pm2.cpu:api': null, 'pm2.cpu:worker': 6 },
    ]);
    expect(pointCount(series)).toBe(6);
    expect(lastValue(series, 'pm2.cpu:worker')).toBe(6);
    expect(lastValue(series, 'nope')).toBeNull();
    expect(rowsFor(null, ['x'])).toEqual([]);
  });
});

describe('metric labels in the UI language', () => {
  it('translates family names and keeps the instance; unknown families keep the core label', () => {
    const es = localizeCatalog(catalog, { ...metricFamilyEs, 'host.mem.used': 'Memoria usada' });
    const label = (key: string) => es.metrics.find((m) => m.key === key)!.label;
    expect(label('host.disk.used:/data')).toBe('Disco usado /data');
    expect(label('pm2.cpu:api')).toBe('CPU de PM2 api');
    expect(label('host.mem.used')).toBe('Memoria usada');
    expect(label('host.disk.read')).toBe('Disk read');
    expect(localizeCatalog(catalog, null)).toBe(catalog);
  });
});

describe('live updates and long series', () => {
  it('appends only newer points and drops those that left the window', () => {
    const shown: MetricSeries = { resolution: 'raw', from: 0, to: 100, series: [{ key: 'a', points: [[10, 1], [50, 2], [100, 3]] }] };
    const fresh: MetricSeries = { resolution: 'raw', from: 60, to: 130, series: [{ key: 'a', points: [[100, 3], [120, 4], [130, 5]] }, { key: 'b', points: [[125, 9]] }] };
    const merged = mergeSeries(shown, fresh, 100);
    expect(merged.from).toBe(30);
    expect(merged.to).toBe(130);
    expect(merged.series).toEqual([
      { key: 'a', points: [[50, 2], [100, 3], [120, 4], [130, 5]] },
      { key: 'b', points: [[125, 9]] },
    ]);
  });

  it('averages long series into buckets, keeping gaps', () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({ t: i, a: i < 4 ? null : i, b: 1 }));
    const thin = thinRows(rows, ['a', 'b'], 5);
    expect(thin).toEqual([
      { t: 0, a: null, b: 1 },
      { t: 2, a: null, b: 1 },
      { t: 4, a: 4.5, b: 1 },
      { t: 6, a: 6.5, b: 1 },
      { t: 8, a: 8.5, b: 1 },
    ]);
    expect(thinRows(rows, ['a'], 10)).toBe(rows);
  });
});
