import { useState } from 'react';
import { isAppError } from '../../../src-main/contract';
import { useT } from '../../i18n';
import { useVaultStore } from '../../stores/vault-store';
import { VaultFrame } from './vault-frame';

export function UnlockScreen() {
  const t = useT();
  const unlock = useVaultStore((s) => s.unlock);
  const [pass, setPass] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (!pass) return setError(t('vault.enterPassphrase'));
    setBusy(true);
    setError(null);
    try {
      await unlock(pass);
      setPass('');
    } catch (e) {
      if (isAppError(e) && e.code === 'VAULT_BAD_PASSPHRASE') setError(t('vault.badPassphrase'));
      else setError(isAppError(e) ? [e.message, e.hint].filter(Boolean).join(' ') : String(e));
      setPass('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <VaultFrame title={t('vault.unlockTitle')} testId="vault-unlock">
      <p>{t('vault.unlockIntro')}</p>
      <form
        noValidate
        data-testid="vault-unlock-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="field">
          <span className="field-label">{t('vault.passphrase')}</span>
          <input type="password" autoFocus autoComplete="current-password" data-testid="vault-passphrase" value={pass} onChange={(e) => setPass(e.target.value)} />
        </label>
        {error && (
          <div className="field-error" role="alert" data-testid="vault-error">
            {error}
          </div>
        )}
        <button type="submit" className="btn btn-primary btn-block" data-testid="vault-unlock-submit" disabled={busy}>
          {busy ? t('vault.unlocking') : t('vault.unlock')}
        </button>
      </form>
    </VaultFrame>
  );
}
