import { useInventoryStore } from '../../stores/inventory-store';
import { useUiStore } from '../../stores/ui-store';
import { CredentialsSection } from './credentials-section';
import { EnvironmentDetail } from './environment-detail';
import { HostDetail } from './host-detail';
import { InventoryOverview } from './inventory-overview';
import { findEnv, findHost, findProject, findService } from './inventory-selectors';
import { ProjectDetail } from './project-detail';
import { ProjectTree } from './project-tree';
import { ServiceDetail } from './service-detail';

function DetailPane() {
  const tree = useInventoryStore((s) => s.tree);
  const sel = useUiStore((s) => s.selection);
  if (sel?.type === 'credentials') return <CredentialsSection />;
  if (sel?.type === 'project') {
    const p = findProject(tree, sel.id);
    if (p) return <ProjectDetail project={p} />;
  }
  if (sel?.type === 'environment') {
    const e = findEnv(tree, sel.id);
    if (e) return <EnvironmentDetail env={e} />;
  }
  if (sel?.type === 'host') {
    const h = findHost(tree, sel.id);
    if (h) return <HostDetail host={h} />;
  }
  if (sel?.type === 'service') {
    const s = findService(tree, sel.id);
    if (s) return <ServiceDetail service={s} />;
  }
  return <InventoryOverview />;
}

export function InventoryPage() {
  return (
    <div className="split" data-testid="page-inventory">
      <ProjectTree />
      <main className="split-main">
        <DetailPane />
      </main>
    </div>
  );
}
