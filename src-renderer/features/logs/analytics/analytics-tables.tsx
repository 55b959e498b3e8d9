import type { AccessAnalytics } from '../../../../src-main/contract';
import { useT, type MessageKey } from '../../../i18n';
import { useLanguage } from '../../../stores/app-store';
import { CLASS_COLORS } from './analytics-charts';
import { formatBytes, formatExact, formatMs, formatPct } from './analytics-format';

/** The core's name for the row that groups rarely seen paths or clients (live bounds). */
const OTHER_ROW = '(other)';

interface Column<R> {
  key: string;
  label: MessageKey;
  num?: boolean;
  cell(row: R): string;
  title?(row: R): string;
}

/** A table of one panel: text cells only (paths and IPs come from the log: never HTML). */
function PanelTable<R>({ testId, rows, columns, rowKey }: { testId: string; rows: readonly R[]; columns: Column<R>[]; rowKey(r: R, i: number): string }) {
  const t = useT();
  return (
    <table className="table aa-table" data-testid={testId}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.key} className={c.num ? 'num' : undefined} scope="col">
              {t(c.label)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={columns.length} className="muted">
              {t('logAnalytics.empty')}
            </td>
          </tr>
        ) : (
          rows.map((r, i) => (
            <tr key={rowKey(r, i)} data-testid={`${testId}-row`}>
              {columns.map((c) => (
                <td key={c.key} className={c.num ? 'num' : 'aa-text'} title={c.title?.(r)}>
                  {c.cell(r)}
                </td>
              ))}
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

export function TopPathsTable({ analytics }: { analytics: AccessAnalytics }) {
  const lang = useLanguage();
  const t = useT();
  const name = (p: string) => (p === OTHER_ROW ? t('logAnalytics.other') : p);
  return (
    <PanelTable
      testId="aa-top-paths"
      rows={analytics.topPaths}
      rowKey={(r) => r.path}
      columns={[
        { key: 'path', label: 'logAnalytics.col.path', cell: (r) => name(r.path), title: (r) => name(r.path) },
        { key: 'hits', label: 'logAnalytics.col.hits', num: true, cell: (r) => formatExact(r.hits, lang) },
        { key: 'visitors', label: 'logAnalytics.col.visitors', num: true, cell: (r) => formatExact(r.visitors, lang) },
        { key: 'bw', label: 'logAnalytics.col.bandwidth', num: true, cell: (r) => formatBytes(r.bandwidth, lang) },
      ]}
    />
  );
}

export function TopClientsTable({ analytics }: { analytics: AccessAnalytics }) {
  const lang = useLanguage();
  const t = useT();
  const total = Math.max(1, analytics.totals.valid);
  return (
    <PanelTable
      testId="aa-top-clients"
      rows={analytics.topClients}
      rowKey={(r) => r.ip}
      columns={[
        { key: 'ip', label: 'logAnalytics.col.client', cell: (r) => (r.ip === OTHER_ROW ? t('logAnalytics.other') : r.ip) },
        { key: 'hits', label: 'logAnalytics.col.hits', num: true, cell: (r) => formatExact(r.hits, lang) },
        { key: 'share', label: 'logAnalytics.col.share', num: true, cell: (r) => formatPct(r.hits / total, lang) },
        { key: 'bw', label: 'logAnalytics.col.bandwidth', num: true, cell: (r) => formatBytes(r.bandwidth, lang) },
      ]}
    />
  );
}

export function SlowestTable({ analytics }: { analytics: AccessAnalytics }) {
  const lang = useLanguage();
  return (
    <PanelTable
      testId="aa-slowest"
      rows={analytics.slowest}
      rowKey={(r) => r.path}
      columns={[
        { key: 'path', label: 'logAnalytics.col.path', cell: (r) => r.path, title: (r) => r.path },
        { key: 'avg', label: 'logAnalytics.col.avg', num: true, cell: (r) => formatMs(r.avgMs, lang) },
        { key: 'p95', label: 'logAnalytics.col.p95', num: true, cell: (r) => formatMs(r.p95Ms, lang) },
        { key: 'max', label: 'logAnalytics.col.max', num: true, cell: (r) => formatMs(r.maxMs, lang) },
        { key: 'hits', label: 'logAnalytics.col.hits', num: true, cell: (r) => formatExact(r.hits, lang) },
      ]}
    />
  );
}

const classOf = (code: number) => (code >= 500 ? 's5xx' : code >= 400 ? 's4xx' : code >= 300 ? 's3xx' : 's2xx');

export function StatusCodesTable({ analytics }: { analytics: AccessAnalytics }) {
  const lang = useLanguage();
  const t = useT();
  const total = Math.max(1, analytics.totals.valid);
  return (
    <table className="table aa-table" data-testid="aa-status-codes">
      <thead>
        <tr>
          <th scope="col">{t('logAnalytics.col.code')}</th>
          <th scope="col" className="num">
            {t('logAnalytics.col.count')}
          </th>
          <th scope="col" className="num">
            {t('logAnalytics.col.share')}
          </th>
        </tr>
      </thead>
      <tbody>
        {analytics.statusCodes.map((s) => (
          <tr key={s.code} data-testid="aa-status-codes-row" data-code={s.code}>
            <td>
              <span className="aa-swatch" style={{ background: CLASS_COLORS[classOf(s.code)] }} aria-hidden="true" />
              {s.code}
            </td>
            <td className="num">{formatExact(s.count, lang)}</td>
            <td className="num">{formatPct(s.count / total, lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function VisitorsByDayTable({ analytics }: { analytics: AccessAnalytics }) {
  const lang = useLanguage();
  return (
    <PanelTable
      testId="aa-by-day"
      rows={[...analytics.visitorsByDay].reverse()}
      rowKey={(r) => r.date}
      columns={[
        { key: 'day', label: 'logAnalytics.col.day', cell: (r) => r.date },
        { key: 'hits', label: 'logAnalytics.col.hits', num: true, cell: (r) => formatExact(r.hits, lang) },
        { key: 'visitors', label: 'logAnalytics.col.visitors', num: true, cell: (r) => formatExact(r.visitors, lang) },
        { key: 'bw', label: 'logAnalytics.col.bandwidth', num: true, cell: (r) => formatBytes(r.bandwidth, lang) },
      ]}
    />
  );
}
