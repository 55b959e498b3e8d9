import { Modal } from '../../components/modal';
import { useT } from '../../i18n';
import { useDockStore } from '../terminal/terminal-store';
import { useSshStore } from './ssh-store';
import './hosts.css';

/**
 * Trust on first use: the server's key as `ssh-keygen -lf` prints it, where it came from, how to
 * check it on the server, and an explicit choice. Nothing is trusted by closing the dialog.
 */
export function TrustKeyDialog() {
  const t = useT();
  const prompt = useSshStore((s) => s.prompt);
  const busy = useSshStore((s) => (prompt ? s.byHost[prompt.hostId]?.busy : null));
  if (!prompt) return null;
  const { problem } = prompt;
  const cancel = () => useSshStore.getState().cancelPrompt();
  const accept = async () => {
    const ok = await useSshStore.getState().trust(prompt);
    if (ok && prompt.then === 'terminal') useDockStore.getState().openTerminal(prompt.hostId, prompt.hostName);
  };
  const target = `${problem.host}:${problem.port}`;
  return (
    <Modal title={t('trust.title')} testId="trust-dialog" onClose={cancel}>
      <p>
        {problem.via === 'jump' ? t('trust.introJump', { host: problem.hostName, target }) : t('trust.intro', { host: problem.hostName, target })}
      </p>
      {problem.previousAddress && <p className="warn-text small" data-testid="trust-moved">{t('trust.moved', { previous: problem.previousAddress })}</p>}
      <dl className="kv trust-kv">
        <div className="kv-row">
          <dt>{t('trust.algorithm')}</dt>
          <dd className="mono" data-testid="trust-algorithm">{problem.algorithm}</dd>
        </div>
        <div className="kv-row">
          <dt>{t('trust.fingerprint')}</dt>
          <dd className="mono fingerprint" data-testid="trust-fingerprint">{problem.fingerprint}</dd>
        </div>
      </dl>
      <p className="muted small">{t('trust.howToCheck')}</p>
      <pre className="trust-command mono">ssh-keygen -lf /etc/ssh/ssh_host_{shortAlgo(problem.algorithm)}_key.pub</pre>
      <p className="muted small">{t('trust.onlyIfMatches')}</p>
      <div className="modal-foot">
        <button type="button" className="btn" data-testid="trust-cancel" onClick={cancel}>
          {t('common.cancel')}
        </button>
        <button type="button" className="btn btn-primary" data-testid="trust-accept" disabled={busy === 'trusting'} onClick={() => void accept()}>
          {t('trust.accept')}
        </button>
      </div>
    </Modal>
  );
}

/** ssh-ed25519 → ed25519, ecdsa-sha2-nistp256 → ecdsa, rsa-sha2-512 → rsa: the file names sshd uses. */
function shortAlgo(algorithm: string): string {
  if (algorithm.includes('ed25519')) return 'ed25519';
  if (algorithm.includes('ecdsa')) return 'ecdsa';
  if (algorithm.includes('rsa')) return 'rsa';
  return '*';
}
