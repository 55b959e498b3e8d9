import type { ElkNode } from 'elkjs/lib/elk-api';
import { fromElk, toElkGraph, type Layout } from './elk-graph';
import type { TopoGraph } from './topology-model';

/** Above this many nodes the layout runs in a Web Worker so the window stays responsive. */
export const WORKER_THRESHOLD = 100;

let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, { resolve(v: { laid: ElkNode; ms: number }): void; reject(e: Error): void }>();

function getWorker(): Worker {
  if (!worker) {
    // Throws (caught by the caller) when the host refuses module workers.
    worker = new Worker(new URL('./elk-layout.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (ev: MessageEvent<{ id: number; ok: boolean; laid?: ElkNode; ms?: number; error?: string }>) => {
      const w = waiting.get(ev.data.id);
      if (!w) return;
      waiting.delete(ev.data.id);
      if (ev.data.ok) w.resolve({ laid: ev.data.laid!, ms: ev.data.ms ?? 0 });
      else w.reject(new Error(ev.data.error ?? 'layout failed'));
    };
    worker.onerror = (ev) => {
      for (const w of waiting.values()) w.reject(new Error(`layout worker failed: ${ev.message || 'could not start'}`));
      waiting.clear();
      worker?.terminate();
      worker = null;
    };
  }
  return worker;
}

function inWorker(graph: ElkNode): Promise<{ laid: ElkNode; ms: number }> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    let w: Worker;
    try {
      w = getWorker();
    } catch (err) {
      reject(new Error(`layout worker failed: ${err instanceof Error ? err.message : String(err)}`));
      return;
    }
    waiting.set(id, { resolve, reject });
    w.postMessage({ id, graph });
  });
}

let mainElk: Promise<{ layout(g: ElkNode): Promise<ElkNode> }> | null = null;

async function onMainThread(graph: ElkNode): Promise<{ laid: ElkNode; ms: number }> {
  mainElk ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default());
  const elk = await mainElk;
  const t0 = performance.now();
  const laid = await elk.layout(graph);
  return { laid, ms: performance.now() - t0 };
}

let workerUsable = typeof Worker !== 'undefined';

/** Lays out the diagram with ELK 'layered'; large graphs in a worker. */
export async function layoutTopology(g: TopoGraph, opts: { forceWorker?: boolean } = {}): Promise<Layout> {
  const graph = toElkGraph(g);
  const useWorker = (opts.forceWorker ?? g.nodes.length > WORKER_THRESHOLD) && workerUsable;
  if (useWorker) {
    try {
      const { laid, ms } = await inWorker(graph);
      return fromElk(g, laid, ms, true);
    } catch (err) {
      // A host that cannot start module workers (some file:// setups) still gets its diagram.
      if (!(err instanceof Error && /worker/i.test(err.message))) throw err;
      workerUsable = false;
    }
  }
  const { laid, ms } = await onMainThread(graph);
  return fromElk(g, laid, ms, false);
}
