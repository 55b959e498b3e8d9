import type { Incident } from '../../../src-main/contract';
import { useT } from '../../i18n';
import { useLanguage } from '../../stores/app-store';
import { EmptyRow } from '../inventory/detail-parts';
import { formatAt, formatSpan } from './health-format';
import { useHealthStore } from './health-store';

/** Incidents, newest first: when, how long (ongoing ones count up), what the check said. */
export function IncidentsTable({ incidents }: { incidents: Incident[] }) {
  const t = useT();
  const lang = useLanguage();
  const now = useHealthStore((s) => s.now);
  return (
    <div className="table-scroll">
      <table className="table" data-testid="incidents-table">
        <thead>
          <tr>
            <th>{t('health.col.check')}</th>
            <th>{t('health.started')}</th>
            <th>{t('health.ended')}</th>
            <th className="num">{t('health.duration')}</th>
            <th className="num">{t('health.notifications')}</th>
            <th>{t('health.col.message')}</th>
          </tr>
        </thead>
        <tbody>
          {incidents.length === 0 && <EmptyRow colSpan={6} text={t('health.noIncidents')} />}
          {incidents.map((i) => (
            <tr key={i.id} data-testid={`incident-row-${i.checkName}`} data-ongoing={String(i.endedAt === null)}>
              <td>{i.checkName}</td>
              <td className="nowrap">{formatAt(i.startedAt, lang)}</td>
              <td className="nowrap">
                {i.endedAt ? formatAt(i.endedAt, lang) : <span className="state-badge state-down">{t('health.ongoing')}</span>}
              </td>
              <td className="num" data-testid="incident-duration">{formatSpan(i.endedAt ? i.durationMs : Math.max(i.durationMs, now - i.startedAt))}</td>
              <td className="num">{i.notifications}</td>
              <td className="check-message" title={i.lastMessage}>
                {i.firstMessage}
                {i.lastMessage !== i.firstMessage && <div className="muted small">{i.lastMessage}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
