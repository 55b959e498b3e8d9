import type { Host, InventoryTree, Service } from '../../../src-main/contract';
import { EnvBadge } from '../../components/env-badge';
import { HealthDot } from '../../components/health-dot';
import { useT } from '../../i18n';
import { useInventoryStore } from '../../stores/inventory-store';
import { useModalStore } from '../../stores/modal-store';
import { useUiStore, type Selection } from '../../stores/ui-store';
import { envsOf, hostsOf, matches, servicesOf, servicesOnHost } from './inventory-selectors';
import { TreeRow, onTreeKeyDown } from './tree-row';

const isSel = (sel: Selection, type: string, id: string) => !!sel && sel.type === type && 'id' in sel && sel.id === id;

/** Project → environment → hosts (with what runs on them) and host-less services. */
export function ProjectTree() {
  const t = useT();
  const tree = useInventoryStore((s) => s.tree);
  const { selection, select, collapsed, toggle, scopeEnvId, search } = useUiStore();
  const openModal = useModalStore((s) => s.open);
  const q = search.trim();

  const serviceRow = (svc: Service, level: number, parentMatch: boolean) => {
    if (!parentMatch && !matches(svc.name, q)) return null;
    return (
      <TreeRow
        key={svc.id}
        level={level}
        label={svc.name}
        testId={`tree-service-${svc.name}`}
        selected={isSel(selection, 'service', svc.id)}
        onSelect={() => select({ type: 'service', id: svc.id })}
        before={<HealthDot />}
        after={<span className="tree-meta">{t(`service.kind.${svc.kind}`)}</span>}
      />
    );
  };

  const hostRows = (host: Host, level: number, parentMatch: boolean, t2: InventoryTree) => {
    const self = parentMatch || matches(host.name, q) || matches(host.address, q);
    const children = servicesOnHost(t2, host.id).map((s) => serviceRow(s, level + 1, self)).filter(Boolean);
    if (!self && !children.length) return null;
    const key = `h:${host.id}`;
    const open = !!q || !collapsed[key];
    return (
      <div key={host.id} role="group">
        <TreeRow
          level={level}
          label={host.name}
          testId={`tree-host-${host.name}`}
          selected={isSel(selection, 'host', host.id)}
          onSelect={() => select({ type: 'host', id: host.id })}
          expanded={children.length ? open : undefined}
          onToggle={children.length ? () => toggle(key) : undefined}
          before={<HealthDot />}
          after={<span className="tree-meta mono">{host.address}</span>}
        />
        {open && children}
      </div>
    );
  };

  const projects = tree.projects
    .filter((p) => !scopeEnvId || tree.environments.some((e) => e.id === scopeEnvId && e.projectId === p.id))
    .sort((a, b) => a.name.localeCompare(b.name));

  const rendered = projects.map((p) => {
    const pMatch = matches(p.name, q);
    const envs = envsOf(tree, p.id).filter((e) => !scopeEnvId || e.id === scopeEnvId);
    const envNodes = envs
      .map((env) => {
        const eMatch = pMatch || matches(env.name, q);
        const hosts = hostsOf(tree, env.id).map((h) => hostRows(h, 2, eMatch, tree)).filter(Boolean);
        const loose = servicesOf(tree, env.id)
          .filter((s) => !s.hostId || !tree.hosts.some((h) => h.id === s.hostId))
          .map((s) => serviceRow(s, 2, eMatch))
          .filter(Boolean);
        if (!eMatch && !hosts.length && !loose.length) return null;
        const key = `e:${env.id}`;
        const open = !!q || !collapsed[key];
        const empty = !hosts.length && !loose.length;
        return (
          <div key={env.id} role="group">
            <TreeRow
              level={1}
              label={env.name}
              testId={`tree-env-${p.name}/${env.name}`}
              selected={isSel(selection, 'environment', env.id)}
              onSelect={() => select({ type: 'environment', id: env.id })}
              expanded={empty ? undefined : open}
              onToggle={empty ? undefined : () => toggle(key)}
              after={<EnvBadge kind={env.kind} quiet />}
            />
            {open && hosts}
            {open && loose}
          </div>
        );
      })
      .filter(Boolean);
    if (!pMatch && !envNodes.length) return null;
    const key = `p:${p.id}`;
    const open = !!q || !collapsed[key];
    return (
      <div key={p.id} role="group">
        <TreeRow
          level={0}
          label={p.name}
          testId={`tree-project-${p.name}`}
          selected={isSel(selection, 'project', p.id)}
          onSelect={() => select({ type: 'project', id: p.id })}
          expanded={envNodes.length ? open : undefined}
          onToggle={envNodes.length ? () => toggle(key) : undefined}
        />
        {open && envNodes}
      </div>
    );
  });
  const visible = rendered.filter(Boolean);

  return (
    <div className="tree-pane">
      <div className="pane-head">
        <span className="pane-title">{t('tree.title')}</span>
        <button type="button" className="btn btn-small" data-testid="tree-add-project" onClick={() => openModal({ kind: 'project' })}>
          + {t('project.new')}
        </button>
      </div>
      <div className="tree" role="tree" aria-label={t('tree.title')} data-testid="project-tree" onKeyDown={onTreeKeyDown}>
        {visible}
        {q && !visible.length && <div className="tree-empty">{t('tree.noMatch', { q })}</div>}
        {!q && !tree.projects.length && <div className="tree-empty">{t('tree.empty')}</div>}
      </div>
      <div className="tree-foot">
        <TreeRow
          level={0}
          label={t('credentials.title')}
          testId="tree-credentials"
          selected={selection?.type === 'credentials'}
          onSelect={() => select({ type: 'credentials' })}
          after={<span className="tree-meta">{tree.credentials.length}</span>}
        />
      </div>
    </div>
  );
}
