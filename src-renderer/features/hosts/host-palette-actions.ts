import type { InventoryTree } from '../../../src-main/contract';
import type { TFunction } from '../../i18n';
import { useUiStore } from '../../stores/ui-store';
import type { PaletteAction } from '../palette/palette-actions';
import { openHostTerminal } from './host-terminal';
import { useScanStore } from './scan-store';

/** "ssh <host>" (a terminal tab, asking to trust a new key first) and "Scan host <host>" for every host. */
export function hostSshActions(t: TFunction, tree: InventoryTree): PaletteAction[] {
  const show = (id: string) => {
    useUiStore.getState().select({ type: 'host', id });
    useUiStore.getState().go('inventory');
  };
  const scans: PaletteAction[] = tree.hosts.map((h) => ({
    id: `scan-${h.name}`,
    group: t('dock.title'),
    label: t('palette.scanHost', { host: h.name }),
    detail: `${h.address}:${h.port}`,
    run: () => {
      show(h.id);
      void useScanStore.getState().start(h.id);
    },
  }));
  const terminals: PaletteAction[] = tree.hosts.map((h) => ({
    id: `ssh-${h.name}`,
    group: t('dock.title'),
    label: t('palette.ssh', { host: h.name }),
    detail: t('palette.sshDetail', { address: `${h.username}@${h.address}:${h.port}` }),
    run: () => {
      // Show the host too, so the trust dialog and any error have their context.
      show(h.id);
      void openHostTerminal(h.id, h.name);
    },
  }));
  return [...terminals, ...scans];
}
