import { useEffect } from 'react';
import { useUiStore } from '../../stores/ui-store';
import { InventoryPage } from '../inventory/inventory-page';
import { ModalHost } from '../inventory/modal-host';
import { CommandPalette } from '../palette/command-palette';
import { PlaceholderPage } from '../placeholders/placeholder-page';
import { TopologyPage } from '../topology/topology-page';
import { LogsPage } from '../logs/logs-page';
import { MetricsPage } from '../metrics/metrics-page';
import { HealthPage } from '../health/health-page';
import { ImportDialogHost } from '../imports/import-dialog';
import { SshConfigImportHost } from '../hosts/ssh-config-import-dialog';
import { SettingsPage } from '../settings/settings-page';
import { TrustKeyDialog } from '../hosts/trust-key-dialog';
import { BottomDock } from '../terminal/bottom-dock';
import { StoreNoticeBanner } from './banners';
import { LeftRail } from './left-rail';
import { StatusBar } from './status-bar';
import { TopBar } from './top-bar';

function CurrentPage() {
  const page = useUiStore((s) => s.page);
  switch (page) {
    case 'inventory':
      return <InventoryPage />;
    case 'topology':
      return <TopologyPage />;
    case 'settings':
      return <SettingsPage />;
    case 'logs':
      return <LogsPage />;
    case 'metrics':
      return <MetricsPage />;
    case 'health':
      return <HealthPage />;
    default:
      return <PlaceholderPage key={page} page={page} />;
  }
}

/** The unlocked app: top bar, navigation rail, the page, the status line. */
export function AppShell() {
  const setPalette = useUiStore((s) => s.setPalette);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setPalette(!useUiStore.getState().paletteOpen);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setPalette]);
  return (
    <div className="shell">
      <TopBar />
      <StoreNoticeBanner />
      <div className="shell-body">
        <LeftRail />
        <div className="shell-main">
          <CurrentPage />
          <BottomDock />
        </div>
      </div>
      <StatusBar />
      <ModalHost />
      <ImportDialogHost />
      <SshConfigImportHost />
      <TrustKeyDialog />
      <CommandPalette />
    </div>
  );
}
