import { useEffect, useState } from 'react';
import type { CheckCreate } from '../../../src-main/contract';
import { call } from '../../api/client';
import { Modal } from '../../components/modal';
import { useT } from '../../i18n';
import { useInventoryStore } from '../../stores/inventory-store';
import { notify, reportError } from '../../stores/toast-store';
import { findService } from '../inventory/inventory-selectors';
import { draftOf } from './check-form-model';
import { useHealthDialogs } from './health-dialogs';
import { useHealthStore } from './health-store';

/** Checks the core proposes for a service (from its kind, port, URL, health path): add one, or open it in the form first. */
export function SuggestedChecks({ serviceId }: { serviceId: string }) {
  const t = useT();
  const tree = useInventoryStore((s) => s.tree);
  const { close, open } = useHealthDialogs();
  const [items, setItems] = useState<CheckCreate[] | null>(null);
  const [added, setAdded] = useState<Set<number>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const service = findService(tree, serviceId);

  useEffect(() => {
    let live = true;
    call('checks.suggest', { id: serviceId })
      .then((s) => live && setItems(s))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [serviceId]);

  async function add(i: number, c: CheckCreate) {
    try {
      await call('checks.create', c);
      setAdded((s) => new Set(s).add(i));
      notify(t('toast.created', { name: c.name }));
      void useHealthStore.getState().refresh();
    } catch (e) {
      reportError(e);
    }
  }

  return (
    <Modal
      title={t('health.suggestedFor', { name: service?.name ?? '' })}
      testId="suggest-dialog"
      onClose={close}
      wide
      footer={
        <button type="button" className="btn" data-testid="suggest-close" onClick={close}>
          {t('metrics.close')}
        </button>
      }
    >
      {error && <p className="error-text" data-testid="suggest-error">{error}</p>}
      {!items && !error && <p className="muted">{t('common.loading')}</p>}
      {items && items.length === 0 && <p className="muted" data-testid="suggest-none">{t('health.noSuggestions')}</p>}
      {items && items.length > 0 && (
        <table className="table">
          <tbody>
            {items.map((c, i) => (
              <tr key={i} data-testid="suggested-check">
                <td>
                  <div>{c.name}</div>
                  <div className="muted small">{t(`health.type.${c.config.type}`)} · {t('health.every', { n: c.intervalSec })}</div>
                </td>
                <td className="col-actions">
                  {added.has(i) ? (
                    <span className="ok-text">{t('health.added')}</span>
                  ) : (
                    <>
                      <button type="button" className="btn btn-small btn-primary" data-testid="suggest-add" onClick={() => void add(i, c)}>
                        {t('health.add')}
                      </button>
                      <button type="button" className="btn btn-small" data-testid="suggest-edit" onClick={() => open({ kind: 'check', draft: draftOf({ ...c, serviceId: c.serviceId ?? serviceId }) })}>
                        {t('health.reviewFirst')}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Modal>
  );
}
