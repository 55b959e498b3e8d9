import { useState } from 'react';
import { isAppError, type KeyProviderId, type VaultStatus } from '../../../src-main/contract';
import { useT } from '../../i18n';
import { issuesOf, translateIssue } from '../../i18n/validation';
import { useVaultStore } from '../../stores/vault-store';
import { VaultFrame } from './vault-frame';

const MIN = 10;

/** First start: choose how the data key is protected, and a passphrase when that is the way. */
export function SetupScreen({ status }: { status: VaultStatus }) {
  const t = useT();
  const setup = useVaultStore((s) => s.setup);
  const providers = status.availableProviders.length ? status.availableProviders : (['passphrase'] as KeyProviderId[]);
  const [provider, setProvider] = useState<KeyProviderId>(providers[0]);
  const [pass, setPass] = useState('');
  const [again, setAgain] = useState('');
  const [allowWeak, setAllowWeak] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const needsPass = provider === 'passphrase';
  const weak = provider === 'safe-storage' && !!status.weakBackend;

  const submit = async () => {
    setError(null);
    if (needsPass && pass.length < MIN) return setError(t('vault.tooShort', { n: MIN }));
    if (needsPass && pass !== again) return setError(t('vault.mismatch'));
    if (weak && !allowWeak) return setError(t('vault.weakRequired'));
    setBusy(true);
    try {
      await setup(provider, needsPass ? pass : undefined, weak && allowWeak);
      setPass('');
      setAgain('');
    } catch (e) {
      const issue = issuesOf(isAppError(e) ? e.details : undefined)[0];
      setError(issue ? translateIssue(issue, t) : isAppError(e) ? [e.message, e.hint].filter(Boolean).join(' ') : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <VaultFrame title={t('vault.setupTitle')} testId="vault-setup">
      <p>{t('vault.setupIntro')}</p>
      <form
        noValidate
        data-testid="vault-setup-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <fieldset className="providers">
          <legend className="field-label">{t('vault.provider')}</legend>
          {providers.map((p) => (
            <label key={p} className={`provider${p === provider ? ' is-selected' : ''}`}>
              <input type="radio" name="provider" value={p} checked={p === provider} data-testid={`vault-provider-${p}`} onChange={() => setProvider(p)} />
              <span>
                <strong>{t(`vault.provider.${p}`)}</strong>
                <span className="muted small block">{t(`vault.provider.${p}.explain`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {weak && (
          <div className="warning" data-testid="vault-weak-warning">
            <p>{t('vault.weakWarning', { backend: status.weakBackend ?? '' })}</p>
            <label className="check">
              <input type="checkbox" checked={allowWeak} data-testid="vault-allow-weak" onChange={(e) => setAllowWeak(e.target.checked)} />
              {t('vault.weakOptIn')}
            </label>
          </div>
        )}
        {needsPass && (
          <>
            <label className="field">
              <span className="field-label">{t('vault.passphrase')}</span>
              <input type="password" autoComplete="new-password" data-testid="vault-passphrase" value={pass} onChange={(e) => setPass(e.target.value)} />
              <span className="field-hint">{t('vault.passphraseHint', { n: MIN })}</span>
            </label>
            <label className="field">
              <span className="field-label">{t('vault.passphraseAgain')}</span>
              <input type="password" autoComplete="new-password" data-testid="vault-passphrase-confirm" value={again} onChange={(e) => setAgain(e.target.value)} />
            </label>
          </>
        )}
        {error && (
          <div className="field-error" role="alert" data-testid="vault-error">
            {error}
          </div>
        )}
        <button type="submit" className="btn btn-primary btn-block" data-testid="vault-setup-submit" disabled={busy}>
          {t('vault.create')}
        </button>
      </form>
    </VaultFrame>
  );
}
