import type { Link } from '../../../src-main/contract';
import { useT } from '../../i18n';
import { useInventoryStore } from '../../stores/inventory-store';
import { useUiStore } from '../../stores/ui-store';
import { EmptyRow } from './detail-parts';
import { findEnv, findService } from './inventory-selectors';
import { useDeleteActions } from './use-delete-actions';

/** Links as rows "from → kind → to", each with a delete button. */
export function LinksTable({ links, readOnly }: { links: Link[]; readOnly?: boolean }) {
  const t = useT();
  const tree = useInventoryStore((s) => s.tree);
  const select = useUiStore((s) => s.select);
  const go = useUiStore((s) => s.go);
  const del = useDeleteActions();
  const cell = (id: string) => {
    const s = findService(tree, id);
    if (!s) return <span className="muted">{id}</span>;
    return (
      <button type="button" className="link-btn" onClick={() => {
          select({ type: 'service', id: s.id });
          go('inventory');
        }}>
        {s.name}
        <span className="muted"> · {findEnv(tree, s.environmentId)?.name}</span>
      </button>
    );
  };
  return (
    <table className="table" data-testid="links-table">
      <thead>
        <tr>
          <th>{t('link.from')}</th>
          <th>{t('link.kind')}</th>
          <th>{t('link.to')}</th>
          {!readOnly && <th className="col-actions" />}
        </tr>
      </thead>
      <tbody>
        {links.length === 0 && <EmptyRow colSpan={readOnly ? 3 : 4} text={t('link.none')} />}
        {links.map((l) => {
          const from = findService(tree, l.fromServiceId)?.name ?? l.fromServiceId;
          const to = findService(tree, l.toServiceId)?.name ?? l.toServiceId;
          return (
            <tr key={l.id} data-testid={`link-row-${from}-${l.kind}-${to}`}>
              <td>{cell(l.fromServiceId)}</td>
              <td>
                <span className="tag">{t(`link.kind.${l.kind}`)}</span>
              </td>
              <td>{cell(l.toServiceId)}</td>
              {!readOnly && (
                <td className="col-actions">
                  <button type="button" className="btn btn-small btn-danger-quiet" data-testid="link-delete" onClick={() => del.link(l)}>
                    {t('common.delete')}
                  </button>
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
