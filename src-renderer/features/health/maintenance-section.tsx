import { useState } from 'react';
import { MaintenanceCreate, type MaintenanceWindow } from '../../../src-main/contract';
import { call } from '../../api/client';
import { Field } from '../../components/field';
import { FormModal } from '../../components/form-modal';
import { useFormSubmit } from '../../components/use-form-submit';
import { useT } from '../../i18n';
import { translateIssue } from '../../i18n/validation';
import { useLanguage } from '../../stores/app-store';
import { useInventoryStore } from '../../stores/inventory-store';
import { useModalStore } from '../../stores/modal-store';
import { notify } from '../../stores/toast-store';
import { findService } from '../inventory/inventory-selectors';
import { EmptyRow } from '../inventory/detail-parts';
import { formatAt, fromLocalInput, toLocalInput } from './health-format';
import { useHealthDialogs } from './health-dialogs';
import { useHealthStore } from './health-store';

/** Maintenance windows: what they cover, when, why; delete. */
export function MaintenanceTable({ windows }: { windows: MaintenanceWindow[] }) {
  const t = useT();
  const lang = useLanguage();
  const tree = useInventoryStore((s) => s.tree);
  const checks = useHealthStore((s) => s.checks);
  const ask = useModalStore((s) => s.ask);
  const now = useHealthStore((s) => s.now);
  const scope = (w: MaintenanceWindow) =>
    w.checkId ? (checks.find((c) => c.id === w.checkId)?.name ?? '?') : w.serviceId ? (findService(tree, w.serviceId)?.name ?? '?') : t('health.allChecks');
  return (
    <table className="table" data-testid="maintenance-table">
      <thead>
        <tr>
          <th>{t('health.covers')}</th>
          <th>{t('health.starts')}</th>
          <th>{t('health.ends')}</th>
          <th>{t('health.reason')}</th>
          <th className="col-actions" />
        </tr>
      </thead>
      <tbody>
        {windows.length === 0 && <EmptyRow colSpan={5} text={t('health.noMaintenance')} />}
        {windows.map((w) => (
          <tr key={w.id} data-testid="maintenance-row">
            <td>
              {scope(w)} {w.startsAt <= now && now < w.endsAt && <span className="state-badge state-maintenance">{t('health.activeNow')}</span>}
            </td>
            <td className="nowrap">{formatAt(w.startsAt, lang)}</td>
            <td className="nowrap">{formatAt(w.endsAt, lang)}</td>
            <td>{w.reason || <span className="muted">—</span>}</td>
            <td className="col-actions">
              <button
                type="button"
                className="btn btn-small btn-danger-quiet"
                data-testid="maintenance-delete"
                onClick={() =>
                  ask({
                    title: t('health.deleteMaintenanceTitle'),
                    lines: [`${scope(w)}: ${formatAt(w.startsAt, lang)} → ${formatAt(w.endsAt, lang)}`],
                    confirmLabel: t('common.delete'),
                    onConfirm: async () => {
                      await call('maintenance.delete', { id: w.id });
                      await useHealthStore.getState().refresh();
                    },
                  })
                }
              >
                {t('common.delete')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** New maintenance window: every check, one service's or one check; start, end, reason. */
export function MaintenanceForm({ checkId, serviceId }: { checkId?: string | null; serviceId?: string | null }) {
  const t = useT();
  const close = useHealthDialogs((s) => s.close);
  const tree = useInventoryStore((s) => s.tree);
  const checks = useHealthStore((s) => s.checks);
  const [scope, setScope] = useState(checkId ? `check:${checkId}` : serviceId ? `service:${serviceId}` : '');
  const [starts, setStarts] = useState(() => toLocalInput(Date.now()));
  const [ends, setEnds] = useState(() => toLocalInput(Date.now() + 3_600_000));
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const { errors, formErrors, busy, run } = useFormSubmit(['startsAt', 'endsAt', 'reason']);
  const services = tree.services.filter((s) => checks.some((c) => c.serviceId === s.id));

  async function save() {
    const input = {
      checkId: scope.startsWith('check:') ? scope.slice(6) : null,
      serviceId: scope.startsWith('service:') ? scope.slice(8) : null,
      startsAt: fromLocalInput(starts),
      endsAt: fromLocalInput(ends),
      reason,
    };
    const parsed = MaintenanceCreate.safeParse(input);
    if (!parsed.success) {
      const f: Record<string, string> = {};
      for (const i of parsed.error.issues) {
        const path = i.path.map(String).join('.');
        f[path] ??= /must end after/.test(i.message) ? t('health.v.endAfterStart') : translateIssue({ path, message: i.message }, t);
      }
      setLocal(f);
      return;
    }
    setLocal({});
    const ok = await run(async () => {
      await call('maintenance.create', parsed.data);
    });
    if (ok) {
      close();
      notify(t('health.maintenanceCreated'));
      void useHealthStore.getState().refresh();
    }
  }

  return (
    <FormModal title={t('health.newMaintenance')} testId="maintenance-form" busy={busy} formErrors={formErrors} onSubmit={() => void save()} onClose={close}>
      <Field label={t('health.covers')} testId="maintenance-scope" wide>
        <select data-testid="maintenance-scope" value={scope} onChange={(e) => setScope(e.target.value)}>
          <option value="">{t('health.allChecks')}</option>
          {services.map((s) => (
            <option key={s.id} value={`service:${s.id}`}>{`${t('health.service')}: ${s.name}`}</option>
          ))}
          {checks.map((c) => (
            <option key={c.id} value={`check:${c.id}`}>{`${t('health.col.check')}: ${c.name}`}</option>
          ))}
        </select>
      </Field>
      <Field label={t('health.starts')} testId="maintenance-starts" error={local.startsAt ?? errors.startsAt}>
        <input type="datetime-local" data-testid="maintenance-starts" value={starts} onChange={(e) => setStarts(e.target.value)} />
      </Field>
      <Field label={t('health.ends')} testId="maintenance-ends" error={local.endsAt ?? errors.endsAt}>
        <input type="datetime-local" data-testid="maintenance-ends" value={ends} onChange={(e) => setEnds(e.target.value)} />
      </Field>
      <Field label={t('health.reason')} testId="maintenance-reason" error={local.reason ?? errors.reason} wide>
        <input data-testid="maintenance-reason" value={reason} placeholder={t('health.reasonPlaceholder')} onChange={(e) => setReason(e.target.value)} />
      </Field>
    </FormModal>
  );
}
