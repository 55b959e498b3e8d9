import { EnvBadge } from '../../components/env-badge';
import { useT } from '../../i18n';
import { useInventoryStore } from '../../stores/inventory-store';
import { useUiStore } from '../../stores/ui-store';
import { envsOf, findEnv } from '../inventory/inventory-selectors';

/** Scopes the tree and pages to one environment; production is always marked. */
export function EnvSwitcher() {
  const t = useT();
  const tree = useInventoryStore((s) => s.tree);
  const scopeEnvId = useUiStore((s) => s.scopeEnvId);
  const setScope = useUiStore((s) => s.setScope);
  const current = findEnv(tree, scopeEnvId);
  const projects = [...tree.projects].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <div className={`env-switcher${current?.kind === 'production' ? ' is-prod' : ''}`}>
      <label className="sr-only" htmlFor="env-switcher">{t('topbar.environment')}</label>
      <select id="env-switcher" data-testid="env-switcher" value={current ? current.id : ''} onChange={(e) => setScope(e.target.value || null)}>
        <option value="">{t('topbar.allEnvironments')}</option>
        {projects.map((p) => (
          <optgroup key={p.id} label={p.name}>
            {envsOf(tree, p.id).map((e) => (
              <option key={e.id} value={e.id}>
                {`${p.name} / ${e.name}${e.kind === 'production' ? ` — ${t('env.prodBadge')}` : ''}`}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {current && <EnvBadge kind={current.kind} />}
    </div>
  );
}
