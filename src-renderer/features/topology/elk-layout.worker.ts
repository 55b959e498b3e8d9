import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api';

/** Runs ELK off the UI thread: one graph in, the laid-out graph (or the error) out. */
const elk = new ELK();
self.onmessage = async (ev: MessageEvent<{ id: number; graph: ElkNode }>) => {
  const { id, graph } = ev.data;
  const t0 = performance.now();
  try {
    const laid = await elk.layout(graph);
    self.postMessage({ id, ok: true, laid, ms: performance.now() - t0 });
  } catch (err) {
    self.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
