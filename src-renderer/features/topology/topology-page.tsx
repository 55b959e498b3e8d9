import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { PageIcon } from '../../components/icons';
import { useT } from '../../i18n';
import { useInventoryStore } from '../../stores/inventory-store';
import { reportError } from '../../stores/toast-store';
import { useUiStore } from '../../stores/ui-store';
import { useImportDialog } from '../imports/import-store';
import { findEnv, projectIdOf } from '../inventory/inventory-selectors';
import type { Layout } from './elk-graph';
import { layoutTopology } from './elk-layout';
import { toMermaid } from './mermaid-export';
import { colorsFromDocument, download, svgToPng, toSvg } from './svg-export';
import { TopologyCanvas } from './topology-canvas';
import { buildTopology, paintHealth, type TopoGraph } from './topology-model';
import { useServiceHealth } from './use-service-health';
import { useTopologyView } from './topology-store';
import './topology.css';

const fileBase = (title: string) => title.replace(/[^\w.-]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'topology';

/** The chosen environment while it exists; the only one when there is one; else all (null). */
function pickEnvironment(envs: readonly { id: string }[], chosen: string | null): string | null {
  if (chosen && envs.some((e) => e.id === chosen)) return chosen;
  return envs.length === 1 ? envs[0]!.id : null;
}

/** Timings the benchmark reads (performance.measure entries). */
function mark(name: string) {
  performance.mark(name);
}

/**
 * Topology: one project (one environment or all) as a diagram from the inventory's links —
 * Internet/CDN → proxy → apps → data, workers, cron jobs and external services — laid out by
 * ELK, coloured by health, a click opens the service; exports Mermaid, SVG and PNG.
 */
export function TopologyPage() {
  const t = useT();
  const tree = useInventoryStore((s) => s.tree);
  const selection = useUiStore((s) => s.selection);
  const scopeEnvId = useUiStore((s) => s.scopeEnvId);
  const view = useTopologyView();
  useServiceHealth();
  const health = view.health;
  const openImport = useImportDialog((s) => s.show);

  const projects = useMemo(() => [...tree.projects].sort((a, b) => a.name.localeCompare(b.name)), [tree.projects]);
  const fallback = projectIdOf(tree, selection) ?? findEnv(tree, scopeEnvId)?.projectId ?? projects[0]?.id ?? null;
  const projectId = view.projectId && tree.projects.some((p) => p.id === view.projectId) ? view.projectId : fallback;
  const chosenEnv = view.environmentId;
  const { envs, environmentId, graph } = useMemo(() => {
    const envs = tree.environments.filter((e) => e.projectId === projectId);
    const environmentId = pickEnvironment(envs, chosenEnv);
    // Health colours are painted on the laid-out graph below: a state change never re-runs the layout.
    const graph: TopoGraph | null = projectId ? buildTopology(tree, projectId, environmentId) : null;
    return { envs, environmentId, graph };
  }, [tree, projectId, chosenEnv]);
  const [layout, setLayout] = useState<{ graph: TopoGraph; layout: Layout } | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The layout whose first frame is on screen: "ready" means this one, never a previous one.
  const [rendered, setRendered] = useState<Layout | null>(null);
  const run = useRef(0);

  useEffect(() => {
    if (!graph || graph.nodes.length === 0) {
      setLayout(null);
      return;
    }
    const id = ++run.current;
    setError(null);
    performance.clearMarks('topology-layout-start');
    mark('topology-layout-start');
    layoutTopology(graph)
      .then((l) => {
        if (id !== run.current) return;
        mark('topology-layout-end');
        performance.measure('topology-layout', 'topology-layout-start', 'topology-layout-end');
        setLayout({ graph, layout: l });
      })
      .catch((e: unknown) => {
        if (id === run.current) setError(e instanceof Error ? e.message : String(e));
      });
  }, [graph]);

  const onRendered = useCallback((l: Layout) => {
    mark('topology-render-end');
    performance.measure('topology-first-render', 'topology-layout-start', 'topology-render-end');
    setRendered(l);
  }, []);

  const openService = useCallback((serviceId: string) => {
    const ui = useUiStore.getState();
    ui.select({ type: 'service', id: serviceId });
    ui.go('inventory');
  }, []);

  async function exportAs(kind: 'mermaid' | 'svg' | 'png') {
    if (!shown) return;
    const painted = paintHealth(shown.graph, health);
    const base = fileBase(painted.title);
    try {
      if (kind === 'mermaid') download(`${base}.mmd`, toMermaid(painted), 'text/plain');
      else {
        const svg = toSvg(painted, shown.layout, colorsFromDocument());
        if (kind === 'svg') download(`${base}.svg`, svg, 'image/svg+xml');
        else download(`${base}.png`, await svgToPng(svg));
      }
    } catch (e) {
      reportError(e);
    }
  }

  const shown = layout && graph && layout.graph === graph ? layout : null;

  return (
    <main className="page topo-page" data-testid="page-topology">
      <div className="topo-toolbar">
        <h1 className="page-title">
          <PageIcon page="topology" /> {t('nav.topology')}
        </h1>
        <label className="topo-picker">
          <span className="muted">{t('topology.project')}</span>
          <select
            data-testid="topology-project"
            value={projectId ?? ''}
            onChange={(e) => view.show(e.target.value || null, null)}
            disabled={!projects.length}
          >
            {projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="topo-picker">
          <span className="muted">{t('topology.environment')}</span>
          <select data-testid="topology-environment" value={environmentId ?? ''} onChange={(e) => view.show(projectId, e.target.value || null)} disabled={!envs.length}>
            {envs.length > 1 && <option value="">{t('topology.allEnvironments')}</option>}
            {envs.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </select>
        </label>
        <span className="topo-spacer" />
        <button type="button" className="btn" data-testid="topology-import" onClick={() => openImport(projectId)}>
          {t('imports.open')}
        </button>
        <button type="button" className="btn" data-testid="topology-export-mermaid" disabled={!shown} onClick={() => void exportAs('mermaid')}>
          Mermaid
        </button>
        <button type="button" className="btn" data-testid="topology-export-svg" disabled={!shown} onClick={() => void exportAs('svg')}>
          SVG
        </button>
        <button type="button" className="btn" data-testid="topology-export-png" disabled={!shown} onClick={() => void exportAs('png')}>
          PNG
        </button>
      </div>
      {!projects.length && (
        <div className="card topo-empty" data-testid="topology-empty">
          <p>{t('topology.emptyInventory')}</p>
          <button type="button" className="btn btn-primary" data-testid="topology-empty-import" onClick={() => openImport(null)}>
            {t('imports.open')}
          </button>
        </div>
      )}
      {graph && graph.nodes.length === 0 && (
        <div className="card topo-empty" data-testid="topology-no-services">
          <p>{t('topology.noServices')}</p>
        </div>
      )}
      {error && (
        <p className="form-errors" role="alert" data-testid="topology-error">
          {t('topology.layoutFailed', { error })}
        </p>
      )}
      {graph && graph.nodes.length > 0 && !shown && !error && <p className="muted" data-testid="topology-laying-out">{t('topology.layingOut')}</p>}
      {shown && (
        <div className="topo-stage" data-testid="topology-stage" data-status={rendered === shown.layout ? 'ready' : 'layout'} data-worker={shown.layout.inWorker ? 'true' : 'false'}>
          <TopologyCanvas graph={shown.graph} layout={shown.layout} health={health} onOpen={openService} onRendered={onRendered} />
          <div className="topo-legend muted">{t('topology.legend')}</div>
        </div>
      )}
    </main>
  );
}
