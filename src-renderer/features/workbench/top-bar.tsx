import { SearchIcon } from '../../components/icons';
import { useT } from '../../i18n';
import { useUiStore } from '../../stores/ui-store';
import { EnvSwitcher } from './env-switcher';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function TopBar() {
  const t = useT();
  const search = useUiStore((s) => s.search);
  const setSearch = useUiStore((s) => s.setSearch);
  const go = useUiStore((s) => s.go);
  const setPalette = useUiStore((s) => s.setPalette);
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">◆</span> Opsdeck
      </div>
      <EnvSwitcher />
      <div className="search">
        <SearchIcon />
        <input
          type="search"
          data-testid="global-search"
          aria-label={t('topbar.search')}
          placeholder={t('topbar.searchPlaceholder')}
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            go('inventory');
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setSearch('');
          }}
        />
      </div>
      <button type="button" className="btn palette-btn" data-testid="palette-button" onClick={() => setPalette(true)}>
        {t('topbar.commands')} <kbd>{isMac ? '⌘K' : 'Ctrl K'}</kbd>
      </button>
    </header>
  );
}
