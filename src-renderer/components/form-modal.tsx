import type { FormEvent, ReactNode } from 'react';
import { useT } from '../i18n';
import { FormErrors } from './field';
import { Modal } from './modal';

interface FormModalProps {
  title: string;
  /** data-testid of the <form>; the dialog gets `<testId>-dialog`. */
  testId: string;
  busy: boolean;
  formErrors: string[];
  onSubmit(): void;
  onClose(): void;
  children: ReactNode;
  saveLabel?: string;
  wide?: boolean;
}

/** A modal holding one form with Cancel / Save; Enter submits, Escape cancels. */
export function FormModal({ title, testId, busy, formErrors, onSubmit, onClose, children, saveLabel, wide }: FormModalProps) {
  const t = useT();
  return (
    <Modal title={title} testId={`${testId}-dialog`} onClose={onClose} wide={wide}>
      <form
        data-testid={testId}
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          if (!busy) onSubmit();
        }}
      >
        <FormErrors messages={formErrors} />
        <div className="form-grid">{children}</div>
        <div className="modal-foot">
          <button type="button" className="btn" data-testid="cancel" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" data-testid="save" disabled={busy}>
            {busy ? t('common.saving') : (saveLabel ?? t('common.save'))}
          </button>
        </div>
      </form>
    </Modal>
  );
}
