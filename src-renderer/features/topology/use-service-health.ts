import { useEffect } from 'react';
import type { Check } from '../../../src-main/contract';
import { call, onEvent } from '../../api/client';
import type { Health } from './topology-model';
import { useTopologyView } from './topology-store';

/**
 * A service's colour on the diagram from its enabled checks: any DOWN → down, any PENDING →
 * degraded, every check up (or in maintenance) → healthy, no checks → unknown.
 */
export function serviceHealth(checks: readonly Pick<Check, 'serviceId' | 'state' | 'enabled'>[]): Record<string, Health> {
  const worst = new Map<string, Health>();
  const rank: Record<Health, number> = { unknown: 0, healthy: 1, degraded: 2, down: 3 };
  for (const c of checks) {
    if (!c.serviceId || !c.enabled) continue;
    const h: Health = c.state === 'down' ? 'down' : c.state === 'pending' ? 'degraded' : c.state === 'up' || c.state === 'maintenance' ? 'healthy' : 'unknown';
    const prev = worst.get(c.serviceId);
    if (prev === undefined || rank[h] > rank[prev]) worst.set(c.serviceId, h);
  }
  return Object.fromEntries(worst);
}

/** Keeps the Topology page's colours in step with the health checks while it is shown. */
export function useServiceHealth(): void {
  const setHealth = useTopologyView((s) => s.setHealth);
  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const load = () => {
      call('checks.list', {})
        .then((checks) => {
          if (alive) setHealth(serviceHealth(checks));
        })
        .catch(() => {
          // No checks available (locked vault): the diagram stays uncoloured.
        });
    };
    load();
    const off = onEvent((e) => {
      if (e.name !== 'health.changed' && !(e.name === 'inventory.changed' && e.payload.entity === 'service')) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(load, 300);
    });
    return () => {
      alive = false;
      if (timer) clearTimeout(timer);
      off();
    };
  }, [setHealth]);
}
