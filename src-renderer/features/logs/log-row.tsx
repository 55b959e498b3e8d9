import { memo } from 'react';
import { LOG_LINE_MAX_CHARS } from '../../../src-main/contract';
import { useT } from '../../i18n';
import { markPieces, ROW_CHARS, toPieces } from './display-text';
import type { CompiledSearch } from './log-filters';
import type { LogRow } from './log-view-model';
import { useNum } from './use-num';

/** How a source is labelled and coloured in the viewer. */
export interface SourceLook {
  label: string;
  /** 0–7: the colour of its column. */
  colour: number;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** HH:MM:SS.mmm in local time (the full date is in the title). */
export function clockTime(ts: number): string {
  const d = new Date(ts);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

interface RowProps {
  row: LogRow;
  /** Position in the view (for aria-rowindex). */
  index: number;
  top: number;
  source: SourceLook | undefined;
  search: CompiledSearch | null;
  selected: boolean;
  current: boolean;
  onClick(row: LogRow, e: React.MouseEvent): void;
  onExpand(row: LogRow): void;
}

/**
 * One line of the viewer at a fixed height: time, source, level or HTTP status, and the text
 * as React text nodes only (controls shown as stand-ins), cut at ROW_CHARS with a button to
 * see the whole line.
 */
export const LogRowView = memo(function LogRowView({ row, index, top, source, search, selected, current, onClick, onExpand }: RowProps) {
  const t = useT();
  const num = useNum();
  if (row.kind === 'gap') {
    return (
      <div className="log-row log-gap" style={{ top }} data-testid="log-gap" data-reason={row.reason} data-count={row.count ?? ''} role="row" aria-rowindex={index + 1}>
        <span role="gridcell">{row.reason === 'behind' ? t('logs.gapBehind', { n: num(row.count ?? 0) }) : row.count === 0 ? t('logs.gapLinkRecovered') : t('logs.gapLink')}</span>
      </div>
    );
  }
  const l = row.line;
  const shownText = l.text.length > ROW_CHARS ? l.text.slice(0, ROW_CHARS) : l.text;
  const more = l.text.length - shownText.length;
  const pieces = search ? markPieces(toPieces(shownText), search.ranges(shownText)) : toPieces(shownText);
  const statusClass = l.status !== null ? Math.floor(l.status / 100) : null;
  const cls = ['log-row', selected ? 'is-selected' : '', current ? 'is-current' : '', l.level ? `lvl-${l.level}` : ''].join(' ');
  return (
    <div
      className={cls}
      style={{ top }}
      role="row"
      aria-rowindex={index + 1}
      aria-selected={selected}
      data-testid="log-row"
      data-seq={l.seq}
      data-source={source?.label ?? l.sourceKey}
      data-level={l.level ?? ''}
      data-status={l.status ?? ''}
      onClick={(e) => onClick(row, e)}
      onDoubleClick={() => onExpand(row)}
    >
      <span role="gridcell" className={`log-time${l.tsFromLine ? '' : ' is-arrival'}`} title={l.tsFromLine ? new Date(l.ts).toISOString() : `${new Date(l.ts).toISOString()} — ${t('logs.arrivalTime')}`}>
        {clockTime(l.ts)}
      </span>
      <span role="gridcell" className={`log-src src-${source?.colour ?? 0}`} title={source?.label ?? l.sourceKey}>
        {source?.label ?? l.sourceKey}
      </span>
      <span role="gridcell" className="log-tag">
        {statusClass !== null ? (
          <span className={`log-status st-${statusClass}xx`} data-testid="log-status">{l.status}</span>
        ) : l.level ? (
          <span className={`log-level lv-${l.level}`}>{l.level.toUpperCase()}</span>
        ) : null}
      </span>
      <span role="gridcell" className="log-text" data-testid="log-text">
        {pieces.map((p, i) =>
          p.special ? (
            <span key={i} className={p.mark ? 'log-ctl log-mark' : 'log-ctl'}>{p.text}</span>
          ) : p.mark ? (
            <mark key={i} className="log-mark">{p.text}</mark>
          ) : (
            p.text
          ),
        )}
      </span>
      {(more > 0 || l.truncatedBytes > 0) && (
        <button type="button" className="log-more" data-testid="log-more" title={l.truncatedBytes > 0 ? t('logs.cutBytes', { n: num(l.truncatedBytes), max: num(LOG_LINE_MAX_CHARS) }) : undefined} onClick={(e) => { e.stopPropagation(); onExpand(row); }}>
          {more > 0 ? t('logs.more', { n: num(more) }) : ''}
          {l.truncatedBytes > 0 ? ` ${t('logs.cutBytesShort', { n: num(l.truncatedBytes) })}` : ''}
        </button>
      )}
    </div>
  );
});
