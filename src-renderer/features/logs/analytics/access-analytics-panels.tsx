import type { ReactNode } from 'react';
import type { AccessAnalytics } from '../../../../src-main/contract';
import { useT } from '../../../i18n';
import { useLanguage } from '../../../stores/app-store';
import { BandwidthChart, RequestsChart, StatusClassChart } from './analytics-charts';
import { formatBucket, formatBytes, formatCount, formatExact, formatMs, formatPct, formatWhen } from './analytics-format';
import { SlowestTable, StatusCodesTable, TopClientsTable, TopPathsTable, VisitorsByDayTable } from './analytics-tables';
import './access-analytics.css';

function Tile({ id, label, value, sub, title }: { id: string; label: string; value: string; sub?: string; title?: string }) {
  return (
    <div className="aa-tile" data-testid={`aa-tile-${id}`} title={title}>
      <div className="aa-tile-label">{label}</div>
      <div className="aa-tile-value mono" data-testid={`aa-tile-${id}-value`}>
        {value}
      </div>
      {sub && <div className="aa-tile-sub muted small">{sub}</div>}
    </div>
  );
}

function Card({ id, title, note, children }: { id: string; title: string; note?: string; children: ReactNode }) {
  return (
    <section className="aa-card" data-testid={`aa-card-${id}`}>
      <header className="aa-card-head">
        <h3>{title}</h3>
        {note && <span className="muted small">{note}</span>}
      </header>
      {children}
    </section>
  );
}

/**
 * The access-log panels (live stream or whole file): tiles (requests, visitors, bandwidth,
 * 5xx, latency percentiles), requests/s, status classes and bandwidth over time, and tables
 * for top paths, clients, slowest endpoints, status codes and visitors by day.
 */
export function AccessAnalyticsPanels({ analytics, live }: { analytics: AccessAnalytics; live?: boolean }) {
  const t = useT();
  const lang = useLanguage();
  const { totals } = analytics;
  const errors5xx = analytics.statusCodes.filter((s) => s.code >= 500).reduce((n, s) => n + s.count, 0);
  const bucketNote = t('logAnalytics.bucket', { bucket: formatBucket(analytics.bucketMs) });
  const hasTimeline = analytics.timeline.length > 0;
  return (
    <div className="aa-root" data-testid="access-analytics" data-live={live ? 'true' : 'false'}>
      <header className="aa-head">
        <h2>{t('logAnalytics.title')}</h2>
        {live && (
          <span className="aa-live" data-testid="aa-live">
            {t('logAnalytics.live')}
          </span>
        )}
        {totals.firstTs !== null && totals.lastTs !== null && (
          <span className="muted small" data-testid="aa-range">
            {t('logAnalytics.range', { from: formatWhen(totals.firstTs, lang), to: formatWhen(totals.lastTs, lang) })}
          </span>
        )}
      </header>

      {totals.requests === 0 ? (
        <p className="muted" data-testid="aa-no-lines">
          {t('logAnalytics.noLines')}
        </p>
      ) : totals.valid === 0 ? (
        <p className="aa-warning" data-testid="aa-none-parsed">
          {t('logAnalytics.noneParsed')}
        </p>
      ) : null}

      <div className="aa-tiles">
        <Tile
          id="requests"
          label={t('logAnalytics.requests')}
          value={formatCount(totals.requests, lang)}
          title={formatExact(totals.requests, lang)}
          sub={t('logAnalytics.requestsOf', { valid: formatExact(totals.valid, lang), failed: formatExact(totals.failed, lang) })}
        />
        <Tile id="visitors" label={t('logAnalytics.visitors')} value={formatCount(totals.visitors, lang)} title={`${formatExact(totals.visitors, lang)} · ${t('logAnalytics.visitorsHint')}`} />
        <Tile id="bandwidth" label={t('logAnalytics.bandwidth')} value={formatBytes(totals.bandwidth, lang)} title={`${formatExact(totals.bandwidth, lang)} B`} />
        <Tile id="errors" label={t('logAnalytics.errors')} value={formatCount(errors5xx, lang)} sub={t('logAnalytics.errorsOf', { pct: formatPct(errors5xx / Math.max(1, totals.valid), lang) })} />
        {totals.latency && (
          <>
            <Tile id="p50" label={t('logAnalytics.p50')} value={formatMs(totals.latency.p50, lang)} />
            <Tile id="p95" label={t('logAnalytics.p95')} value={formatMs(totals.latency.p95, lang)} />
            <Tile
              id="p99"
              label={t('logAnalytics.p99')}
              value={formatMs(totals.latency.p99, lang)}
              sub={t('logAnalytics.latencyOf', { max: formatMs(totals.latency.max, lang), n: formatCount(totals.latency.count, lang) })}
            />
          </>
        )}
      </div>
      {!totals.latency && totals.valid > 0 && (
        <p className="aa-note muted small" data-testid="aa-no-latency">
          {t('logAnalytics.noLatency')}
        </p>
      )}

      {hasTimeline && (
        <div className="aa-grid">
          <Card id="rps" title={t('logAnalytics.rpsChart')} note={bucketNote}>
            <div data-testid="aa-chart-rps">
              <RequestsChart analytics={analytics} />
            </div>
          </Card>
          <Card id="status" title={t('logAnalytics.statusChart')} note={bucketNote}>
            <div data-testid="aa-chart-status">
              <StatusClassChart analytics={analytics} />
            </div>
          </Card>
          <Card id="bandwidth" title={t('logAnalytics.bandwidthChart')} note={bucketNote}>
            <div data-testid="aa-chart-bandwidth">
              <BandwidthChart analytics={analytics} />
            </div>
          </Card>
        </div>
      )}

      <div className="aa-grid">
        <Card id="paths" title={t('logAnalytics.topPaths')}>
          <TopPathsTable analytics={analytics} />
        </Card>
        <Card id="clients" title={t('logAnalytics.topClients')}>
          <TopClientsTable analytics={analytics} />
        </Card>
        {totals.latency && (
          <Card id="slowest" title={t('logAnalytics.slowest')}>
            <SlowestTable analytics={analytics} />
          </Card>
        )}
        <Card id="days" title={t('logAnalytics.byDay')}>
          <VisitorsByDayTable analytics={analytics} />
        </Card>
        <Card id="codes" title={t('logAnalytics.statusCodes')}>
          <StatusCodesTable analytics={analytics} />
        </Card>
      </div>
    </div>
  );
}
