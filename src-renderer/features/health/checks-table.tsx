import { useEffect, useRef, useState } from 'react';
import type { Check } from '../../../src-main/contract';
import { call } from '../../api/client';
import { useT } from '../../i18n';
import { useLanguage } from '../../stores/app-store';
import { useInventoryStore } from '../../stores/inventory-store';
import { useModalStore } from '../../stores/modal-store';
import { notify, reportError } from '../../stores/toast-store';
import { findService } from '../inventory/inventory-selectors';
import { formatAt, formatSpan } from './health-format';
import { useHealthDialogs } from './health-dialogs';
import { useHealthStore } from './health-store';
import { StateBadge, UptimeBar } from './state-badge';

/** What a check looks at, in one line. */
export function checkTarget(c: Check, names: { host(id: string): string; service(id: string): string }): string {
  const cfg = c.config;
  switch (cfg.type) {
    case 'http':
    case 'websocket':
      return cfg.url;
    case 'tcp':
    case 'tls':
      return `${cfg.host}:${cfg.port}`;
    case 'pm2':
      return `${names.host(cfg.hostId)} · ${cfg.app}`;
    case 'postgres':
    case 'redis':
      return names.service(cfg.serviceId);
    case 'metric':
      return `${cfg.key}${cfg.value !== undefined ? ` ${cfg.direction === 'below' ? '≤' : '≥'} ${cfg.value}` : ''}`;
  }
}

/** The checks with state, last latency and message, recent beats; run now, edit, delete. */
export function ChecksTable({ checks }: { checks: Check[] }) {
  const t = useT();
  const lang = useLanguage();
  const tree = useInventoryStore((s) => s.tree);
  const beats = useHealthStore((s) => s.beats);
  const focus = useHealthStore((s) => s.focusCheckId);
  const now = useHealthStore((s) => s.now);
  const open = useHealthDialogs((s) => s.open);
  const ask = useModalStore((s) => s.ask);
  const [running, setRunning] = useState<string | null>(null);
  const focused = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    focused.current?.scrollIntoView({ block: 'center' });
  }, [focus]);

  const names = {
    host: (id: string) => tree.hosts.find((h) => h.id === id)?.name ?? '?',
    service: (id: string) => findService(tree, id)?.name ?? '?',
  };

  async function runNow(c: Check) {
    setRunning(c.id);
    try {
      const r = await call('checks.runNow', { id: c.id });
      notify(`${c.name}: ${r.ok ? t('health.testOk') : t('health.testFailed')} — ${r.message}`);
      await useHealthStore.getState().refresh();
    } catch (e) {
      reportError(e);
    } finally {
      setRunning(null);
    }
  }

  function remove(c: Check) {
    ask({
      title: t('health.deleteCheckTitle', { name: c.name }),
      lines: [t('health.deleteCheckLead', { name: c.name })],
      confirmLabel: t('health.deleteCheck'),
      onConfirm: async () => {
        await call('checks.delete', { id: c.id });
        notify(t('toast.deleted', { name: c.name }));
        await useHealthStore.getState().refresh();
      },
    });
  }

  return (
    <div className="table-scroll checks-scroll">
      <table className="table checks-table" data-testid="checks-table">
        <thead>
          <tr>
            <th>{t('health.col.state')}</th>
            <th>{t('health.col.check')}</th>
            <th>{t('health.col.service')}</th>
            <th className="num">{t('health.col.latency')}</th>
            <th>{t('health.col.recent')}</th>
            <th>{t('health.col.message')}</th>
            <th className="col-actions" />
          </tr>
        </thead>
        <tbody>
          {checks.length === 0 && (
            <tr>
              <td colSpan={7} className="muted empty-cell" data-testid="checks-empty">{t('health.noChecks')}</td>
            </tr>
          )}
          {checks.map((c) => {
            const svc = findService(tree, c.serviceId);
            return (
              <tr
                key={c.id}
                ref={c.id === focus ? focused : undefined}
                className={c.id === focus ? 'row-focus' : undefined}
                data-testid={`check-row-${c.name}`}
                data-state={c.state}
                data-check-id={c.id}
              >
                <td>
                  <StateBadge state={c.state} />
                  {!c.enabled && <span className="pill" data-testid="check-paused"> {t('health.paused')}</span>}
                </td>
                <td>
                  <div className="check-name">{c.name}</div>
                  <div className="muted small mono ellipsis check-target" title={checkTarget(c, names)}>
                    {t(`health.type.${c.config.type}`)} · {checkTarget(c, names)}
                  </div>
                </td>
                <td>{svc ? svc.name : <span className="muted">—</span>}</td>
                <td className="num" data-testid="check-latency">{c.lastLatencyMs !== null ? `${Math.round(c.lastLatencyMs)} ms` : '—'}</td>
                <td>
                  <UptimeBar beats={beats[c.id] ?? []} formatWhen={(at) => formatAt(at, lang)} />
                  {c.since && <div className="muted small">{t('health.since', { span: formatSpan(Math.max(0, now - c.since)) })}</div>}
                </td>
                <td className="check-message" data-testid="check-message" title={c.lastMessage ?? ''}>
                  {c.lastMessage ?? <span className="muted">{t('health.notRunYet')}</span>}
                </td>
                <td className="col-actions">
                  <button type="button" className="btn btn-small" data-testid="check-run" disabled={running === c.id} onClick={() => void runNow(c)}>
                    {running === c.id ? t('health.running') : t('health.runNow')}
                  </button>
                  <button type="button" className="btn btn-small" data-testid="check-edit" onClick={() => open({ kind: 'check', id: c.id })}>
                    {t('common.edit')}
                  </button>
                  <button type="button" className="btn btn-small btn-danger-quiet" data-testid="check-delete" onClick={() => remove(c)}>
                    {t('common.delete')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
