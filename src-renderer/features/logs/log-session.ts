import { isAppError, type ErrorShape, type LogSourceOption } from '../../../src-main/contract';
import { onConnectionStatus } from '../../api/connection-state';
import { compileSearch } from './log-filters';
import { LogViewModel } from './log-view-model';
import { closeLogStream, openLogStream } from './logs-client';
import { useLogsStore } from './logs-store';

/** Lines of history asked per source when a stream opens. */
export const TAIL_LINES = 1000;
/** The stream's ring buffer and the viewer's own buffer: the same bound on both sides. */
export const BUFFER_LINES = 100_000;

let model = new LogViewModel(BUFFER_LINES);
let streamId: string | null = null;
let run = 0;
let current: LogSourceOption[] = [];
let frame = 0;

/** The viewer's model of the current stream. */
export function logModel(): LogViewModel {
  return model;
}

/** Re-renders at most once per frame, however many batches arrived. */
function scheduleRender(): void {
  if (frame) return;
  const flush = () => {
    frame = 0;
    useLogsStore.setState({ version: model.version });
  };
  frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(flush) : (setTimeout(flush, 16) as unknown as number);
}

const toShape = (e: unknown): ErrorShape => (isAppError(e) ? e.toShape() : { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) });

/** Applies the page's filter and search to the model (after either changed). */
export function syncViewOptions(): void {
  const s = useLogsStore.getState();
  const compiled = compileSearch(s.search);
  model.configure(s.filter, compiled.ok ? compiled.search : null, s.onlyMatching);
  scheduleRender();
}

async function open(sources: LogSourceOption[], tail: number): Promise<void> {
  const id = ++run;
  const store = useLogsStore.setState;
  store({ streamState: 'opening', streamError: null });
  try {
    const sid = await openLogStream(sources.map((o) => o.source), { tail, bufferLines: BUFFER_LINES }, {
      data(lines, skipped) {
        if (id !== run) return;
        const r = model.apply(lines, skipped);
        if (!useLogsStore.getState().following && r.shown) useLogsStore.setState((s) => ({ newLines: s.newLines + r.shown }));
        scheduleRender();
      },
      status(sourceKey, state, message, at) {
        if (id !== run) return;
        useLogsStore.setState((s) => {
          // A rotation is reported and followed at once: keep it as a note so the user sees it happened.
          const keep = state === 'following' || state === 'connecting';
          const note = keep ? (s.statuses[sourceKey]?.note ?? null) : { state, message, at };
          return { statuses: { ...s.statuses, [sourceKey]: { state, message, at, note } } };
        });
      },
      analytics(sourceKey, analytics) {
        if (id !== run) return;
        useLogsStore.setState((s) => ({ analytics: { ...s.analytics, [sourceKey]: analytics } }));
      },
      lost() {
        if (id !== run) return;
        streamId = null;
        model.markLinkLost();
        scheduleRender();
        store({ streamState: 'lost' });
      },
    });
    if (id !== run) {
      closeLogStream(sid);
      return;
    }
    streamId = sid;
    store({ streamState: 'open' });
  } catch (e) {
    if (id === run) store({ streamState: 'failed', streamError: toShape(e), statuses: {} });
  }
}

/** Follows these sources from now on: closes the previous stream and starts a fresh view. */
export function startSession(sources: LogSourceOption[]): void {
  stopSession();
  current = sources;
  model = new LogViewModel(BUFFER_LINES);
  syncViewOptions();
  useLogsStore.setState({
    statuses: Object.fromEntries(sources.map((o) => [o.key, { state: 'connecting' as const, message: null, at: Date.now(), note: null }])),
    analytics: {},
    newLines: 0,
    currentMatch: -1,
    following: true,
  });
  if (sources.length) void open(sources, TAIL_LINES);
}

/** Closes the stream (leaving the page, changing sources). */
export function stopSession(): void {
  run++;
  current = [];
  if (streamId) closeLogStream(streamId);
  streamId = null;
  useLogsStore.setState({ streamState: 'idle' });
}

/** Opens the same sources again after a failure; after a lost link, goes on from now (the gap is marked). */
export function retrySession(): void {
  if (!current.length) return;
  if (useLogsStore.getState().streamState === 'lost') void open(current, 0);
  else startSession(current);
}

// When the link to Opsdeck comes back, a stream it cut goes on by itself.
onConnectionStatus((s) => {
  if (s.state === 'open' && useLogsStore.getState().streamState === 'lost' && current.length) void open(current, 0);
});
