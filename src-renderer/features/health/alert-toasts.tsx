import { useT } from '../../i18n';
import { useAlertToasts } from './alerts';
import { openChecks } from './health-store';

/** Alert notices above the status bar: the title and body the core wrote; click opens the checks. */
export function AlertToasts() {
  const t = useT();
  const { items, dismiss } = useAlertToasts();
  if (!items.length) return null;
  return (
    <div className="alert-toasts" aria-live="assertive">
      {items.map((n) => (
        <div key={n.id} className={`alert-toast alert-${n.kind}`} data-testid="alert-toast" data-kind={n.kind} data-check-id={n.checkId ?? ''}>
          <button
            type="button"
            className="alert-toast-body"
            data-testid="alert-toast-open"
            onClick={() => {
              openChecks(n.serviceId, n.checkId);
              dismiss(n.id);
            }}
          >
            <span className="alert-toast-title" data-testid="alert-toast-title">{n.title}</span>
            <span className="alert-toast-text" data-testid="alert-toast-text">{n.body}</span>
            <span className="alert-toast-hint">{t('health.openChecks')}</span>
          </button>
          <button type="button" className="toast-close" aria-label={t('common.dismiss')} data-testid="alert-toast-dismiss" onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
