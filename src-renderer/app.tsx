import { useEffect } from 'react';
import { initClient } from './api/client';
import { ConnectionBanner } from './features/workbench/banners';
import { AppShell } from './features/workbench/app-shell';
import { Toasts } from './features/workbench/toasts';
import { SetupScreen } from './features/vault/setup-screen';
import { UnlockScreen } from './features/vault/unlock-screen';
import { useT } from './i18n';
import { useAppStore, useLanguage, useThemeSetting } from './stores/app-store';
import { refetchAll, wireEvents } from './stores/event-wiring';
import { useInventoryStore } from './stores/inventory-store';
import { useJobsStore } from './stores/jobs-store';
import { useVaultStore } from './stores/vault-store';

/** Applies the theme to :root[data-theme]; 'system' follows prefers-color-scheme live. */
function useTheme(): void {
  const theme = useThemeSetting();
  useEffect(() => {
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      document.documentElement.dataset.theme = theme === 'system' ? (mq.matches ? 'dark' : 'light') : theme;
    };
    apply();
    if (theme !== 'system') return;
    mq.addEventListener('change', apply);
    return () => mq.removeEventListener('change', apply);
  }, [theme]);
}

function useDocumentLanguage(): void {
  const lang = useLanguage();
  const t = useT();
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('app.title');
  }, [lang, t]);
}

export function App() {
  const vault = useVaultStore((s) => s.status);
  const loadError = useVaultStore((s) => s.loadError);
  const t = useT();
  useTheme();
  useDocumentLanguage();

  useEffect(() => {
    initClient();
    const off = wireEvents();
    refetchAll();
    return off;
  }, []);

  const unlocked = vault?.state === 'unlocked';
  useEffect(() => {
    if (!unlocked) return;
    void useAppStore.getState().loadInfo();
    void useInventoryStore.getState().refresh();
    void useJobsStore.getState().refresh();
  }, [unlocked]);

  return (
    <>
      <ConnectionBanner />
      {!vault && (
        <div className="vault-screen" data-testid="loading">
          <p className="muted">{loadError ? t('app.cannotReach') : t('app.connecting')}</p>
        </div>
      )}
      {vault?.state === 'uninitialized' && <SetupScreen status={vault} />}
      {vault?.state === 'locked' && <UnlockScreen />}
      {unlocked && <AppShell />}
      <Toasts />
    </>
  );
}
