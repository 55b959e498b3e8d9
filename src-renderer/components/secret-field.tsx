import type { SecretState } from '../../src-main/contract';
import { useT } from '../i18n';

export type SecretMode = 'keep' | 'set' | 'delete';

export interface SecretDraft {
  mode: SecretMode;
  value: string;
}

export const KEEP: SecretDraft = { mode: 'keep', value: '' };

/** What the form sends for one secret field; an empty new value means "leave it". */
export function secretInput(d: SecretDraft) {
  if (d.mode === 'delete') return { action: 'delete' as const };
  if (d.mode === 'set' && d.value.length > 0) return { action: 'set' as const, value: d.value };
  return undefined;
}

interface SecretFieldProps {
  label: string;
  testId: string;
  /** Null while creating: nothing is stored yet. */
  stored: SecretState | null;
  draft: SecretDraft;
  onChange(d: SecretDraft): void;
  multiline?: boolean;
  error?: string;
  placeholder?: string;
}

/**
 * A secret is shown only as Set / Not set. A new value can be typed (never shown back), and a
 * stored one can be replaced or deleted.
 */
export function SecretField({ label, testId, stored, draft, onChange, multiline, error, placeholder }: SecretFieldProps) {
  const t = useT();
  const isSet = stored?.isSet ?? false;
  const editing = !isSet || draft.mode === 'set';
  const input = multiline ? (
    <textarea
      className="mono secret-input"
      data-testid={testId}
      rows={5}
      value={draft.value}
      spellCheck={false}
      autoComplete="off"
      placeholder={placeholder}
      onChange={(e) => onChange({ mode: 'set', value: e.target.value })}
    />
  ) : (
    <input
      type="password"
      data-testid={testId}
      value={draft.value}
      autoComplete="new-password"
      placeholder={placeholder}
      onChange={(e) => onChange({ mode: 'set', value: e.target.value })}
    />
  );
  return (
    <div className={`field field-wide secret${error ? ' field-invalid' : ''}`} data-testid={`${testId}-field`}>
      <div className="secret-head">
        <span className="field-label">{label}</span>
        {stored && (
          <span className={`pill ${isSet ? 'pill-set' : 'pill-unset'}`} data-testid={`${testId}-state`} data-set={String(isSet)}>
            {isSet ? t('secret.set') : t('secret.notSet')}
          </span>
        )}
        {isSet && draft.mode === 'keep' && (
          <span className="secret-actions">
            <button type="button" className="btn btn-small" data-testid={`${testId}-replace`} onClick={() => onChange({ mode: 'set', value: '' })}>
              {t('secret.replace')}
            </button>
            <button type="button" className="btn btn-small btn-danger-quiet" data-testid={`${testId}-delete`} onClick={() => onChange({ mode: 'delete', value: '' })}>
              {t('secret.delete')}
            </button>
          </span>
        )}
        {isSet && draft.mode !== 'keep' && (
          <button type="button" className="btn btn-small" data-testid={`${testId}-undo`} onClick={() => onChange({ mode: 'keep', value: '' })}>
            {t('secret.keep')}
          </button>
        )}
      </div>
      {draft.mode === 'delete' && <span className="field-hint warn-text">{t('secret.willDelete')}</span>}
      {editing && draft.mode !== 'delete' && input}
      {error && (
        <span className="field-error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </span>
      )}
    </div>
  );
}
