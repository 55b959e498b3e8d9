import { onEvent } from '../api/client';
import { onConnectionStatus } from '../api/connection-state';
import { useAppStore } from './app-store';
import { useAuditStore } from './audit-store';
import { useInventoryStore } from './inventory-store';
import { useJobsStore } from './jobs-store';
import { useVaultStore } from './vault-store';
import { handleAlert } from '../features/health/alerts';
import { onHealthChanged, openChecks } from '../features/health/health-store';

/** Refetches what an unlocked app shows. */
export function refetchAll(): void {
  const vault = useVaultStore.getState().status;
  void useAppStore.getState().loadInfo();
  void useAppStore.getState().loadSettings();
  void useVaultStore.getState().refresh();
  if (vault?.state !== 'unlocked') return;
  void useInventoryStore.getState().refresh();
  void useJobsStore.getState().refresh();
  if (useAuditStore.getState().loaded) void useAuditStore.getState().refresh();
  onHealthChanged();
}

/** Events say "this changed"; each store refetches its own domain. */
export function wireEvents(): () => void {
  let lastReconnects = 0;
  const offEvents = onEvent((e) => {
    switch (e.name) {
      case 'inventory.changed':
        void useInventoryStore.getState().refresh();
        break;
      case 'settings.changed':
        void useAppStore.getState().loadSettings();
        break;
      case 'vault.changed': {
        const before = useVaultStore.getState().status?.state;
        useVaultStore.getState().set(e.payload);
        if (before !== 'unlocked' && e.payload.state === 'unlocked') refetchAll();
        break;
      }
      case 'jobs.changed':
        useJobsStore.getState().upsert(e.payload);
        break;
      case 'audit.appended':
        if (useAuditStore.getState().loaded) void useAuditStore.getState().refresh();
        break;
      case 'stream.data':
        break;
      case 'health.changed':
        onHealthChanged();
        break;
      case 'alerts.notify':
        handleAlert(e.payload);
        break;
      case 'shell.openChecks':
        openChecks(e.payload.serviceId, e.payload.checkId);
        break;
    }
  });
  const offConn = onConnectionStatus((s) => {
    if (s.state === 'open' && s.reconnects > lastReconnects) {
      lastReconnects = s.reconnects;
      refetchAll();
    }
  });
  return () => {
    offEvents();
    offConn();
  };
}
