import { useEffect, useState } from 'react';
import type { PgStatements } from '../../../src-main/contract';
import { call } from '../../api/client';
import { useT } from '../../i18n';
import { useLanguage } from '../../stores/app-store';
import { formatValue } from './metrics-format';

/** "Slowest statements" of a PostgreSQL service, from pg_stat_statements; says plainly when it is not installed. */
export function PgStatementsTable({ serviceId, refreshKey }: { serviceId: string; refreshKey: number }) {
  const t = useT();
  const lang = useLanguage();
  const [data, setData] = useState<PgStatements | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Slow statements change slowly: refetch at most once a minute while live.
  const bucket = Math.floor(refreshKey / 12);
  useEffect(() => {
    let live = true;
    call('metrics.pgStatements', { id: serviceId })
      .then((d) => live && (setData(d), setError(null)))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [serviceId, bucket]);

  return (
    <section className="metric-card metric-card-wide" data-testid="pg-statements">
      <header className="metric-card-head">
        <h3>{t('metrics.slowest')}</h3>
        <span className="muted small">pg_stat_statements</span>
      </header>
      {error && <p className="error-text" data-testid="pg-statements-error">{error}</p>}
      {data && !data.available && (
        <p className="warning" data-testid="pg-statements-unavailable">
          {data.reason ?? t('metrics.pgStatementsMissing')}
        </p>
      )}
      {data && data.available && (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th>{t('metrics.statement')}</th>
                <th className="num">{t('metrics.calls')}</th>
                <th className="num">{t('metrics.meanTime')}</th>
                <th className="num">{t('metrics.totalTime')}</th>
                <th className="num">{t('metrics.rows')}</th>
              </tr>
            </thead>
            <tbody>
              {data.statements.length === 0 && (
                <tr>
                  <td colSpan={5} className="muted empty-cell">{t('metrics.noStatements')}</td>
                </tr>
              )}
              {data.statements.map((s, i) => (
                <tr key={i} data-testid="pg-statement">
                  <td className="mono pg-query" title={s.query}>{s.query}</td>
                  <td className="num">{formatValue('count', s.calls, lang)}</td>
                  <td className="num">{formatValue('ms', s.meanMs, lang)}</td>
                  <td className="num">{formatValue('ms', s.totalMs, lang)}</td>
                  <td className="num">{formatValue('count', s.rows, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
