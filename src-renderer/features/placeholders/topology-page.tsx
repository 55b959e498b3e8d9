import { useT } from '../../i18n';
import { useInventoryStore } from '../../stores/inventory-store';
import { useUiStore } from '../../stores/ui-store';
import { Section } from '../inventory/detail-parts';
import { findEnv, findProject, linksOfProject, projectIdOf } from '../inventory/inventory-selectors';
import { LinksTable } from '../inventory/links-table';
import { PlaceholderPage } from './placeholder-page';

/** Until the diagram exists: the links of the selected project (or every project) as tables. */
export function TopologyPage() {
  const t = useT();
  const tree = useInventoryStore((s) => s.tree);
  const selection = useUiStore((s) => s.selection);
  const scopeEnvId = useUiStore((s) => s.scopeEnvId);
  const selected = projectIdOf(tree, selection) ?? findEnv(tree, scopeEnvId)?.projectId ?? null;
  const projects = selected ? [findProject(tree, selected)].filter((p) => !!p) : [...tree.projects].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <PlaceholderPage page="topology">
      {projects.length === 0 && <p className="muted">{t('topology.noProjects')}</p>}
      {projects.map((p) => (
        <Section key={p.id} title={t('topology.linksOf', { project: p.name })} testId={`topology-${p.name}`}>
          <LinksTable links={linksOfProject(tree, p.id)} readOnly />
        </Section>
      ))}
    </PlaceholderPage>
  );
}
