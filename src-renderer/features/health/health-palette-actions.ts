import type { InventoryTree } from '../../../src-main/contract';
import type { TFunction } from '../../i18n';
import type { PaletteAction } from '../palette/palette-actions';
import { openMetrics } from '../metrics/metrics-view-store';
import { useHealthDialogs } from './health-dialogs';
import { openChecks } from './health-store';

/** "Metrics of <host/service>", "Checks of <service>" and "Add check" for the palette. */
export function healthPaletteActions(t: TFunction, tree: InventoryTree): PaletteAction[] {
  const group = `${t('nav.metrics')} · ${t('nav.health')}`;
  const out: PaletteAction[] = [
    {
      id: 'add-check',
      group,
      label: t('health.addCheck'),
      run: () => {
        openChecks(null);
        useHealthDialogs.getState().open({ kind: 'check' });
      },
    },
  ];
  for (const h of tree.hosts) {
    out.push({ id: `metrics-host-${h.name}`, group, label: t('metrics.paletteOpen', { name: h.name }), detail: t('kind.host'), run: () => openMetrics({ kind: 'host', id: h.id }) });
  }
  for (const s of tree.services) {
    const kind = t(`service.kind.${s.kind}`);
    out.push({ id: `metrics-service-${s.name}`, group, label: t('metrics.paletteOpen', { name: s.name }), detail: kind, run: () => openMetrics({ kind: 'service', id: s.id }) });
    out.push({ id: `checks-${s.name}`, group, label: t('health.paletteChecks', { name: s.name }), detail: kind, run: () => openChecks(s.id) });
  }
  return out;
}
