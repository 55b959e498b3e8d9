import { useCallback, useEffect, useMemo, useState } from 'react';
import type { KnownHostKey, SshConfigPlanOutput } from '../../../src-main/contract';
import { call } from '../../api/client';
import { Modal } from '../../components/modal';
import { useT } from '../../i18n';
import { useAppStore } from '../../stores/app-store';
import { useInventoryStore } from '../../stores/inventory-store';
import { notify, reportError } from '../../stores/toast-store';
import { useUiStore } from '../../stores/ui-store';
import { DraftReview } from '../imports/draft-review';
import { ImportTargetFields, useImportTarget } from '../imports/import-target';
import '../imports/imports.css';
import { useSshConfigImport } from './ssh-config-import-store';
import './hosts.css';

/** As the core's cap (sshConfig.plan): larger files are refused there too. */
const MAX_CHARS = 262_144;

interface Picked {
  name: string;
  text: string;
}

const keyRank = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];
/** The known_hosts key the core will trust for a draft host (same preference as the core). */
function keyFor(keys: readonly KnownHostKey[], hostKey: string): KnownHostKey | undefined {
  const r = (a: string) => (keyRank.includes(a) ? keyRank.indexOf(a) : keyRank.length);
  return keys.filter((k) => k.marker === 'none' && k.hostKeys.includes(hostKey)).sort((a, b) => r(a.algorithm) - r(b.algorithm) || a.line - b.line)[0];
}

async function readPicked(list: FileList | null): Promise<Picked | null> {
  const f = list?.[0];
  if (!f) return null;
  return { name: f.name, text: (await f.text()).slice(0, MAX_CHARS + 1) };
}

/**
 * Import from SSH config: pick the ssh config and known_hosts files (or, in the desktop app, read
 * ~/.ssh), choose the target, see the hosts (address, port, user, jump host, the host key that
 * known_hosts gives) and what the merge would do, tick, apply. The core parses the files again on
 * apply; private keys are never read.
 */
export function SshConfigImportDialog() {
  const t = useT();
  const hide = useSshConfigImport((s) => s.hide);
  const initialProject = useSshConfigImport((s) => s.projectId);
  const initialEnv = useSshConfigImport((s) => s.environmentName);
  const desktop = useAppStore((s) => s.info?.host === 'electron');
  const [config, setConfig] = useState<Picked | null>(null);
  const [knownHosts, setKnownHosts] = useState<Picked | null>(null);
  const [local, setLocal] = useState<string | null>(null);
  const targetState = useImportTarget(initialProject, initialEnv);
  const { target } = targetState;
  const [preview, setPreview] = useState<SshConfigPlanOutput | null>(null);
  const [selection, setSelection] = useState<string[]>([]);
  const [busy, setBusy] = useState<'plan' | 'apply' | 'local' | null>(null);
  const [planError, setPlanError] = useState<string | null>(null);

  const source = useMemo(() => {
    if (local !== null) return { local: true };
    if (!config && !knownHosts) return null;
    return { configText: config?.text ?? '', knownHostsText: knownHosts?.text ?? '' };
  }, [local, config, knownHosts]);

  const runPlan = useCallback(async () => {
    if (!source || !target) return;
    setBusy('plan');
    setPlanError(null);
    try {
      const out = await call('sshConfig.plan', { ...source, target });
      setPreview(out);
      setSelection(out.plan.items.filter((i) => i.action !== 'unchanged' && i.entity !== 'environment').map((i) => i.key));
    } catch (e) {
      setPreview(null);
      setPlanError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  }, [source, target]);

  useEffect(() => {
    const timer = setTimeout(() => void runPlan(), 250);
    return () => clearTimeout(timer);
  }, [runPlan]);

  async function readLocal() {
    setBusy('local');
    try {
      const out = await call('sshConfig.readLocal', {});
      setConfig(null);
      setKnownHosts(null);
      setLocal(t('sshImport.localRead', { hosts: out.draft.hosts.length, keys: out.knownKeys.length }));
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(null);
    }
  }

  async function apply() {
    if (!source || !target || !preview) return;
    setBusy('apply');
    try {
      const out = await call('sshConfig.apply', { ...source, target, selectedKeys: selection });
      await useInventoryStore.getState().refresh();
      notify(
        t('sshImport.applied', {
          added: out.merge?.added.hosts ?? 0,
          updated: out.merge?.updated.hosts ?? 0,
          jumps: out.jumpHostsLinked,
          keys: out.trustedKeys.length,
        }),
      );
      if (out.keyProblems.length) notify(t('sshImport.keyProblems', { list: out.keyProblems.map((p) => `${p.hostName}: ${p.reason}`).join('; ') }));
      useUiStore.getState().select({ type: 'environment', id: out.environmentId });
      hide();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(null);
    }
  }

  const hostSelected = (key: string) => selection.includes(`host:${key}`) || preview?.plan.items.some((i) => i.key === `host:${key}` && i.action === 'unchanged');
  const canApply = !!preview && selection.some((k) => k.startsWith('host:')) && busy === null;
  const nameOf = (key: string | null) => preview?.draft.hosts.find((h) => h.key === key)?.name ?? '';

  return (
    <Modal
      title={t('sshImport.title')}
      testId="ssh-config-import"
      onClose={hide}
      wide
      footer={
        <>
          <button type="button" className="btn" data-testid="ssh-config-cancel" onClick={hide}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn btn-primary" data-testid="ssh-config-apply" disabled={!canApply} onClick={() => void apply()}>
            {busy === 'apply' ? t('sshImport.applying') : t('sshImport.apply', { n: selection.filter((k) => k.startsWith('host:')).length })}
          </button>
        </>
      }
    >
      <div className="import-form">
        <p className="muted">{t('sshImport.intro')}</p>
        <div className="import-pick">
          <label className="btn">
            {t('sshImport.configFile')}
            <input
              type="file"
              hidden
              data-testid="ssh-config-file"
              onChange={(e) =>
                void readPicked(e.target.files).then((p) => {
                  setLocal(null);
                  setConfig(p);
                })
              }
            />
          </label>
          <span className="muted mono" data-testid="ssh-config-file-name">
            {config?.name ?? t('sshImport.notPicked')}
          </span>
          <label className="btn">
            {t('sshImport.knownHostsFile')}
            <input
              type="file"
              hidden
              data-testid="known-hosts-file"
              onChange={(e) =>
                void readPicked(e.target.files).then((p) => {
                  setLocal(null);
                  setKnownHosts(p);
                })
              }
            />
          </label>
          <span className="muted mono" data-testid="known-hosts-file-name">
            {knownHosts?.name ?? t('sshImport.notPicked')}
          </span>
          {desktop && (
            <button type="button" className="btn" data-testid="ssh-config-read-local" disabled={busy !== null} onClick={() => void readLocal()}>
              {busy === 'local' ? t('sshImport.readingLocal') : t('sshImport.readLocal')}
            </button>
          )}
        </div>
        {local && (
          <p className="muted" data-testid="ssh-config-local">
            {local}
          </p>
        )}
        <ImportTargetFields state={targetState} testIdPrefix="ssh-config" />
        {busy === 'plan' && <p className="muted">{t('imports.previewing')}</p>}
        {planError && (
          <p className="form-errors" role="alert" data-testid="ssh-config-plan-error">
            {planError}
          </p>
        )}
        {!source && <p className="muted">{t('sshImport.pickFirst')}</p>}
        {source && !target && <p className="muted">{t('imports.nameFirst')}</p>}
        {preview && preview.draft.hosts.length > 0 && (
          <section className="ssh-import-hosts">
            <h3>{t('sshImport.hosts')}</h3>
            <table className="table" data-testid="ssh-config-hosts">
              <thead>
                <tr>
                  <th>{t('sshImport.col.host')}</th>
                  <th>{t('sshImport.col.address')}</th>
                  <th>{t('sshImport.col.user')}</th>
                  <th>{t('sshImport.col.jump')}</th>
                  <th>{t('sshImport.col.key')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.draft.hosts.map((h) => {
                  const d = preview.details.find((x) => x.hostKey === h.key);
                  const k = keyFor(preview.knownKeys, h.key);
                  return (
                    <tr key={h.key} data-testid={`ssh-config-host-${h.name}`} className={hostSelected(h.key) ? '' : 'muted'}>
                      <td>
                        <strong>{h.name}</strong>
                        {d && d.identityFiles.length > 0 && <div className="muted small mono">{t('sshImport.identity', { files: d.identityFiles.join(', ') })}</div>}
                      </td>
                      <td className="mono">
                        {h.address}
                        {h.port && h.port !== 22 ? `:${h.port}` : ''}
                      </td>
                      <td className="mono">{h.username ?? <span className="muted">{t('sshImport.defaultUser')}</span>}</td>
                      <td className="mono">{d?.jumpHostKey ? nameOf(d.jumpHostKey) : (d?.proxyJump ?? '—')}</td>
                      <td className="mono" data-testid={`ssh-config-key-${h.name}`}>
                        {k ? `${k.algorithm} ${k.fingerprint}` : <span className="muted">{t('sshImport.noKey')}</span>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        )}
        {preview && <DraftReview draft={preview.draft} plan={preview.plan} selection={selection} onChange={setSelection} disabled={busy === 'apply'} />}
      </div>
    </Modal>
  );
}

/** Mounted once in the app shell: the dialog when it is open. */
export function SshConfigImportHost() {
  const open = useSshConfigImport((s) => s.open);
  return open ? <SshConfigImportDialog /> : null;
}
