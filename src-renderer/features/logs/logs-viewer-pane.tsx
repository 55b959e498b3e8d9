import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useT } from '../../i18n';
import { downloadText } from '../../stores/audit-store';
import { notify, reportError } from '../../stores/toast-store';
import type { CompiledSearch } from './log-filters';
import { LogLineDetail } from './log-line-detail';
import type { SourceLook } from './log-row';
import { logModel } from './log-session';
import type { GapRow, LineRow, LogRow } from './log-view-model';
import { LogViewer, type ScrollRequest } from './log-viewer';
import { useLogsStore } from './logs-store';
import { LogsFilterBar, LogsSearchBar } from './logs-toolbar';
import { useNum } from './use-num';

interface PaneProps {
  looks: ReadonlyMap<string, SourceLook>;
  search: CompiledSearch | null;
  buffer: number;
  fileBase: string;
  /** More toolbar buttons (the Analytics toggle). */
  actions?: ReactNode;
  /** A panel beside the viewer (the analytics). */
  side?: ReactNode;
}

const stamp = () => new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');

/**
 * The viewer with its toolbars: search and navigation, filters, follow/pause with "N new
 * lines", selection (click, Shift+click, Ctrl/Cmd+click) and copy, export, clear, the whole
 * line of a long row, and the counters (shown, in the viewer, received, skipped).
 */
export function LogsViewerPane({ looks, search, buffer, fileBase, actions, side }: PaneProps) {
  const t = useT();
  const num = useNum();
  const version = useLogsStore((s) => s.version);
  const following = useLogsStore((s) => s.following);
  const newLines = useLogsStore((s) => s.newLines);
  const currentMatch = useLogsStore((s) => s.currentMatch);
  const setFollowing = useLogsStore((s) => s.setFollowing);
  const setCurrentMatch = useLogsStore((s) => s.setCurrentMatch);
  const model = logModel();
  const [selected, setSelected] = useState<ReadonlySet<LogRow>>(new Set());
  const [anchorIndex, setAnchorIndex] = useState<number | null>(null);
  const [detail, setDetail] = useState<LineRow | null>(null);
  const [scrollRequest, setScrollRequest] = useState<ScrollRequest | null>(null);
  const visible = useRef<[number, number]>([0, -1]);

  // A new stream (new model) starts with nothing selected.
  useEffect(() => {
    setSelected(new Set());
    setDetail(null);
  }, [model]);

  const onVisibleRange = useCallback((a: number, b: number) => {
    visible.current = [a, b];
  }, []);

  const currentRow = currentMatch >= 0 ? (model.matches.at(currentMatch) ?? null) : null;

  function step(dir: 1 | -1) {
    const base = currentRow ? model.viewIndexOf(currentRow) : dir === 1 ? visible.current[0] : visible.current[1];
    const i = model.matchFrom(base, dir, currentRow === null);
    if (i < 0) return;
    const row = model.matches.at(i)!;
    setFollowing(false);
    setCurrentMatch(i);
    setScrollRequest({ index: model.viewIndexOf(row) });
  }

  function jump(ms: number) {
    const n = model.view.length;
    if (!n) return;
    const i = Math.min(model.viewIndexAtTime(ms), n - 1);
    setFollowing(false);
    const row = model.view.at(i)!;
    setSelected(new Set([row]));
    setAnchorIndex(i);
    setScrollRequest({ index: i });
  }

  function onRowClick(row: LogRow, index: number, e: React.MouseEvent) {
    if (e.shiftKey && anchorIndex !== null) {
      const [a, b] = anchorIndex < index ? [anchorIndex, index] : [index, anchorIndex];
      setSelected(new Set(model.view.slice(a, b + 1)));
      return;
    }
    if (e.ctrlKey || e.metaKey) {
      const next = new Set(selected);
      if (next.has(row)) next.delete(row);
      else next.add(row);
      setSelected(next);
    } else {
      setSelected(selected.size === 1 && selected.has(row) ? new Set() : new Set([row]));
    }
    setAnchorIndex(index);
  }

  const gapText = useCallback((g: GapRow) => (g.reason === 'behind' ? t('logs.gapBehind', { n: g.count ?? 0 }) : t('logs.gapLink')), [t]);
  const rowText = (r: LogRow) => (r.kind === 'line' ? r.line.text : gapText(r));

  async function copy() {
    let rows: LogRow[];
    if (selected.size) rows = [...model.view].filter((r) => selected.has(r));
    else rows = model.view.slice(visible.current[0], visible.current[1] + 1);
    if (!rows.length) return;
    try {
      await navigator.clipboard.writeText(rows.map(rowText).join('\n'));
      notify(t('logs.copied', { n: rows.length }));
    } catch (e) {
      reportError(e);
    }
  }

  function exportLog() {
    const name = `${fileBase.replace(/[^\w.-]+/g, '-').replace(/^-|-$/g, '') || 'logs'}-${stamp()}.log`;
    downloadText(name, 'text/plain', model.exportText(gapText));
  }

  function clear() {
    model.clear();
    setSelected(new Set());
    setDetail(null);
    setCurrentMatch(-1);
    // An empty viewer follows: the next line shows at once.
    useLogsStore.setState({ version: model.version, newLines: 0, following: true });
  }

  function resume() {
    setFollowing(true);
  }

  const liveSelected = selected.size ? [...selected].filter((r) => model.viewIndexOf(r) >= 0).length : 0;

  return (
    <div className="logs-viewer-pane">
      <div className="logs-toolbar">
        <LogsSearchBar matchCount={model.matches.length} currentMatch={currentMatch} onStep={step} />
        <span className="logs-spacer" />
        <span className="logs-actions">
          <button type="button" className={`btn btn-small${following ? ' is-on' : ''}`} aria-pressed={following} title={following ? t('logs.following') : t('logs.paused')} data-testid="logs-follow" data-state={following ? 'following' : 'paused'} onClick={() => setFollowing(!following)}>
            {following ? t('logs.pause') : t('logs.follow')}
          </button>
          <button type="button" className="btn btn-small" data-testid="logs-copy" title={liveSelected ? t('logs.copySelected', { n: liveSelected }) : t('logs.copyVisible')} onClick={() => void copy()}>
            {liveSelected ? t('logs.copySelected', { n: liveSelected }) : t('logs.copy')}
          </button>
          <button type="button" className="btn btn-small" data-testid="logs-export" title={t('logs.exportTitle')} onClick={exportLog}>
            {t('logs.export')}
          </button>
          <button type="button" className="btn btn-small" data-testid="logs-clear" title={t('logs.clearTitle')} onClick={clear}>
            {t('logs.clear')}
          </button>
          {actions}
        </span>
      </div>
      <LogsFilterBar onJump={jump} />
      <div className="logs-body">
        <div
          className="logs-viewer-wrap"
          onKeyDown={(e) => {
            if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'c' && selected.size && !window.getSelection()?.toString()) {
              e.preventDefault();
              void copy();
            } else if (e.key === 'Escape') setDetail(null);
          }}
        >
          <LogViewer
            model={model}
            version={version}
            following={following}
            onFollowingChange={setFollowing}
            sources={looks}
            search={search}
            currentRow={currentRow}
            selected={selected}
            onRowClick={onRowClick}
            onExpand={(r) => r.kind === 'line' && setDetail(r)}
            scrollRequest={scrollRequest}
            onVisibleRange={onVisibleRange}
            emptyText={model.size ? t('logs.emptyFiltered') : t('logs.empty')}
            label={t('logs.linesLabel')}
          />
          {!following && (
            <button type="button" className="btn btn-primary logs-new-lines" data-testid="logs-new-lines" data-count={newLines} onClick={resume}>
              {newLines > 0 ? t('logs.newLines', { n: num(newLines) }) : t('logs.follow')}
            </button>
          )}
        </div>
        {side}
      </div>
      {detail && <LogLineDetail row={detail} source={looks.get(detail.line.sourceKey)} onClose={() => setDetail(null)} />}
      <div className="logs-foot small muted" data-testid="logs-counts" data-shown={model.view.length} data-total={model.size} data-received={model.received} data-skipped={model.skipped}>
        <span>{t('logs.counts', { shown: num(model.view.length), total: num(model.size), max: num(buffer) })}</span>
        <span>· {t('logs.receivedCount', { n: num(model.received) })}</span>
        {model.evicted > 0 && <span>· {t('logs.evictedCount', { n: num(model.evicted) })}</span>}
        {model.skipped > 0 && (
          <span className="warn-text" data-testid="logs-skipped-count">
            · {t('logs.skippedCount', { n: num(model.skipped) })}
          </span>
        )}
      </div>
    </div>
  );
}
