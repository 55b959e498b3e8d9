import { PageIcon } from '../../components/icons';
import { useT } from '../../i18n';
import { PAGES, useUiStore } from '../../stores/ui-store';

export function LeftRail() {
  const t = useT();
  const page = useUiStore((s) => s.page);
  const go = useUiStore((s) => s.go);
  return (
    <nav className="rail" aria-label={t('nav.label')}>
      {PAGES.map((p) => (
        <button
          key={p}
          type="button"
          className={`rail-item${p === page ? ' is-active' : ''}${p === 'settings' ? ' rail-bottom' : ''}`}
          data-testid={`nav-${p}`}
          aria-current={p === page ? 'page' : undefined}
          onClick={() => go(p)}
        >
          <PageIcon page={p} />
          <span className="rail-label">{t(`nav.${p}`)}</span>
        </button>
      ))}
    </nav>
  );
}
