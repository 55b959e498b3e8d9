import type { InventoryTree } from '../../../src-main/contract';
import type { TFunction } from '../../i18n';
import type { PaletteAction } from '../palette/palette-actions';
import { openLogsFor } from './logs-store';

/** "logs <service>" for every service on a host (or in a container), and "logs <host>" for every host. */
export function logsPaletteActions(t: TFunction, tree: InventoryTree): PaletteAction[] {
  const group = t('nav.logs');
  const services: PaletteAction[] = tree.services
    .filter((s) => s.hostId !== null || s.kind === 'container')
    .map((s) => ({
      id: `logs-${s.name}`,
      group,
      label: t('logs.paletteLogs', { name: s.name }),
      detail: t(`service.kind.${s.kind}`),
      run: () => openLogsFor({ type: 'service', id: s.id }),
    }));
  const hosts: PaletteAction[] = tree.hosts.map((h) => ({
    id: `logs-host-${h.name}`,
    group,
    label: t('logs.paletteLogs', { name: h.name }),
    detail: `${t('kind.host')} · ${h.address}`,
    run: () => openLogsFor({ type: 'host', id: h.id }),
  }));
  return [...services, ...hosts];
}
