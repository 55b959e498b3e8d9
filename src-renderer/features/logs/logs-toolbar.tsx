import { useState } from 'react';
import type { LogLevel } from '../../../src-main/contract';
import { useT } from '../../i18n';
import { isFiltering, LEVELS, NO_FILTER, STATUS_CLASSES, type StatusClass } from './log-filters';
import { useLogsStore } from './logs-store';
import { useNum } from './use-num';

const pad = (n: number) => String(n).padStart(2, '0');

/** Epoch ms → the value of a `datetime-local` input with seconds, in local time. */
export function toLocalInput(ms: number | null): string {
  if (ms === null) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A `datetime-local` value (local time) → epoch ms, null when empty or unreadable. */
export function fromLocalInput(v: string): number | null {
  if (!v) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(v);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  return Number.isNaN(d.getTime()) ? null : d.getTime();
}

function toggle<T>(list: readonly T[], v: T): T[] {
  return list.includes(v) ? list.filter((x) => x !== v) : [...list, v];
}

interface SearchBarProps {
  matchCount: number;
  currentMatch: number;
  onStep(dir: 1 | -1): void;
}

/** The search box (text or regex, case), its match count and previous/next. */
export function LogsSearchBar({ matchCount, currentMatch, onStep }: SearchBarProps) {
  const t = useT();
  const num = useNum();
  const search = useLogsStore((s) => s.search);
  const setSearch = useLogsStore((s) => s.setSearch);
  const error = useLogsStore((s) => s.searchError);
  const onlyMatching = useLogsStore((s) => s.onlyMatching);
  const setOnlyMatching = useLogsStore((s) => s.setOnlyMatching);
  return (
    <div className="logs-search" role="search">
      <input
        type="search"
        className="mono logs-search-input"
        data-testid="logs-search"
        aria-label={t('logs.search')}
        aria-invalid={error ? true : undefined}
        placeholder={search.regex ? t('logs.searchRegexPlaceholder') : t('logs.searchPlaceholder')}
        value={search.text}
        onChange={(e) => setSearch({ text: e.target.value })}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            onStep(e.shiftKey ? -1 : 1);
          }
        }}
      />
      <button type="button" className={`btn btn-small logs-toggle${search.regex ? ' is-on' : ''}`} aria-pressed={search.regex} title={t('logs.regex')} data-testid="logs-search-regex" onClick={() => setSearch({ regex: !search.regex })}>
        .*
      </button>
      <button type="button" className={`btn btn-small logs-toggle${search.caseSensitive ? ' is-on' : ''}`} aria-pressed={search.caseSensitive} title={t('logs.caseSensitive')} data-testid="logs-search-case" onClick={() => setSearch({ caseSensitive: !search.caseSensitive })}>
        Aa
      </button>
      <label className="logs-check small">
        <input type="checkbox" checked={onlyMatching} onChange={(e) => setOnlyMatching(e.target.checked)} data-testid="logs-only-matching" />
        {t('logs.onlyMatching')}
      </label>
      {search.text && !error && (
        <span className="small muted nowrap" data-testid="logs-match-count" data-count={matchCount}>
          {!matchCount ? t('logs.noMatches') : currentMatch >= 0 ? t('logs.matches', { current: num(currentMatch + 1), n: num(matchCount) }) : t('logs.matchesTotal', { n: num(matchCount) })}
        </span>
      )}
      <button type="button" className="btn btn-small" title={t('logs.prevMatch')} aria-label={t('logs.prevMatch')} data-testid="logs-match-prev" disabled={!matchCount} onClick={() => onStep(-1)}>
        ↑
      </button>
      <button type="button" className="btn btn-small" title={t('logs.nextMatch')} aria-label={t('logs.nextMatch')} data-testid="logs-match-next" disabled={!matchCount} onClick={() => onStep(1)}>
        ↓
      </button>
      {error && (
        <span className="small error-text" role="alert" data-testid="logs-search-error">
          {t('logs.badRegex', { error })}
        </span>
      )}
    </div>
  );
}

/** Level, HTTP status class, path, time range, and jump to a time. */
export function LogsFilterBar({ onJump }: { onJump(ms: number): void }) {
  const t = useT();
  const filter = useLogsStore((s) => s.filter);
  const setFilter = useLogsStore((s) => s.setFilter);
  const [jump, setJump] = useState('');
  return (
    <div className="logs-filters">
      <span className="logs-chips" role="group" aria-label={t('logs.level')}>
        <span className="muted small">{t('logs.level')}</span>
        {LEVELS.map((lv: LogLevel) => (
          <button key={lv} type="button" className={`logs-chip lv-${lv}${filter.levels.includes(lv) ? ' is-on' : ''}`} aria-pressed={filter.levels.includes(lv)} data-testid={`logs-level-${lv}`} onClick={() => setFilter({ levels: toggle(filter.levels, lv) })}>
            {lv}
          </button>
        ))}
      </span>
      <span className="logs-chips" role="group" aria-label={t('logs.status')}>
        <span className="muted small">{t('logs.status')}</span>
        {STATUS_CLASSES.map((c: StatusClass) => (
          <button key={c} type="button" className={`logs-chip st-${c}xx${filter.statusClasses.includes(c) ? ' is-on' : ''}`} aria-pressed={filter.statusClasses.includes(c)} data-testid={`logs-status-${c}xx`} onClick={() => setFilter({ statusClasses: toggle(filter.statusClasses, c) })}>
            {c}xx
          </button>
        ))}
      </span>
      <label className="logs-field">
        <span className="muted small">{t('logs.path')}</span>
        <input className="mono logs-path" data-testid="logs-path" placeholder={t('logs.pathPlaceholder')} value={filter.path} onChange={(e) => setFilter({ path: e.target.value })} />
      </label>
      <label className="logs-field">
        <span className="muted small">{t('logs.from')}</span>
        <input type="datetime-local" step={1} data-testid="logs-from" value={toLocalInput(filter.from)} onChange={(e) => setFilter({ from: fromLocalInput(e.target.value) })} />
      </label>
      <label className="logs-field">
        <span className="muted small">{t('logs.to')}</span>
        <input type="datetime-local" step={1} data-testid="logs-to" value={toLocalInput(filter.to)} onChange={(e) => setFilter({ to: fromLocalInput(e.target.value) })} />
      </label>
      {isFiltering(filter) && (
        <button type="button" className="btn btn-small" data-testid="logs-reset-filters" onClick={() => setFilter({ ...NO_FILTER, hiddenSources: filter.hiddenSources })}>
          {t('logs.resetFilters')}
        </button>
      )}
      <form
        className="logs-field"
        onSubmit={(e) => {
          e.preventDefault();
          const ms = fromLocalInput(jump);
          if (ms !== null) onJump(ms);
        }}
      >
        <span className="muted small">{t('logs.jumpTo')}</span>
        <input type="datetime-local" step={1} data-testid="logs-jump-time" value={jump} onChange={(e) => setJump(e.target.value)} />
        <button type="submit" className="btn btn-small" data-testid="logs-jump" disabled={!jump}>
          {t('logs.jump')}
        </button>
      </form>
    </div>
  );
}
