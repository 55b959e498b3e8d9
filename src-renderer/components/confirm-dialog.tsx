import { useState } from 'react';
import { useT } from '../i18n';
import { useModalStore } from '../stores/modal-store';
import { reportError } from '../stores/toast-store';
import { Modal } from './modal';

/** The one confirmation for destructive actions; it lists what will go. */
export function ConfirmDialog() {
  const t = useT();
  const confirm = useModalStore((s) => s.confirm);
  const closeConfirm = useModalStore((s) => s.closeConfirm);
  const [busy, setBusy] = useState(false);
  if (!confirm) return null;
  const run = async () => {
    setBusy(true);
    try {
      await confirm.onConfirm();
      closeConfirm();
    } catch (e) {
      reportError(e);
      closeConfirm();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title={confirm.title} testId="confirm-dialog" onClose={closeConfirm}>
      <ul className="confirm-lines" data-testid="confirm-lines">
        {confirm.lines.map((l, i) => (
          <li key={i}>{l}</li>
        ))}
      </ul>
      <p className="muted">{t('delete.cannotUndo')}</p>
      <div className="modal-foot">
        <button type="button" className="btn" data-testid="confirm-cancel" onClick={closeConfirm}>
          {t('common.cancel')}
        </button>
        <button type="button" className="btn btn-danger" data-testid="confirm-delete" disabled={busy} onClick={run}>
          {confirm.confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
