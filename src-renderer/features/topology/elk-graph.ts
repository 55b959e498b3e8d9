import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import { ROLE_PARTITION, type TopoGraph } from './topology-model';

export const NODE_W = 196;
export const NODE_H = 54;
export const INTERNET_W = 110;
const NODE_MAX_W = 320;

/** Wide enough for the name (13px semibold ≈ 7.8px a character) and the role tag. */
export function nodeWidth(label: string, detail: string): number {
  return Math.min(NODE_MAX_W, Math.max(NODE_W, Math.ceil(label.length * 8.2 + 112), Math.ceil(detail.length * 6.4 + 28)));
}

export interface Point {
  x: number;
  y: number;
}
export interface LaidNode {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface LaidEdge {
  id: string;
  source: string;
  target: string;
  points: Point[];
}
export interface Layout {
  width: number;
  height: number;
  nodes: LaidNode[];
  edges: LaidEdge[];
  /** Milliseconds spent in ELK (main thread or worker), for the benchmark. */
  ms: number;
  inWorker: boolean;
}

/** Above this many nodes the tiers are left to ELK's layering: partitions make layers so wide that crossing minimisation takes seconds. */
export const PARTITION_LIMIT = 120;

/**
 * ELK 'layered', left to right. Small diagrams get one partition per tier so Internet → proxy →
 * apps → data always reads in order and ELK's default thoroughness; large ones rely on the links'
 * direction (which already runs that way) and the cheaper settings, measured by the benchmark.
 */
export function toElkGraph(g: TopoGraph): ElkNode {
  const part = new Map(g.nodes.map((n) => [n.id, ROLE_PARTITION[n.role]]));
  const small = g.nodes.length <= PARTITION_LIMIT;
  const tuning: Record<string, string> = small
    ? { 'elk.partitioning.activate': 'true', 'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES' }
    : { 'elk.partitioning.activate': 'false', 'elk.layered.thoroughness': '1', 'elk.layered.crossingMinimization.greedySwitch.type': 'OFF' };
  return {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.spacing.nodeNode': '22',
      'elk.layered.spacing.nodeNodeBetweenLayers': '64',
      'elk.layered.spacing.edgeNodeBetweenLayers': '20',
      'elk.padding': '[top=24,left=24,bottom=24,right=24]',
      ...tuning,
    },
    children: g.nodes.map((n) => ({
      id: n.id,
      width: n.role === 'internet' ? INTERNET_W : nodeWidth(n.label, n.detail),
      height: NODE_H,
      ...(small ? { layoutOptions: { 'elk.partitioning.partition': String(ROLE_PARTITION[n.role]) } } : {}),
    })),
    // An edge back to an earlier tier would break the partition order; ELK gets it reversed.
    edges: g.edges.map((e): ElkExtendedEdge => {
      const back = (part.get(e.source) ?? 0) > (part.get(e.target) ?? 0);
      return { id: e.id, sources: [back ? e.target : e.source], targets: [back ? e.source : e.target] };
    }),
  };
}

/** ELK's answer as plain positions and edge routes (reversed edges turned back). */
export function fromElk(g: TopoGraph, laid: ElkNode, ms: number, inWorker: boolean): Layout {
  const nodes: LaidNode[] = (laid.children ?? []).map((c) => ({ id: c.id, x: c.x ?? 0, y: c.y ?? 0, width: c.width ?? NODE_W, height: c.height ?? NODE_H }));
  const byId = new Map(g.edges.map((e) => [e.id, e]));
  const edges: LaidEdge[] = [];
  for (const e of laid.edges ?? []) {
    const orig = byId.get(e.id);
    if (!orig) continue;
    const pts: Point[] = [];
    for (const s of e.sections ?? []) {
      pts.push(s.startPoint, ...(s.bendPoints ?? []), s.endPoint);
    }
    const reversed = e.sources[0] !== orig.source;
    edges.push({ id: e.id, source: orig.source, target: orig.target, points: reversed ? pts.reverse() : pts });
  }
  return { width: laid.width ?? 0, height: laid.height ?? 0, nodes, edges, ms, inWorker };
}
