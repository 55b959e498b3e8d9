import { useT } from '../../i18n';
import { useToastStore } from '../../stores/toast-store';

export function Toasts() {
  const t = useT();
  const { toasts, dismiss } = useToastStore();
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((x) => (
        <div key={x.id} className={`toast toast-${x.tone}`} data-testid="toast" data-code={x.code}>
          <div className="toast-text">
            {x.code && <div className="toast-title">{t(`error.${x.code}`)}</div>}
            <div data-testid="toast-message">{x.message}</div>
            {x.hint && <div className="toast-hint" data-testid="toast-hint">{x.hint}</div>}
          </div>
          <button type="button" className="toast-close" aria-label={t('common.dismiss')} data-testid="toast-dismiss" onClick={() => dismiss(x.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
