import { useEffect } from 'react';
import { useT } from '../../i18n';
import { useFormatTime } from '../../i18n/format';
import { useAuditStore } from '../../stores/audit-store';
import { Section } from '../inventory/detail-parts';

/** Who changed what, when; searchable, exportable as CSV or JSON. */
export function AuditSection() {
  const t = useT();
  const fmt = useFormatTime();
  const { entries, search, setSearch, refresh, exportAs } = useAuditStore();
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return (
    <Section
      title={t('audit.title')}
      testId="audit-section"
      actions={
        <>
          <input type="search" className="input-small" data-testid="audit-search" placeholder={t('audit.search')} aria-label={t('audit.search')} value={search} onChange={(e) => setSearch(e.target.value)} />
          <button type="button" className="btn btn-small" data-testid="audit-export-csv" onClick={() => void exportAs('csv')}>
            {t('audit.exportCsv')}
          </button>
          <button type="button" className="btn btn-small" data-testid="audit-export-json" onClick={() => void exportAs('json')}>
            {t('audit.exportJson')}
          </button>
        </>
      }
    >
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th>{t('audit.when')}</th>
              <th>{t('audit.who')}</th>
              <th>{t('audit.action')}</th>
              <th>{t('audit.target')}</th>
              <th>{t('audit.result')}</th>
              <th>{t('audit.details')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.length === 0 && (
              <tr>
                <td colSpan={6} className="muted empty-cell">{search ? t('audit.noMatch') : t('audit.none')}</td>
              </tr>
            )}
            {entries.map((e) => (
              <tr key={e.id} data-testid="audit-row">
                <td className="small nowrap">{fmt(e.ts)}</td>
                <td className="mono small">{e.osUser}</td>
                <td className="mono small">{e.action}</td>
                <td>
                  {e.targetName} <span className="muted small">{e.targetKind}</span>
                </td>
                <td>
                  <span className={`pill pill-audit-${e.result}`}>{t(`audit.result.${e.result}`)}</span>
                </td>
                <td className="small">
                  {e.details}
                  {e.command && <div className="mono small muted">{e.command}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}
