import type { ReactNode } from 'react';
import type { ErrorShape } from '../../../src-main/contract';
import { useT, type MessageKey } from '../../i18n';
import { keyProblem } from './ssh-store';
import { sshErrorText } from './ssh-error-text';
import './hosts.css';

interface Props {
  error: ErrorShape;
  hostName: string;
  actions?: ReactNode;
  testId?: string;
}

/**
 * One SSH failure, in the user's language: the code's title, what happened and what to try;
 * the core's own sentence (with the exact address, methods tried, timeout) below as detail.
 * A changed host key names both fingerprints.
 */
export function SshErrorPanel({ error, hostName, actions, testId = 'ssh-error' }: Props) {
  const t = useT();
  const text = sshErrorText(t, error, hostName);
  const problem = error.code === 'HOST_KEY_CHANGED' || error.code === 'HOST_KEY_UNKNOWN' ? keyProblem(error) : null;
  return (
    <div className="ssh-error" role="alert" data-testid={testId} data-code={error.code}>
      <div className="ssh-error-title" data-testid="ssh-error-title">
        {t(`error.${error.code}` as MessageKey)}
      </div>
      <p className="ssh-error-message" data-testid="ssh-error-message">{text.what}</p>
      {problem && error.code === 'HOST_KEY_CHANGED' && (
        <dl className="kv key-compare" data-testid="key-changed-fingerprints">
          <div className="kv-row">
            <dt>{t('keyChanged.expected')}</dt>
            <dd className="mono fingerprint" data-testid="key-changed-expected">
              {problem.expectedFingerprint ?? '—'} <span className="muted">{problem.expectedAlgorithm ?? ''}</span>
            </dd>
          </div>
          <div className="kv-row">
            <dt>{t('keyChanged.presented')}</dt>
            <dd className="mono fingerprint" data-testid="key-changed-presented">
              {problem.fingerprint} <span className="muted">{problem.algorithm}</span>
            </dd>
          </div>
        </dl>
      )}
      {text.hint && <p className="ssh-error-hint" data-testid="ssh-error-hint">{text.hint}</p>}
      {error.message && text.showDetail && (
        <p className="ssh-error-detail mono" data-testid="ssh-error-detail">
          {error.message}
        </p>
      )}
      {actions && <div className="ssh-error-actions">{actions}</div>}
    </div>
  );
}
