import { useEffect, useMemo, useRef, useState } from 'react';
import { useT } from '../../i18n';
import { useInventoryStore } from '../../stores/inventory-store';
import { useUiStore } from '../../stores/ui-store';
import { fuzzyFilter } from './fuzzy';
import { buildActions } from './palette-actions';

const MAX_SHOWN = 60;

/** Ctrl/Cmd+K: type to filter, arrows to move, Enter to run, Escape to close. */
export function CommandPalette() {
  const t = useT();
  const open = useUiStore((s) => s.paletteOpen);
  const setPalette = useUiStore((s) => s.setPalette);
  const tree = useInventoryStore((s) => s.tree);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);

  // Recomputed at every opening so it reflects the current selection and settings.
  const actions = useMemo(() => (open ? buildActions(t, tree) : []), [open, t, tree]);
  const shown = useMemo(() => fuzzyFilter(actions, query, (a) => a.label, (a) => `${a.label} ${a.detail ?? ''} ${a.group}`).slice(0, MAX_SHOWN), [actions, query]);

  useEffect(() => {
    if (!open) {
      setQuery('');
      setActive(0);
    }
  }, [open]);
  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  if (!open) return null;
  const close = () => setPalette(false);
  const runAt = (i: number) => {
    const a = shown[i];
    if (!a) return;
    close();
    a.run();
  };

  return (
    <div className="modal-backdrop palette-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div className="palette" role="dialog" aria-modal="true" aria-label={t('palette.title')} data-testid="palette">
        <input
          autoFocus
          className="palette-input"
          data-testid="palette-input"
          placeholder={t('palette.placeholder')}
          value={query}
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setActive((a) => Math.min(shown.length - 1, a + 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => Math.max(0, a - 1));
            } else if (e.key === 'Enter') {
              e.preventDefault();
              runAt(active);
            } else if (e.key === 'Escape') {
              e.preventDefault();
              close();
            }
          }}
        />
        <ul className="palette-list" id="palette-list" role="listbox" ref={listRef} data-testid="palette-list">
          {shown.length === 0 && <li className="palette-empty muted">{t('palette.noMatch')}</li>}
          {shown.map((a, i) => (
            <li
              key={a.id}
              role="option"
              aria-selected={i === active}
              className={`palette-item${i === active ? ' is-active' : ''}`}
              data-testid="palette-item"
              data-action={a.id}
              onMouseMove={() => i !== active && setActive(i)}
              onMouseDown={(e) => {
                e.preventDefault();
                runAt(i);
              }}
            >
              <span className="palette-label">{a.label}</span>
              {a.detail && <span className="palette-detail">{a.detail}</span>}
              <span className="palette-group">{a.group}</span>
            </li>
          ))}
        </ul>
        <div className="palette-foot muted small">{t('palette.keys')}</div>
      </div>
    </div>
  );
}
