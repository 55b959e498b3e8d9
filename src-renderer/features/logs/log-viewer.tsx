import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { CompiledSearch } from './log-filters';
import { LogRowView, type SourceLook } from './log-row';
import type { LogRow, LogViewModel } from './log-view-model';

/** Every row has this height (px): the list is virtual, only the rows on screen are in the DOM. */
export const ROW_HEIGHT = 20;
/** Rows rendered above and below the screen, so a fast scroll shows no blank band. */
const OVERSCAN = 12;

/** A request to bring a view index into sight (a new object each time, even for the same index). */
export interface ScrollRequest {
  index: number;
}

interface ViewerProps {
  model: LogViewModel;
  version: number;
  following: boolean;
  onFollowingChange(following: boolean): void;
  sources: ReadonlyMap<string, SourceLook>;
  search: CompiledSearch | null;
  currentRow: LogRow | null;
  selected: ReadonlySet<LogRow>;
  onRowClick(row: LogRow, viewIndex: number, e: React.MouseEvent): void;
  onExpand(row: LogRow): void;
  scrollRequest: ScrollRequest | null;
  /** Reports which view rows are on screen (for "copy visible" and search navigation). */
  onVisibleRange(first: number, last: number): void;
  emptyText: string;
  /** The grid's accessible name. */
  label: string;
}

/**
 * The virtual list: a spacer as tall as all rows, and absolutely placed rows for the window
 * on screen. Following keeps the newest line in sight; scrolling up pauses (the parent shows
 * "N new lines"); scrolling back to the bottom follows again. While paused, the row at the top
 * stays put even as the oldest rows leave the bounded buffer.
 */
export function LogViewer(props: ViewerProps) {
  const { model, version, following, onFollowingChange, sources, search, currentRow, selected, onRowClick, onExpand, scrollRequest, onVisibleRange, emptyText, label } = props;
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  /** The scrollTop we set ourselves: its scroll event is not the user's. */
  const ownScroll = useRef<number | null>(null);
  /** The row at the top of the screen and how far it is scrolled, kept across updates while paused. */
  const anchor = useRef<{ row: LogRow; offset: number } | null>(null);
  const view = model.view;
  const n = view.length;
  const total = n * ROW_HEIGHT;

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    setHeight(el.clientHeight);
    return () => ro.disconnect();
  }, []);

  const setTop = useCallback((top: number) => {
    const el = ref.current;
    if (!el) return;
    const max = Math.max(0, el.scrollHeight - el.clientHeight);
    const v = Math.max(0, Math.min(max, Math.round(top)));
    if (Math.abs(el.scrollTop - v) < 1) return;
    ownScroll.current = v;
    el.scrollTop = v;
    setScrollTop(v);
  }, []);

  /** The model version the screen was last placed for. */
  const placed = useRef(-1);

  /** Remembers the row at the top of the screen (called on every scroll and render). */
  const remember = useCallback(
    (top: number) => {
      const i = Math.floor(top / ROW_HEIGHT);
      const row = model.view.at(i);
      anchor.current = row ? { row, offset: top - i * ROW_HEIGHT } : null;
    },
    [model],
  );

  // After each model change: stick to the bottom while following, else keep the anchor row in place.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const changed = placed.current !== version;
    placed.current = version;
    if (following) {
      setTop(el.scrollHeight);
      return;
    }
    const a = anchor.current;
    if (!changed || !a) return;
    const i = model.viewIndexOf(a.row);
    if (i >= 0) setTop(i * ROW_HEIGHT + a.offset);
  }, [version, following, n, model, setTop]);

  useEffect(() => {
    if (!scrollRequest) return;
    const el = ref.current;
    if (!el) return;
    const top = scrollRequest.index * ROW_HEIGHT;
    if (top < el.scrollTop || top + ROW_HEIGHT > el.scrollTop + el.clientHeight) setTop(top - el.clientHeight / 2 + ROW_HEIGHT / 2);
  }, [scrollRequest, setTop]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT));
  const lastVisible = Math.min(n - 1, Math.floor((scrollTop + height - 1) / ROW_HEIGHT));
  const from = Math.max(0, first - OVERSCAN);
  const to = Math.min(n, lastVisible + 1 + OVERSCAN);

  useEffect(() => {
    onVisibleRange(first, lastVisible);
    remember(scrollTop);
  }, [first, lastVisible, scrollTop, onVisibleRange, remember, version]);

  function onScroll() {
    const el = ref.current;
    if (!el) return;
    const top = el.scrollTop;
    setScrollTop(top);
    remember(top);
    if (ownScroll.current !== null && Math.abs(ownScroll.current - top) < 2) {
      ownScroll.current = null;
      return;
    }
    ownScroll.current = null;
    const atBottom = top + el.clientHeight >= el.scrollHeight - ROW_HEIGHT / 2;
    if (following && !atBottom) onFollowingChange(false);
    else if (!following && atBottom) onFollowingChange(true);
  }

  const rows: React.ReactNode[] = [];
  for (let i = from; i < to; i++) {
    const row = view.at(i)!;
    rows.push(
      <LogRowView
        key={row.id}
        row={row}
        index={i}
        top={i * ROW_HEIGHT}
        source={row.kind === 'line' ? sources.get(row.line.sourceKey) : undefined}
        search={search}
        selected={selected.has(row)}
        current={row === currentRow}
        onClick={(r, e) => onRowClick(r, i, e)}
        onExpand={onExpand}
      />,
    );
  }

  // The source column fits the longest label of the stream (within reason).
  let longest = 8;
  for (const look of sources.values()) longest = Math.max(longest, look.label.length);
  const srcWidth = `calc(${Math.min(longest, 32) + 1}ch + 8px)`;

  return (
    <div className="log-viewport mono" ref={ref} onScroll={onScroll} style={{ '--src-w': srcWidth } as React.CSSProperties} data-testid="log-viewer" data-rows={n} data-following={following ? 'true' : 'false'} role="grid" aria-rowcount={n} aria-label={label} tabIndex={0}>
      <div className="log-spacer" style={{ height: total }}>
        {rows}
      </div>
      {n === 0 && <div className="log-empty muted" data-testid="log-empty">{emptyText}</div>}
    </div>
  );
}
