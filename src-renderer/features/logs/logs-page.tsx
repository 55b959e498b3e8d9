import { useCallback, useEffect, useMemo, useRef } from 'react';
import { PageIcon } from '../../components/icons';
import { useT } from '../../i18n';
import { useInventoryStore } from '../../stores/inventory-store';
import { useUiStore } from '../../stores/ui-store';
import { SshErrorPanel } from '../hosts/ssh-error-panel';
import { findHost, findService } from '../inventory/inventory-selectors';
import { compileSearch } from './log-filters';
import type { SourceLook } from './log-row';
import { BUFFER_LINES, retrySession, startSession, stopSession, syncViewOptions } from './log-session';
import { LogsAnalyticsPanel, accessSources } from './logs-analytics-panel';
import { useLogsStore } from './logs-store';
import { LogsSourceChoices, LogsTargetPicker } from './logs-source-bar';
import { LogsViewerPane } from './logs-viewer-pane';
import './logs.css';

/**
 * Logs: pick a service or host, tick one or several of its logs (merged by time, a colour
 * per source), and follow them live in a virtual viewer with search, filters, pause, jump to
 * a time, copy and export; nginx access logs add live analytics and a whole-file analysis.
 */
export function LogsPage() {
  const t = useT();
  const tree = useInventoryStore((s) => s.tree);
  const selection = useUiStore((s) => s.selection);
  const target = useLogsStore((s) => s.target);
  const options = useLogsStore((s) => s.options);
  const optionsState = useLogsStore((s) => s.optionsState);
  const optionsError = useLogsStore((s) => s.optionsError);
  const chosen = useLogsStore((s) => s.chosen);
  const streamState = useLogsStore((s) => s.streamState);
  const streamError = useLogsStore((s) => s.streamError);
  const filter = useLogsStore((s) => s.filter);
  const search = useLogsStore((s) => s.search);
  const onlyMatching = useLogsStore((s) => s.onlyMatching);
  const analyticsOpen = useLogsStore((s) => s.analyticsOpen);
  const setAnalyticsOpen = useLogsStore((s) => s.setAnalyticsOpen);

  // Coming from the inventory with a service or host selected: show its logs.
  const adopted = useRef(false);
  useEffect(() => {
    if (adopted.current) return;
    adopted.current = true;
    const st = useLogsStore.getState();
    if (st.target) return;
    if (selection?.type === 'service' || selection?.type === 'host') void st.setTarget({ type: selection.type, id: selection.id });
  }, [selection]);

  const chosenOptions = useMemo(() => options.filter((o) => chosen.includes(o.key)), [options, chosen]);
  const looks = useMemo(() => {
    const m = new Map<string, SourceLook>();
    chosenOptions.forEach((o, i) => m.set(o.key, { label: o.label, colour: i % 8 }));
    return m;
  }, [chosenOptions]);

  // One stream for the chosen logs; a new one when they change; closed when leaving the page.
  const sessionKey = optionsState === 'ready' ? chosenOptions.map((o) => o.key).join('\n') : null;
  useEffect(() => {
    if (sessionKey === null) {
      stopSession();
      return;
    }
    const { options: all, chosen: keys } = useLogsStore.getState();
    startSession(all.filter((o) => keys.includes(o.key)));
    return () => stopSession();
  }, [sessionKey, target]);

  useEffect(() => {
    syncViewOptions();
  }, [filter, onlyMatching]);
  // Typing in the search box: one pass over the buffer once the typing pauses.
  useEffect(() => {
    const id = setTimeout(syncViewOptions, 120);
    return () => clearTimeout(id);
  }, [search]);

  const compiled = useMemo(() => {
    const c = compileSearch(search);
    return c.ok ? c.search : null;
  }, [search]);

  const access = useMemo(() => accessSources(options, chosen), [options, chosen]);
  const targetName = target ? (target.type === 'service' ? findService(tree, target.id)?.name : findHost(tree, target.id)?.name) ?? '' : '';
  const targetHost = target?.type === 'host' ? findHost(tree, target.id) : target ? findHost(tree, findService(tree, target.id)?.hostId) : undefined;
  const showHost = useCallback(() => {
    if (!targetHost) return;
    useUiStore.getState().select({ type: 'host', id: targetHost.id });
    useUiStore.getState().go('inventory');
  }, [targetHost]);
  const noHosts = tree.hosts.length === 0;

  return (
    <main className="page logs-page" data-testid="page-logs" data-stream={streamState}>
      <div className="logs-head">
        <h1 className="page-title">
          <PageIcon page="logs" /> {t('nav.logs')}
        </h1>
        {!noHosts && <LogsTargetPicker tree={tree} />}
        <LogsSourceChoices looks={looks} />
      </div>

      {noHosts && (
        <div className="card logs-empty-card" data-testid="logs-no-hosts">
          <p>{t('logs.noHosts')}</p>
          <button type="button" className="btn btn-primary" data-testid="logs-go-inventory" onClick={() => useUiStore.getState().go('inventory')}>
            {t('logs.goInventory')}
          </button>
        </div>
      )}
      {!noHosts && !target && (
        <div className="card logs-empty-card" data-testid="logs-pick">
          <p>{t('logs.pickHint')}</p>
        </div>
      )}
      {target && optionsState === 'loading' && <p className="muted" data-testid="logs-loading">{t('logs.loadingSources', { name: targetName })}</p>}
      {target && optionsState === 'error' && optionsError && (
        <div className="logs-problem" data-testid="logs-sources-error">
          <p>{t('logs.sourcesFailed', { name: targetName })}</p>
          <SshErrorPanel
            error={optionsError}
            hostName={targetHost?.name ?? targetName}
            actions={
              <>
                <button type="button" className="btn btn-small" data-testid="logs-sources-retry" onClick={() => void useLogsStore.getState().setTarget(target)}>
                  {t('logs.retry')}
                </button>
                {targetHost && (
                  <button type="button" className="btn btn-small" data-testid="logs-open-host" onClick={showHost}>
                    {t('logs.openHost')}
                  </button>
                )}
              </>
            }
          />
        </div>
      )}
      {target && optionsState === 'ready' && options.length === 0 && (
        <div className="card logs-empty-card" data-testid="logs-no-sources">
          <p>{t('logs.noSources', { name: targetName })}</p>
          {targetHost && target.type === 'service' && (
            <button type="button" className="btn" data-testid="logs-try-host" onClick={() => void useLogsStore.getState().setTarget({ type: 'host', id: targetHost.id })}>
              {targetHost.name}
            </button>
          )}
        </div>
      )}
      {target && optionsState === 'ready' && options.length > 0 && chosen.length === 0 && (
        <p className="muted" data-testid="logs-none-chosen">{t('logs.noneChosen')}</p>
      )}
      {streamState === 'failed' && streamError && (
        <div className="logs-problem" data-testid="logs-stream-error">
          <p>{t('logs.streamFailed')}</p>
          <SshErrorPanel
            error={streamError}
            hostName={targetHost?.name ?? targetName}
            actions={
              <button type="button" className="btn btn-small" data-testid="logs-stream-retry" onClick={retrySession}>
                {t('logs.retry')}
              </button>
            }
          />
        </div>
      )}
      {streamState === 'lost' && (
        <p className="warn-text small" role="status" data-testid="logs-link-lost">
          {t('logs.linkLost')}
        </p>
      )}

      {chosenOptions.length > 0 && (
        <LogsViewerPane
          looks={looks}
          search={compiled}
          buffer={BUFFER_LINES}
          fileBase={targetName || 'logs'}
          actions={
            access.length > 0 && (
              <button type="button" className={`btn btn-small${analyticsOpen ? ' is-on' : ''}`} aria-pressed={analyticsOpen} data-testid="logs-analytics-toggle" onClick={() => setAnalyticsOpen(!analyticsOpen)}>
                {t('logs.analytics')}
              </button>
            )
          }
          side={analyticsOpen && access.length > 0 ? <LogsAnalyticsPanel sources={access} /> : null}
        />
      )}
    </main>
  );
}
