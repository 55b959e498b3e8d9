import { useMemo } from 'react';
import type { DraftIssue, InventoryDraft, MergeItem, MergePlan } from '../../../src-main/contract';
import { useT } from '../../i18n';
import './imports.css';

export interface DraftReviewProps {
  draft: InventoryDraft;
  plan: MergePlan;
  /** The keys of the plan's items that are ticked. */
  selection: readonly string[];
  onChange(keys: string[]): void;
  /** Turn the checkboxes off (while applying). */
  disabled?: boolean;
}

const GROUPS: MergeItem['entity'][] = ['environment', 'host', 'service', 'link'];

const where = (s: { file: string; line: number; column?: number } | null) =>
  s ? `${s.file}:${s.line}${s.column !== undefined ? `:${s.column}` : ''}` : '';

function IssueList({ issues, tone, testId }: { issues: DraftIssue[]; tone: 'warning' | 'error'; testId: string }) {
  const t = useT();
  if (!issues.length) return null;
  return (
    <section className={`draft-issues draft-issues-${tone}`} data-testid={`${testId}s`}>
      <h3>{t(tone === 'error' ? 'imports.errors' : 'imports.warnings', { n: issues.length })}</h3>
      <ul>
        {issues.map((i, n) => (
          <li key={n} data-testid={testId}>
            <span className="mono draft-loc">{where(i)}</span> <span className="draft-format">{i.format}</span> {i.message}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * What a draft (from files or from a scanned host) would do to the inventory, grouped by
 * entity, one checkbox per item with its add/update/unchanged badge, the fields an update
 * changes and where the item came from; then the warnings and errors with file:line:column.
 * Reused by discovery to accept scan proposals.
 */
export function DraftReview({ draft, plan, selection, onChange, disabled }: DraftReviewProps) {
  const t = useT();
  const picked = useMemo(() => new Set(selection), [selection]);
  const envVarsOf = useMemo(() => {
    const m = new Map<string, { total: number; secret: number }>();
    for (const v of draft.envVars) {
      if (!v.serviceKey) continue;
      const c = m.get(v.serviceKey) ?? { total: 0, secret: 0 };
      c.total++;
      if (v.secret) c.secret++;
      m.set(v.serviceKey, c);
    }
    return m;
  }, [draft.envVars]);
  const selectable = plan.items.filter((i) => i.action !== 'unchanged' && i.entity !== 'environment');
  const toggle = (key: string, on: boolean) => onChange(on ? [...picked, key] : [...picked].filter((k) => k !== key));
  const setGroup = (entity: MergeItem['entity'], on: boolean) => {
    const keys = selectable.filter((i) => i.entity === entity).map((i) => i.key);
    const next = new Set(picked);
    for (const k of keys) {
      if (on) next.add(k);
      else next.delete(k);
    }
    onChange([...next]);
  };

  return (
    <div className="draft-review" data-testid="draft-review">
      <div className="draft-toolbar">
        <span className="muted" data-testid="draft-counts">
          {t('imports.counts', {
            add: plan.items.filter((i) => i.action === 'add').length,
            update: plan.items.filter((i) => i.action === 'update').length,
            unchanged: plan.items.filter((i) => i.action === 'unchanged').length,
            picked: selectable.filter((i) => picked.has(i.key)).length,
          })}
        </span>
        <span className="draft-toolbar-actions">
          <button type="button" className="btn btn-small" data-testid="draft-select-all" disabled={disabled} onClick={() => onChange(selectable.map((i) => i.key))}>
            {t('imports.selectAll')}
          </button>
          <button type="button" className="btn btn-small" data-testid="draft-select-none" disabled={disabled} onClick={() => onChange([])}>
            {t('imports.selectNone')}
          </button>
        </span>
      </div>
      {plan.items.length === 0 && <p className="muted" data-testid="draft-empty">{t('imports.nothingFound')}</p>}
      {GROUPS.map((entity) => {
        const items = plan.items.filter((i) => i.entity === entity);
        if (!items.length) return null;
        const groupSelectable = items.filter((i) => i.action !== 'unchanged' && entity !== 'environment');
        const allOn = groupSelectable.length > 0 && groupSelectable.every((i) => picked.has(i.key));
        return (
          <section key={entity} className="draft-group" data-testid={`draft-group-${entity}`}>
            <h3>
              {entity !== 'environment' && (
                <input
                  type="checkbox"
                  aria-label={t('imports.toggleGroup', { group: t(`imports.group.${entity}`) })}
                  checked={allOn}
                  disabled={disabled || !groupSelectable.length}
                  onChange={(e) => setGroup(entity, e.target.checked)}
                  data-testid={`draft-group-check-${entity}`}
                />
              )}
              {t(`imports.group.${entity}`)} <span className="muted">({items.length})</span>
            </h3>
            <ul className="draft-items">
              {items.map((i) => {
                const svcKey = i.entity === 'service' ? i.key.slice('service:'.length) : '';
                const vars = envVarsOf.get(svcKey);
                const fixed = i.action === 'unchanged' || i.entity === 'environment';
                return (
                  <li key={i.key} className={`draft-item draft-${i.action}`} data-testid="draft-item" data-key={i.key} data-action={i.action}>
                    <label>
                      <input
                        type="checkbox"
                        data-testid="draft-check"
                        checked={i.entity === 'environment' ? true : picked.has(i.key)}
                        disabled={disabled || fixed}
                        onChange={(e) => toggle(i.key, e.target.checked)}
                      />
                      <span className={`badge badge-${i.action}`} data-testid="draft-badge">
                        {t(`imports.action.${i.action}`)}
                      </span>
                      <span className="draft-label">{i.label}</span>
                    </label>
                    {i.changes.length > 0 && (
                      <span className="draft-changes mono" data-testid="draft-changes">
                        {i.changes.join(', ')}
                      </span>
                    )}
                    {vars && (
                      <span className="draft-vars muted">
                        {t('imports.envVars', { n: vars.total, secret: vars.secret })}
                      </span>
                    )}
                    <span className="draft-source mono" data-testid="draft-source">
                      {where(i.source)}
                    </span>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
      <IssueList issues={draft.errors} tone="error" testId="draft-error" />
      <IssueList issues={draft.warnings} tone="warning" testId="draft-warning" />
    </div>
  );
}
