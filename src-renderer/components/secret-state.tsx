import type { SecretState } from '../../src-main/contract';
import { useT } from '../i18n';

/** Read-only Set / Not set for a detail pane. */
export function SecretStatePill({ state, testId }: { state: SecretState; testId: string }) {
  const t = useT();
  return (
    <span className={`pill ${state.isSet ? 'pill-set' : 'pill-unset'}`} data-testid={testId} data-set={String(state.isSet)}>
      {state.isSet ? t('secret.set') : t('secret.notSet')}
    </span>
  );
}
