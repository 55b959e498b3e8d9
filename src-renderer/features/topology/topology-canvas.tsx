import { Background, Controls, Handle, MarkerType, MiniMap, Position, ReactFlow, type Edge, type EdgeProps, type Node, type NodeProps } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { memo, useEffect, useMemo } from 'react';
import type { Layout, Point } from './elk-graph';
import { ROLE_TAG } from './svg-export';
import type { Health, TopoGraph, TopoNode } from './topology-model';

type NodeData = { node: TopoNode };
type EdgeData = { points: Point[]; kind: string };

const ServiceNode = memo(function ServiceNode({ data }: NodeProps<Node<NodeData>>) {
  const n = data.node;
  return (
    <div
      className={`topo-node topo-role-${n.role} topo-health-${n.health}`}
      data-testid={n.serviceId ? `topology-node-${n.label}` : 'topology-node-internet'}
      data-role={n.role}
      data-health={n.health}
      title={n.serviceId ? `${n.label} — ${n.detail}` : n.label}
    >
      <Handle type="target" position={Position.Left} className="topo-handle" isConnectable={false} />
      {n.role === 'internet' ? (
        <span className="topo-internet">{n.label}</span>
      ) : (
        <>
          <div className="topo-node-head">
            <span className={`dot dot-${n.health}`} data-health={n.health} />
            <span className="topo-name">{n.label}</span>
            <span className="topo-tag">{ROLE_TAG[n.role]}</span>
          </div>
          <div className="topo-detail">{n.detail}</div>
        </>
      )}
      <Handle type="source" position={Position.Right} className="topo-handle" isConnectable={false} />
    </div>
  );
});

/** Draws ELK's orthogonal route instead of xyflow's own curve, so the screen matches the exports. */
function RoutedEdge({ data, markerEnd }: EdgeProps<Edge<EdgeData>>) {
  const pts = data?.points ?? [];
  if (pts.length < 2) return null;
  const d = pts.map((p, i) => `${i ? 'L' : 'M'}${p.x} ${p.y}`).join(' ');
  return <path className={`topo-edge topo-edge-${data?.kind}`} d={d} markerEnd={markerEnd} fill="none" />;
}

const nodeTypes = { service: ServiceNode };
const edgeTypes = { routed: RoutedEdge };

export interface TopologyCanvasProps {
  graph: TopoGraph;
  layout: Layout;
  onOpen(serviceId: string): void;
  /** Called once the first frame with this layout is on screen. */
  onRendered?(layout: Layout): void;
  /** Service id → colour from its health checks (painted without a new layout). */
  health?: Record<string, Health>;
}

/** The diagram: positioned nodes and routed edges from the layout, pan/zoom, a minimap when large. */
export function TopologyCanvas({ graph, layout, onOpen, onRendered, health }: TopologyCanvasProps) {
  const nodes: Node<NodeData>[] = useMemo(() => {
    const pos = new Map(layout.nodes.map((n) => [n.id, n]));
    return graph.nodes.map((n) => {
      const p = pos.get(n.id);
      return {
        id: n.id,
        type: 'service',
        position: { x: p?.x ?? 0, y: p?.y ?? 0 },
        data: { node: health && n.serviceId ? { ...n, health: health[n.serviceId] ?? 'unknown' } : n },
        width: p?.width,
        height: p?.height,
        draggable: false,
        connectable: false,
        selectable: !!n.serviceId,
      };
    });
  }, [graph, layout, health]);
  const edges: Edge<EdgeData>[] = useMemo(
    () =>
      layout.edges.map((e) => ({
        id: e.id,
        source: e.source,
        target: e.target,
        type: 'routed',
        data: { points: e.points, kind: graph.edges.find((g) => g.id === e.id)?.kind ?? 'depends-on' },
        markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
      })),
    [graph, layout],
  );

  useEffect(() => {
    if (!onRendered) return;
    // Two frames: React committed, then the browser painted.
    let id2 = 0;
    const id1 = requestAnimationFrame(() => {
      id2 = requestAnimationFrame(() => onRendered(layout));
    });
    return () => {
      cancelAnimationFrame(id1);
      cancelAnimationFrame(id2);
    };
  }, [layout, onRendered]);

  return (
    <div className="topo-canvas" data-testid="topology-canvas" data-nodes={graph.nodes.length} data-edges={graph.edges.length}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        fitView
        fitViewOptions={{ padding: 0.08, maxZoom: 1.15 }}
        minZoom={0.1}
        maxZoom={2}
        nodesDraggable={false}
        nodesConnectable={false}
        onlyRenderVisibleElements={graph.nodes.length > 150}
        proOptions={{ hideAttribution: true }}
        onNodeClick={(_, n) => {
          const id = (n.data as NodeData).node.serviceId;
          if (id) onOpen(id);
        }}
      >
        <Background gap={24} size={1} />
        <Controls showInteractive={false} />
        {graph.nodes.length > 40 && <MiniMap pannable zoomable />}
      </ReactFlow>
    </div>
  );
}
