import { useMemo } from 'react';
import type { InventoryTree } from '../../../src-main/contract';
import { useT, type MessageKey } from '../../i18n';
import { findEnv, findHost, findProject } from '../inventory/inventory-selectors';
import { clockTime, type SourceLook } from './log-row';
import { useLogsStore, type LogTarget } from './logs-store';

const targetValue = (t: LogTarget | null) => (t ? `${t.type}:${t.id}` : '');

function parseTarget(v: string): LogTarget | null {
  const i = v.indexOf(':');
  if (i < 0) return null;
  const type = v.slice(0, i);
  return type === 'service' || type === 'host' ? { type, id: v.slice(i + 1) } : null;
}

/** "Project / environment" for an option label. */
function whereOf(tree: InventoryTree, envId: string): string {
  const env = findEnv(tree, envId);
  return env ? `${findProject(tree, env.projectId)?.name ?? ''} / ${env.name}` : '';
}

/** The service/host picker: services that run on a host first, then the hosts themselves. */
export function LogsTargetPicker({ tree }: { tree: InventoryTree }) {
  const t = useT();
  const target = useLogsStore((s) => s.target);
  const setTarget = useLogsStore((s) => s.setTarget);
  const { services, hosts } = useMemo(() => {
    const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);
    return {
      services: tree.services.filter((s) => s.hostId !== null || s.kind === 'container').sort(byName),
      hosts: [...tree.hosts].sort(byName),
    };
  }, [tree]);
  return (
    <label className="logs-picker">
      <span className="muted">{t('logs.target')}</span>
      <select data-testid="logs-target" value={targetValue(target)} onChange={(e) => void setTarget(parseTarget(e.target.value))}>
        <option value="">{t('logs.pickTarget')}</option>
        {services.length > 0 && (
          <optgroup label={t('logs.services')}>
            {services.map((s) => (
              <option key={s.id} value={`service:${s.id}`}>
                {`${s.name} — ${findHost(tree, s.hostId)?.name ?? ''} · ${whereOf(tree, s.environmentId)}`}
              </option>
            ))}
          </optgroup>
        )}
        {hosts.length > 0 && (
          <optgroup label={t('logs.hosts')}>
            {hosts.map((h) => (
              <option key={h.id} value={`host:${h.id}`}>
                {`${h.name} (${h.address}) · ${whereOf(tree, h.environmentId)}`}
              </option>
            ))}
          </optgroup>
        )}
      </select>
    </label>
  );
}

/** The logs of the target as checkboxes, each with its colour and live state (and the reason of an error). */
export function LogsSourceChoices({ looks }: { looks: ReadonlyMap<string, SourceLook> }) {
  const t = useT();
  const options = useLogsStore((s) => s.options);
  const chosen = useLogsStore((s) => s.chosen);
  const statuses = useLogsStore((s) => s.statuses);
  const toggle = useLogsStore((s) => s.toggleSource);
  if (!options.length) return null;
  return (
    <div className="logs-sources" data-testid="logs-sources" role="group" aria-label={t('logs.sources')}>
      {options.map((o) => {
        const on = chosen.includes(o.key);
        const st = on ? statuses[o.key] : undefined;
        const look = looks.get(o.key);
        return (
          <label key={o.key} className={`logs-source${on ? ' is-on' : ''}`} data-testid="logs-source" data-label={o.label} data-state={st?.state ?? ''}>
            <input type="checkbox" checked={on} onChange={() => toggle(o.key)} data-testid="logs-source-check" />
            {look && <span className={`logs-swatch src-${look.colour}`} aria-hidden="true" />}
            <span className="logs-source-label">{o.label}</span>
            {st && (
              <span className={`logs-state st-${st.state}`} data-testid="logs-source-state" title={st.message ?? undefined}>
                {t(`logs.state.${st.state}` as MessageKey)}
              </span>
            )}
            {st?.message && st.state !== 'following' && (
              <span className={`logs-state-msg small${st.state === 'error' ? ' error-text' : ' muted'}`} data-testid="logs-source-message" title={st.message}>
                {st.message}
              </span>
            )}
            {st?.note && st.state === 'following' && (
              <span className={`logs-note small st-${st.note.state}`} data-testid="logs-source-note" data-note={st.note.state} title={st.note.message ?? undefined}>
                {t('logs.note', { state: t(`logs.state.${st.note.state}` as MessageKey), time: clockTime(st.note.at).slice(0, 8) })}
              </span>
            )}
          </label>
        );
      })}
    </div>
  );
}
