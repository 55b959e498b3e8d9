import type { ReactNode } from 'react';

interface TreeRowProps {
  level: number;
  label: string;
  testId: string;
  selected: boolean;
  onSelect(): void;
  /** Undefined for leaves. */
  expanded?: boolean;
  onToggle?(): void;
  before?: ReactNode;
  after?: ReactNode;
  title?: string;
}

/** One line of the project tree: chevron, state dot, name, trailing tags. */
export function TreeRow({ level, label, testId, selected, onSelect, expanded, onToggle, before, after, title }: TreeRowProps) {
  return (
    <div className={`tree-row${selected ? ' is-selected' : ''}`} style={{ paddingLeft: 6 + level * 14 }} role="treeitem" aria-selected={selected} aria-expanded={expanded}>
      {onToggle ? (
        <button type="button" className="tree-toggle" tabIndex={-1} aria-label={expanded ? '−' : '+'} onClick={onToggle}>
          {expanded ? '▾' : '▸'}
        </button>
      ) : (
        <span className="tree-toggle" />
      )}
      <button type="button" className="tree-select" data-testid={testId} onClick={onSelect} title={title ?? label}>
        {before}
        <span className="tree-label">{label}</span>
        {after}
      </button>
    </div>
  );
}

/** Up/Down move between rows, Left/Right fold and unfold (via the row's toggle). */
export function onTreeKeyDown(e: React.KeyboardEvent<HTMLElement>): void {
  if (!['ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight'].includes(e.key)) return;
  const rows = Array.from(e.currentTarget.querySelectorAll<HTMLButtonElement>('.tree-select'));
  const i = rows.indexOf(document.activeElement as HTMLButtonElement);
  if (i < 0) return;
  e.preventDefault();
  if (e.key === 'ArrowDown') rows[Math.min(rows.length - 1, i + 1)]?.focus();
  else if (e.key === 'ArrowUp') rows[Math.max(0, i - 1)]?.focus();
  else {
    const row = rows[i].closest('.tree-row');
    const expanded = row?.getAttribute('aria-expanded');
    const toggle = row?.querySelector<HTMLButtonElement>('button.tree-toggle');
    if (toggle && ((e.key === 'ArrowLeft' && expanded === 'true') || (e.key === 'ArrowRight' && expanded === 'false'))) toggle.click();
  }
}
