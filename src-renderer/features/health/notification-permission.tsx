import { useState } from 'react';
import { useT } from '../../i18n';
import { browserNotificationsApply } from './alerts';

/** Asks for the browser's notification permission only when the user clicks (never on load). */
export function NotificationPermission() {
  const t = useT();
  const applies = browserNotificationsApply();
  const [perm, setPerm] = useState<NotificationPermission | 'unsupported'>(() => (applies ? Notification.permission : 'unsupported'));
  if (!applies) {
    return (
      <p className="muted small" data-testid="notify-permission" data-state="desktop">
        {t('health.notify.desktop')}
      </p>
    );
  }
  return (
    <div className="notify-permission" data-testid="notify-permission" data-state={perm}>
      {perm === 'granted' && <span className="ok-text">{t('health.notify.granted')}</span>}
      {perm === 'denied' && <span className="warn-text">{t('health.notify.denied')}</span>}
      {perm === 'default' && (
        <>
          <span className="muted">{t('health.notify.ask')}</span>
          <button
            type="button"
            className="btn btn-small"
            data-testid="notify-enable"
            onClick={() => void Notification.requestPermission().then((p) => setPerm(p))}
          >
            {t('health.notify.enable')}
          </button>
        </>
      )}
    </div>
  );
}
