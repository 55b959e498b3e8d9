import { describe, expect, it } from 'vitest';
import { serviceHealth } from '../../../src-renderer/features/topology/use-service-health';
import { paintHealth, type TopoGraph } from '../../../src-renderer/features/topology/topology-model';

describe('topology colours from health checks', () => {
  it('takes the worst enabled check of each service', () => {
    const h = serviceHealth([
      { serviceId: 'svc_a', state: 'up', enabled: true },
      { serviceId: 'svc_a', state: 'down', enabled: true },
      { serviceId: 'svc_b', state: 'up', enabled: true },
      { serviceId: 'svc_b', state: 'pending', enabled: true },
      { serviceId: 'svc_c', state: 'maintenance', enabled: true },
      { serviceId: 'svc_d', state: 'down', enabled: false },
      { serviceId: null, state: 'down', enabled: true },
      { serviceId: 'svc_e', state: 'unknown', enabled: true },
    ]);
    expect(h).toEqual({ svc_a: 'down', svc_b: 'degraded', svc_c: 'healthy', svc_e: 'unknown' });
  });

  it('paints service nodes only and leaves the graph it was given alone', () => {
    const graph = {
      title: 't',
      nodes: [
        { id: 'n1', serviceId: 'svc_a', label: 'api', kind: 'pm2-app', role: 'app', detail: '', environment: 'production', health: 'unknown' },
        { id: 'internet', serviceId: null, label: 'Internet', kind: 'internet', role: 'internet', detail: '', environment: '', health: 'unknown' },
      ],
      edges: [],
    } as unknown as TopoGraph;
    const painted = paintHealth(graph, { svc_a: 'down' });
    expect(painted.nodes.map((n) => n.health)).toEqual(['down', 'unknown']);
    expect(graph.nodes[0]!.health).toBe('unknown');
  });
});
