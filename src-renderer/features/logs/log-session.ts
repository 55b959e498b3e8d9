import { isAppError, type ErrorShape, type LogSourceOption } from '../../../src-main/contract';
import { onConnectionStatus } from '../../api/connection-state';
import { compileSearch } from './log-filters';
import { LogViewModel, type GapRow } from './log-view-model';
import { ResumeFilter } from './resume-filter';
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
/** Where the link was lost, while the reopened stream is matched against what was shown. */
let linkGap: GapRow | null = null;
/** How long a reopened stream's history may take before held lines are shown as they are. */
const RESUME_WAIT_MS = 5000;

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

/** Shows what a finished resume decided: a marker that says nothing was missed, when so. */
function endResume(resume: ResumeFilter): void {
  if (resume.recovered && linkGap) model.markRecovered(linkGap);
  linkGap = null;
  scheduleRender();
}

/** Opens the stream; `resume` after a lost link: history again, minus the lines already shown. */
async function open(sources: LogSourceOption[], resume: boolean): Promise<void> {
  const id = ++run;
  const store = useLogsStore.setState;
  store({ streamState: 'opening', streamError: null });
  let filter: ResumeFilter | null = null;
  if (resume) {
    model.newStream();
    filter = new ResumeFilter(model.lastRuns(), TAIL_LINES);
  }
  try {
    const sid = await openLogStream(sources.map((o) => o.source), { tail: TAIL_LINES, bufferLines: BUFFER_LINES }, {
      data(batch, skipped) {
        if (id !== run) return;
        let lines = batch;
        if (filter) {
          lines = filter.filter(batch);
          if (!filter.active) {
            endResume(filter);
            filter = null;
          }
        }
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
        linkGap = model.markLinkLost();
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
    if (filter) {
      setTimeout(() => {
        if (id !== run || !filter) return;
        model.apply(filter.release());
        endResume(filter);
        filter = null;
      }, RESUME_WAIT_MS);
    }
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
  linkGap = null;
  if (sources.length) void open(sources, false);
}

/** Closes the stream (leaving the page, changing sources). */
export function stopSession(): void {
  run++;
  current = [];
  if (streamId) closeLogStream(streamId);
  streamId = null;
  useLogsStore.setState({ streamState: 'idle' });
}

/** Opens the same sources again after a failure; after a lost link, goes on where the viewer stopped. */
export function retrySession(): void {
  if (!current.length) return;
  if (useLogsStore.getState().streamState === 'lost') void open(current, true);
  else startSession(current);
}

// When the link to Opsdeck comes back, a stream it cut goes on by itself, where it stopped.
onConnectionStatus((s) => {
  if (s.state === 'open' && useLogsStore.getState().streamState === 'lost' && current.length) void open(current, true);
});
