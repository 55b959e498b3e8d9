import { useState } from 'react';
import type { MetricCatalog, MetricTarget, MetricUnit } from '../../../src-main/contract';
import { call } from '../../api/client';
import { Modal } from '../../components/modal';
import { useT } from '../../i18n';
import { useLanguage } from '../../stores/app-store';
import { reportError } from '../../stores/toast-store';
import { familiesOf, GROUP_ORDER } from './metric-groups';
import { formatValue } from './metrics-format';

interface Draft {
  value: string;
  direction: 'above' | 'below';
  alert: boolean;
}

/** A threshold is typed as shown: ratios as a share in %, others in their unit. */
const toInput = (unit: MetricUnit, v: number) => String(unit === 'ratio' ? Math.round(v * 10000) / 100 : v);
const fromInput = (unit: MetricUnit, s: string) => (unit === 'ratio' ? Number(s) / 100 : Number(s));

interface ThresholdsDialogProps {
  target: MetricTarget;
  catalog: MetricCatalog;
  groupLabel(g: string): string;
  onSaved(c: MetricCatalog): void;
  onClose(): void;
}

/** Edit each family's threshold: value, direction, alert on/off, or back to the default. */
export function ThresholdsDialog({ target, catalog, groupLabel, onSaved, onClose }: ThresholdsDialogProps) {
  const t = useT();
  const lang = useLanguage();
  const rank = (g: string) => (GROUP_ORDER.indexOf(g) + GROUP_ORDER.length + 1) % (GROUP_ORDER.length + 1);
  // Families with a threshold first, then by group as the charts show them.
  const families = familiesOf(catalog).sort((a, b) => Number(!a.threshold) - Number(!b.threshold) || rank(a.group) - rank(b.group));
  const [drafts, setDrafts] = useState<Record<string, Draft>>(() =>
    Object.fromEntries(
      families.map((f) => [f.family, { value: f.threshold ? toInput(f.unit, f.threshold.value) : '', direction: f.threshold?.direction ?? 'above', alert: f.threshold?.alert ?? false }]),
    ),
  );
  const [busy, setBusy] = useState<string | null>(null);

  async function save(family: string, unit: MetricUnit, reset: boolean) {
    const d = drafts[family]!;
    const value = fromInput(unit, d.value);
    if (!reset && (d.value.trim() === '' || !Number.isFinite(value))) return;
    setBusy(family);
    try {
      const next = await call('metrics.setThreshold', { target, family, threshold: reset ? null : { value, direction: d.direction, alert: d.alert } });
      onSaved(next);
      const f = familiesOf(next).find((x) => x.family === family);
      setDrafts((all) => ({
        ...all,
        [family]: { value: f?.threshold ? toInput(unit, f.threshold.value) : '', direction: f?.threshold?.direction ?? 'above', alert: f?.threshold?.alert ?? false },
      }));
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(null);
    }
  }

  const patch = (family: string, p: Partial<Draft>) => setDrafts((all) => ({ ...all, [family]: { ...all[family]!, ...p } }));

  return (
    <Modal
      title={t('metrics.thresholdsTitle')}
      testId="thresholds-dialog"
      onClose={onClose}
      wide
      footer={
        <button type="button" className="btn" data-testid="thresholds-close" onClick={onClose}>
          {t('metrics.close')}
        </button>
      }
    >
      <p className="muted small">{t('metrics.thresholdsHint')}</p>
      <div className="table-scroll">
        <table className="table thresholds-table">
          <thead>
            <tr>
              <th>{t('metrics.metric')}</th>
              <th>{t('metrics.direction')}</th>
              <th>{t('metrics.value')}</th>
              <th>{t('metrics.alert')}</th>
              <th>{t('metrics.origin')}</th>
              <th className="col-actions" />
            </tr>
          </thead>
          <tbody>
            {families.map((f) => {
              const d = drafts[f.family]!;
              const value = fromInput(f.unit, d.value);
              const ok = d.value.trim() !== '' && Number.isFinite(value);
              return (
                <tr key={f.family} data-testid={`threshold-row-${f.family}`}>
                  <td>
                    <div>{f.label}</div>
                    <div className="muted small">{groupLabel(f.group)} · <span className="mono">{f.family}</span></div>
                  </td>
                  <td>
                    <select data-testid="threshold-direction" value={d.direction} onChange={(e) => patch(f.family, { direction: e.target.value as Draft['direction'] })}>
                      <option value="above">{t('metrics.above')}</option>
                      <option value="below">{t('metrics.below')}</option>
                    </select>
                  </td>
                  <td>
                    <input
                      className="input-small"
                      inputMode="decimal"
                      data-testid="threshold-value"
                      value={d.value}
                      aria-invalid={!ok && d.value !== ''}
                      placeholder={t('metrics.none')}
                      onChange={(e) => patch(f.family, { value: e.target.value })}
                    />
                    <span className="muted small threshold-preview">{ok ? formatValue(f.unit, value, lang) : ''}</span>
                  </td>
                  <td>
                    <input type="checkbox" data-testid="threshold-alert" checked={d.alert} onChange={(e) => patch(f.family, { alert: e.target.checked })} aria-label={t('metrics.alert')} />
                  </td>
                  <td className="muted small" data-testid="threshold-origin">
                    {f.threshold ? t(`metrics.origin.${f.threshold.origin}`) : '—'}
                  </td>
                  <td className="col-actions">
                    <button type="button" className="btn btn-small btn-primary" data-testid="threshold-save" disabled={!ok || busy !== null} onClick={() => void save(f.family, f.unit, false)}>
                      {t('common.save')}
                    </button>
                    <button
                      type="button"
                      className="btn btn-small"
                      data-testid="threshold-reset"
                      disabled={f.threshold?.origin !== 'user' || busy !== null}
                      onClick={() => void save(f.family, f.unit, true)}
                    >
                      {t('metrics.resetDefault')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Modal>
  );
}
