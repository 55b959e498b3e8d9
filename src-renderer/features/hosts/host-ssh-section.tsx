import { useEffect, useRef } from 'react';
import type { Host } from '../../../src-main/contract';
import { useT } from '../../i18n';
import { useFormatTime } from '../../i18n/format';
import { useModalStore } from '../../stores/modal-store';
import { Section } from '../inventory/detail-parts';
import { openHostTerminal } from './host-terminal';
import { ScanHostPanel } from './scan-host-panel';
import { SshErrorPanel } from './ssh-error-panel';
import { keyProblem, useHostSsh, useSshStore } from './ssh-store';
import './hosts.css';

/**
 * The host's SSH side on its detail page: test the connection (first use asks to trust the key),
 * the trusted key, a clear panel for every failure, a terminal, and "Scan host".
 */
export function HostSshSection({ host }: { host: Host }) {
  const t = useT();
  const fmt = useFormatTime();
  const state = useHostSsh(host.id);
  const { test, loadKnownKey, forget, forgetAndRetest } = useSshStore.getState();
  const ask = useModalStore((s) => s.ask);

  useEffect(() => {
    void loadKnownKey(host.id);
  }, [host.id, host.address, host.port, loadKnownKey]);

  // A new failure is scrolled into view: the panel says what to do.
  const errorRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.error) errorRef.current?.scrollIntoView({ block: 'nearest' });
  }, [state.error]);

  const status = state.busy === 'testing' ? 'testing' : state.error ? 'error' : state.result ? 'connected' : 'idle';
  const key = state.knownKey;

  const confirmForget = (retest: boolean) =>
    ask({
      title: retest ? t('keyChanged.confirmTitle', { host: host.name }) : t('hostKey.forgetTitle', { host: host.name }),
      lines: retest
        ? [t('keyChanged.confirmLine1'), t('keyChanged.confirmLine2', { fingerprint: keyProblem(state.error)?.fingerprint ?? '—' })]
        : [t('hostKey.forgetLine', { fingerprint: key?.fingerprint ?? '—' })],
      confirmLabel: retest ? t('keyChanged.confirm') : t('hostKey.forget'),
      onConfirm: async () => {
        if (retest) await forgetAndRetest(host.id, host.name);
        else await forget(host.id);
      },
    });

  return (
    <Section
      title={t('ssh.title')}
      testId="host-ssh"
      actions={
        <>
          <button type="button" className="btn btn-small" data-testid="ssh-test" disabled={state.busy !== null} onClick={() => void test(host.id, host.name)}>
            {state.busy === 'testing' ? t('ssh.testing') : t('ssh.test')}
          </button>
          <button type="button" className="btn btn-small" data-testid="ssh-open-terminal" onClick={() => void openHostTerminal(host.id, host.name)}>
            {t('ssh.openTerminal')}
          </button>
        </>
      }
    >
      <div className="ssh-status" data-testid="ssh-status" data-state={status}>
        <span className={`term-dot term-dot-${status === 'connected' ? 'open' : status === 'error' ? 'failed' : status === 'testing' ? 'connecting' : 'idle'}`} aria-hidden="true" />
        {status === 'idle' && <span className="muted">{t('ssh.notTested')}</span>}
        {status === 'testing' && <span>{t('ssh.testingLong', { address: `${host.address}:${host.port}` })}</span>}
        {status === 'connected' && state.result && (
          <span data-testid="ssh-connected">
            {t('ssh.connected', { server: state.result.serverVersion || 'SSH', ms: Math.round(state.result.latencyMs) })}
          </span>
        )}
        {status === 'error' && state.error && <span className="error-text">{t('ssh.failed', { title: t(`error.${state.error.code}`) })}</span>}
      </div>

      <div className="host-key-line" data-testid="ssh-known-key" data-state={key ? 'trusted' : key === null ? 'none' : 'loading'}>
        {key ? (
          <>
            <span className="muted">{t('hostKey.trusted')}</span> <span className="mono fingerprint" data-testid="ssh-known-fingerprint">{key.fingerprint}</span>{' '}
            <span className="muted small">
              {key.algorithm} · {key.source === 'known_hosts' ? t('hostKey.fromKnownHosts') : t('hostKey.confirmed')} {fmt(key.trustedAt)}
            </span>
            <button type="button" className="link-btn small forget-key" data-testid="ssh-forget-key" onClick={() => confirmForget(false)}>
              {t('hostKey.forget')}
            </button>
          </>
        ) : key === null && (state.result || state.error?.code === 'SSH_AUTH_FAILED') ? (
          // No key of its own, yet the key check passed: another host at this address:port
          // (the same server) has its key trusted.
          <span className="muted" data-testid="ssh-shared-key">
            {t('hostKey.shared')} {state.result && <span className="mono fingerprint">{state.result.fingerprint}</span>}
          </span>
        ) : key === null ? (
          <span className="muted">{t('hostKey.none')}</span>
        ) : null}
      </div>

      <div ref={errorRef}>
      {state.error && (
        <SshErrorPanel
          error={state.error}
          hostName={host.name}
          testId={state.error.code === 'HOST_KEY_CHANGED' ? 'key-changed-panel' : 'ssh-error'}
          actions={
            state.error.code === 'HOST_KEY_CHANGED' ? (
              <>
                <ol className="retrust-steps small" data-testid="key-changed-steps">
                  <li>{t('keyChanged.step1')}</li>
                  <li>{t('keyChanged.step2')}</li>
                  <li>{t('keyChanged.step3')}</li>
                </ol>
                <button type="button" className="btn btn-small btn-danger-quiet" data-testid="key-retrust" disabled={state.busy !== null} onClick={() => confirmForget(true)}>
                  {t('keyChanged.retrust')}
                </button>
              </>
            ) : (
              <button type="button" className="btn btn-small" data-testid="ssh-retry" disabled={state.busy !== null} onClick={() => void test(host.id, host.name)}>
                {t('ssh.retry')}
              </button>
            )
          }
        />
      )}
      </div>

      <ScanHostPanel host={host} />
    </Section>
  );
}
