import { useMemo, useState } from 'react';
import { MetricRange, type MetricTarget, type MetricUnit } from '../../../src-main/contract';
import { isAppError } from '../../../src-main/contract';
import { PageIcon } from '../../components/icons';
import { useT, type MessageKey } from '../../i18n';
import { useInventoryStore } from '../../stores/inventory-store';
import { useUiStore } from '../../stores/ui-store';
import { findEnv, findHost, findService } from '../inventory/inventory-selectors';
import { MetricChart } from './metric-chart';
import { metricFamilyEs } from '../../i18n/domains/metrics';
import { useLanguage } from '../../stores/app-store';
import { chartsOf, localizeCatalog, pointCount } from './metric-groups';
import { expectedResolution, resolutionKey } from './metrics-format';
import { useMetricsView } from './metrics-view-store';
import { MonitorPanel } from './monitor-panel';
import { PgStatementsTable } from './pg-statements';
import { ThresholdsDialog } from './thresholds-dialog';
import { useMetricsData } from './use-metrics-data';
import './metrics.css';

const KNOWN_GROUPS = ['CPU', 'Memory', 'Load', 'Disk', 'Network', 'System', 'PM2', 'PostgreSQL', 'Redis', 'Container'];

const encode = (t: MetricTarget | null) => (t ? `${t.kind}:${t.id}` : '');
const decode = (s: string): MetricTarget | null => {
  const i = s.indexOf(':');
  return i < 0 ? null : { kind: s.slice(0, i) as MetricTarget['kind'], id: s.slice(i + 1) };
};

/**
 * Metrics: pick a host or service and a range; monitoring status of its host (start it when
 * off), its charts grouped as the catalog says with thresholds drawn, live as points arrive;
 * PostgreSQL's slowest statements.
 */
export function MetricsPage() {
  const t = useT();
  const tree = useInventoryStore((s) => s.tree);
  const selection = useUiStore((s) => s.selection);
  const { target: chosen, range, setTarget, setRange } = useMetricsView();
  const [editing, setEditing] = useState(false);

  // The chosen target while it exists; else the selected host/service; else the first host.
  const target = useMemo<MetricTarget | null>(() => {
    const exists = (x: MetricTarget | null) => !!x && (x.kind === 'host' ? !!findHost(tree, x.id) : !!findService(tree, x.id));
    if (exists(chosen)) return chosen;
    const fromSel: MetricTarget | null = selection?.type === 'host' || selection?.type === 'service' ? { kind: selection.type, id: selection.id } : null;
    if (exists(fromSel)) return fromSel;
    const h = [...tree.hosts].sort((a, b) => a.name.localeCompare(b.name))[0];
    return h ? { kind: 'host', id: h.id } : null;
  }, [chosen, selection, tree]);

  const service = target?.kind === 'service' ? findService(tree, target.id) : undefined;
  const host = target?.kind === 'host' ? findHost(tree, target.id) : findHost(tree, service?.hostId);
  const data = useMetricsData(target, range, host?.id ?? null);
  const lang = useLanguage();
  const catalog = useMemo(() => (data.catalog ? localizeCatalog(data.catalog, lang === 'es' ? metricFamilyEs : null) : null), [data.catalog, lang]);
  const charts = useMemo(() => (catalog && catalog.available ? chartsOf(catalog) : []), [catalog]);
  const groups = useMemo(() => {
    const out: { group: string; charts: typeof charts }[] = [];
    for (const c of charts) {
      const g = out.find((x) => x.group === c.group);
      if (g) g.charts.push(c);
      else out.push({ group: c.group, charts: [c] });
    }
    return out;
  }, [charts]);

  const groupLabel = (g: string) => (KNOWN_GROUPS.includes(g) ? t(`metrics.group.${g}` as MessageKey) : g);
  const unitLabel = (u: MetricUnit) => t(`metrics.unit.${u}`);
  const envName = (id: string) => findEnv(tree, id)?.name ?? '';
  const hosts = [...tree.hosts].sort((a, b) => a.name.localeCompare(b.name));
  const services = [...tree.services].sort((a, b) => a.name.localeCompare(b.name));
  const resolution = data.series?.resolution ?? expectedResolution(range);
  const monitor = host ? data.monitors.find((m) => m.hostId === host.id) : undefined;

  return (
    <main className="page page-scroll metrics-page" data-testid="page-metrics">
      <div className="metrics-toolbar">
        <h1 className="page-title">
          <PageIcon page="metrics" /> {t('nav.metrics')}
        </h1>
        <label className="metrics-picker">
          <span className="muted">{t('metrics.target')}</span>
          <select data-testid="metrics-target" value={encode(target)} onChange={(e) => setTarget(decode(e.target.value))}>
            {!target && <option value="">{t('common.choose')}</option>}
            {hosts.length > 0 && (
              <optgroup label={t('host.plural')}>
                {hosts.map((h) => (
                  <option key={h.id} value={`host:${h.id}`}>{`${h.name} — ${envName(h.environmentId)}`}</option>
                ))}
              </optgroup>
            )}
            {services.length > 0 && (
              <optgroup label={t('service.plural')}>
                {services.map((s) => (
                  <option key={s.id} value={`service:${s.id}`}>{`${s.name} (${t(`service.kind.${s.kind}`)}) — ${envName(s.environmentId)}`}</option>
                ))}
              </optgroup>
            )}
          </select>
        </label>
        <div className="segmented" role="group" aria-label={t('metrics.range')} data-testid="metrics-range">
          {MetricRange.options.map((r) => (
            <button
              key={r}
              type="button"
              className={r === range ? 'seg seg-on' : 'seg'}
              aria-pressed={r === range}
              data-testid={`range-${r}`}
              onClick={() => setRange(r)}
            >
              {t(`metrics.range.${r}`)}
            </button>
          ))}
        </div>
        <span className="muted small" data-testid="metrics-resolution" data-resolution={resolution}>
          {t(resolutionKey(resolution))}
        </span>
        <span className="metrics-toolbar-end">
          <span className="muted small metrics-live" data-testid="metrics-live" data-fetches={data.fetches} data-points={pointCount(data.series)}>
            {data.catalog?.available ? t('metrics.live') : ''}
          </span>
          <button type="button" className="btn" data-testid="metrics-thresholds" disabled={!data.catalog?.available || charts.length === 0} onClick={() => setEditing(true)}>
            {t('metrics.thresholds')}
          </button>
        </span>
      </div>

      {!target && (
        <div className="card" data-testid="metrics-no-target">
          <p>{t('metrics.noTargets')}</p>
        </div>
      )}

      {host && <MonitorPanel key={`${host.id}:${monitor?.intervalSec ?? ''}`} host={host} monitor={monitor} onChanged={(m) => { data.setMonitor(m); void data.reload(); }} />}
      {target && !host && service && <p className="muted" data-testid="metrics-no-host">{t('metrics.serviceNoHost')}</p>}

      {data.error != null && (
        <div className="warning" role="alert" data-testid="metrics-error">
          {isAppError(data.error) ? (
            <>
              <strong>{data.error.message}</strong> {data.error.hint && <span className="muted">{data.error.hint}</span>}
            </>
          ) : (
            String(data.error)
          )}
        </div>
      )}
      {data.loading && <p className="muted" data-testid="loading">{t('common.loading')}</p>}
      {data.catalog && !data.catalog.available && (
        <div className="card" data-testid="metrics-unavailable">
          <p>{data.catalog.reason ?? t('metrics.nothingCollected')}</p>
        </div>
      )}

      {groups.map((g) => (
        <section key={g.group} className="metric-group" data-testid={`metric-group-${g.group}`}>
          <h2 className="metric-group-title">{groupLabel(g.group)}</h2>
          <div className="metric-grid">
            {g.charts.map((c) => (
              <MetricChart key={c.id} spec={c} series={data.series} range={range} groupLabel={groupLabel(c.group)} unitLabel={unitLabel(c.unit)} />
            ))}
          </div>
        </section>
      ))}

      {service?.kind === 'postgres' && <PgStatementsTable serviceId={service.id} refreshKey={data.fetches} />}

      {editing && target && data.catalog && (
        <ThresholdsDialog target={target} catalog={catalog ?? data.catalog} groupLabel={groupLabel} onSaved={data.setCatalog} onClose={() => setEditing(false)} />
      )}
    </main>
  );
}
