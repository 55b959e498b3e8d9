import type { ReactNode } from 'react';
import { PageIcon } from '../../components/icons';
import { useT } from '../../i18n';
import type { Page } from '../../stores/ui-store';

type PlannedPage = Exclude<Page, 'inventory' | 'settings' | 'topology'>;

/** A page whose feature is not built yet: it says so, and what it will do. */
export function PlaceholderPage({ page, children }: { page: PlannedPage; children?: ReactNode }) {
  const t = useT();
  return (
    <main className="page page-scroll" data-testid={`page-${page}`}>
      <h1 className="page-title">
        <PageIcon page={page} /> {t(`nav.${page}`)}
      </h1>
      <div className="card notice-card" data-testid="not-built">
        <div className="kicker">{t('planned.kicker')}</div>
        <p>{t(`planned.${page}`)}</p>
      </div>
      {children}
    </main>
  );
}
