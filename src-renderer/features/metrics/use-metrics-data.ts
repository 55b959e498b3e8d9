import { useCallback, useEffect, useRef, useState } from 'react';
import type { MetricCatalog, MetricRange, MetricSeries, MetricTarget, MonitorStatus } from '../../../src-main/contract';
import { call, onEvent } from '../../api/client';
import { mergeSeries } from './metric-groups';
import { expectedResolution, RANGE_MS } from './metrics-format';

/** Shortest pause between two live refetches, by resolution: new raw points show at once, hourly ones need not. */
const LIVE_MIN_GAP_MS = { raw: 1000, '1m': 30_000, '1h': 300_000 } as const;
/** New families appear as collectors find them: the catalog is refetched at most this often while live. */
const CATALOG_MAX_AGE_MS = 30_000;

export interface MetricsData {
  catalog: MetricCatalog | null;
  series: MetricSeries | null;
  monitors: MonitorStatus[];
  error: unknown;
  loading: boolean;
  /** Times the series were fetched (the live indicator and tests read it). */
  fetches: number;
  reload(): void;
  setCatalog(c: MetricCatalog): void;
  setMonitor(m: MonitorStatus): void;
}

interface Sink {
  catalog(c: MetricCatalog): void;
  data(s: MetricSeries, m: MonitorStatus[]): void;
  monitors(m: MonitorStatus[]): void;
  error(e: unknown): void;
}

/** Failed polls store no points (no `metrics.updated`): the monitor status is also read this often. */
const MONITOR_REFRESH_MS = 5000;

/** One target over one range: fetches one at a time; a request made meanwhile runs once after. */
function createLoader(target: MetricTarget, range: MetricRange, sink: Sink) {
  let alive = true;
  let inFlight = false;
  let again = false;
  let lastCatalogAt = 0;
  let catalogHasData = false;
  let lastFetchAt = 0;
  let known = new Set<string>();
  let shown: MetricSeries | null = null;

  async function fetchOnce(): Promise<void> {
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    const withCatalog = !catalogHasData || Date.now() - lastCatalogAt > CATALOG_MAX_AGE_MS;
    try {
      // A long raw window that is already shown only needs its newest points.
      const incremental = !withCatalog && shown !== null && shown.resolution === 'raw' && range !== '15m' && Date.now() - shown.to < 10 * 60_000;
      const [cat, fetched, mons] = await Promise.all([
        withCatalog ? call('metrics.catalog', target) : Promise.resolve(null),
        call('metrics.series', { target, range: incremental ? '15m' : range }),
        call('metrics.monitors'),
      ]);
      if (!alive) return;
      const ser = incremental && shown ? mergeSeries(shown, fetched, RANGE_MS[range]) : fetched;
      shown = ser;
      if (cat) {
        lastCatalogAt = Date.now();
        catalogHasData = cat.available && cat.metrics.length > 0;
        known = new Set(cat.metrics.map((m) => m.key));
        sink.catalog(cat);
      }
      sink.data(ser, mons);
      // Points for keys the catalog did not list yet (a collector's first values): fetch it again now.
      if (ser.series.some((x) => x.points.length > 0 && !known.has(x.key))) {
        catalogHasData = false;
        again = true;
      }
    } catch (e) {
      if (alive) sink.error(e);
    } finally {
      inFlight = false;
      lastFetchAt = Date.now();
      if (again && alive) {
        again = false;
        void fetchOnce();
      }
    }
  }

  return {
    fetch: fetchOnce,
    /** Forces the catalog on the next fetch (thresholds changed, monitoring switched). */
    reload(): void {
      catalogHasData = false;
      void fetchOnce();
    },
    msUntilAllowed(gap: number): number {
      return Math.max(0, lastFetchAt + gap - Date.now());
    },
    /** Only the monitors' status (last poll, last error), when no points arrive. */
    async monitors(): Promise<void> {
      if (inFlight || Date.now() - lastFetchAt < MONITOR_REFRESH_MS) return;
      try {
        const mons = await call('metrics.monitors');
        if (alive) sink.monitors(mons);
      } catch {
        // The next full fetch reports it.
      }
    },
    stop(): void {
      alive = false;
    },
  };
}

/**
 * Catalog, series and monitor status of one target over a range; refetched when the core says
 * new points were stored for this target (or for the host a service runs on), at most once per
 * LIVE_MIN_GAP_MS of the range's resolution, one fetch at a time.
 */
export function useMetricsData(target: MetricTarget | null, range: MetricRange, hostIdOfTarget: string | null): MetricsData {
  const [catalog, setCatalog] = useState<MetricCatalog | null>(null);
  const [series, setSeries] = useState<MetricSeries | null>(null);
  const [monitors, setMonitors] = useState<MonitorStatus[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [fetches, setFetches] = useState(0);
  const loader = useRef<ReturnType<typeof createLoader> | null>(null);
  const kind = target?.kind;
  const id = target?.id;

  useEffect(() => {
    setSeries(null);
    setError(null);
    if (!kind || !id) {
      setCatalog(null);
      return;
    }
    setLoading(true);
    const l = createLoader({ kind, id }, range, {
      catalog: (c) => setCatalog(c),
      data: (s, m) => {
        setSeries(s);
        setMonitors(m);
        setError(null);
        setLoading(false);
        setFetches((n) => n + 1);
      },
      monitors: (m) => setMonitors(m),
      error: (e) => {
        setError(e);
        setLoading(false);
      },
    });
    loader.current = l;
    void l.fetch();

    // Live: only updates for the shown target (or its host) count; bursts collapse into one fetch.
    let timer: ReturnType<typeof setTimeout> | null = null;
    const gap = LIVE_MIN_GAP_MS[expectedResolution(range)];
    const off = onEvent((e) => {
      if (e.name !== 'metrics.updated' || timer) return;
      const t = e.payload.target;
      const mine = (t.kind === kind && t.id === id) || (t.kind === 'host' && t.id === hostIdOfTarget);
      if (!mine) return;
      timer = setTimeout(() => {
        timer = null;
        void l.fetch();
      }, l.msUntilAllowed(gap));
    });
    const statusTimer = setInterval(() => void l.monitors(), MONITOR_REFRESH_MS);
    return () => {
      clearInterval(statusTimer);
      l.stop();
      off();
      if (timer) clearTimeout(timer);
      if (loader.current === l) loader.current = null;
    };
  }, [kind, id, range, hostIdOfTarget]);

  const reload = useCallback(() => loader.current?.reload(), []);
  const setMonitor = useCallback((m: MonitorStatus) => setMonitors((all) => [...all.filter((x) => x.hostId !== m.hostId), m]), []);
  return { catalog, series, monitors, error, loading, fetches, reload, setCatalog, setMonitor };
}
