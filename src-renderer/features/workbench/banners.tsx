import { useT } from '../../i18n';
import { useAppStore } from '../../stores/app-store';
import { useConnectionStore } from '../../stores/connection-store';

/** The link to the core: lost (reconnecting) or refused (the server has a new token). */
export function ConnectionBanner() {
  const t = useT();
  const { state, attempts } = useConnectionStore();
  if (state === 'open' || (state === 'connecting' && attempts === 0)) return null;
  const refused = state === 'refused';
  return (
    <div className={`banner ${refused ? 'banner-error' : 'banner-warn'}`} role="status" data-testid="connection-banner" data-state={state}>
      <strong>{refused ? t('conn.refused') : t('conn.lost')}</strong>
      <span>{refused ? t('conn.refusedHint') : attempts >= 4 ? t('conn.lostLongHint') : ''}</span>
    </div>
  );
}

/** What the core noticed about the database at start (e.g. a corrupt file moved aside). */
export function StoreNoticeBanner() {
  const t = useT();
  const notice = useAppStore((s) => s.info?.storeNotice ?? null);
  const dismissed = useAppStore((s) => s.noticeDismissed);
  const dismiss = useAppStore((s) => s.dismissNotice);
  if (!notice || dismissed) return null;
  return (
    <div className="banner banner-warn" role="status" data-testid="store-notice">
      <strong>{t('notice.title')}</strong>
      <span>{notice.message}</span>
      {notice.backupPath && (
        <span>
          {t('notice.backup')} <code className="mono" data-testid="store-notice-path">{notice.backupPath}</code>
        </span>
      )}
      <button type="button" className="btn btn-small banner-close" data-testid="store-notice-dismiss" onClick={dismiss}>
        {t('common.dismiss')}
      </button>
    </div>
  );
}
