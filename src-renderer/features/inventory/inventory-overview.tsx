import { useT } from '../../i18n';
import { useInventoryStore } from '../../stores/inventory-store';
import { useModalStore } from '../../stores/modal-store';

/** What the main area shows with nothing selected: the demo offer, next steps, the totals. */
export function InventoryOverview() {
  const t = useT();
  const { tree, demo, loaded, loadDemo, dismissDemo } = useInventoryStore();
  const open = useModalStore((s) => s.open);
  const empty = tree.projects.length === 0;
  if (!loaded) return <div className="detail muted">{t('common.loading')}</div>;
  return (
    <div className="detail" data-testid="inventory-overview">
      {demo?.offered && (
        <div className="card card-accent" data-testid="demo-card">
          <h2>{t('demo.title')}</h2>
          <p>{t('demo.body')}</p>
          <div className="card-actions">
            <button type="button" className="btn btn-primary" data-testid="demo-load" onClick={() => void loadDemo()}>
              {t('demo.load')}
            </button>
            <button type="button" className="btn" data-testid="demo-dismiss" onClick={() => void dismissDemo()}>
              {t('demo.dismiss')}
            </button>
          </div>
        </div>
      )}
      {empty ? (
        <div className="card" data-testid="empty-inventory">
          <h2>{t('empty.title')}</h2>
          <p>{t('empty.body')}</p>
          <div className="card-actions">
            <button type="button" className="btn btn-primary" data-testid="empty-create-project" onClick={() => open({ kind: 'project' })}>
              + {t('project.new')}
            </button>
          </div>
          <p className="muted small">{t('empty.later')}</p>
        </div>
      ) : (
        <>
          <h1 className="overview-title">{t('overview.title')}</h1>
          <div className="stats">
            <Stat label={t('project.plural')} n={tree.projects.length} />
            <Stat label={t('env.plural')} n={tree.environments.length} />
            <Stat label={t('host.plural')} n={tree.hosts.length} />
            <Stat label={t('service.plural')} n={tree.services.length} />
            <Stat label={t('link.plural')} n={tree.links.length} />
            <Stat label={t('credentials.title')} n={tree.credentials.length} />
          </div>
          <p className="muted">{t('overview.hint')}</p>
        </>
      )}
    </div>
  );
}

function Stat({ label, n }: { label: string; n: number }) {
  return (
    <div className="stat">
      <div className="stat-n">{n}</div>
      <div className="stat-label">{label}</div>
    </div>
  );
}
