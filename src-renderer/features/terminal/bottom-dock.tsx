import { useRef } from 'react';
import { useT } from '../../i18n';
import { useUiStore } from '../../stores/ui-store';
import { SshErrorPanel } from '../hosts/ssh-error-panel';
import { TerminalView } from './terminal-view';
import { DOCK_MIN, useDockStore, type TerminalTab } from './terminal-store';
import './terminal.css';

/**
 * The bottom dock, as in VS Code: one tab per terminal, resizable by its top edge (mouse or
 * arrow keys), maximisable, collapsible to its tab strip. Every terminal stays mounted while its
 * tab exists, so switching tabs keeps the screen and the session.
 */
export function BottomDock() {
  const t = useT();
  const { tabs, active, collapsed, maximised, height } = useDockStore();
  const { closeTab, setActive, setCollapsed, toggleMaximised, setHeight } = useDockStore.getState();
  const dockRef = useRef<HTMLDivElement>(null);
  if (tabs.length === 0) return null;

  const maxHeight = () => {
    const parent = dockRef.current?.parentElement;
    return Math.max(DOCK_MIN, (parent?.clientHeight ?? window.innerHeight) - 80);
  };
  const startDrag = (e: React.PointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    const startY = e.clientY;
    const startH = maximised ? (dockRef.current?.clientHeight ?? height) : height;
    const handle = e.currentTarget;
    handle.setPointerCapture(e.pointerId);
    if (maximised) toggleMaximised();
    if (collapsed) setCollapsed(false);
    const move = (ev: PointerEvent) => setHeight(Math.min(maxHeight(), startH + (startY - ev.clientY)));
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
  };

  const style = maximised || collapsed ? undefined : { height };
  return (
    <div
      ref={dockRef}
      className={`dock${maximised ? ' is-max' : ''}${collapsed ? ' is-collapsed' : ''}`}
      style={style}
      data-testid="dock"
      data-state={maximised ? 'maximised' : collapsed ? 'collapsed' : 'open'}
    >
      <div
        className="dock-resize"
        role="separator"
        aria-orientation="horizontal"
        aria-label={t('dock.resize')}
        tabIndex={0}
        data-testid="dock-resize"
        onPointerDown={startDrag}
        onKeyDown={(e) => {
          if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
            e.preventDefault();
            setHeight(Math.min(maxHeight(), height + (e.key === 'ArrowUp' ? 24 : -24)));
          }
        }}
      />
      <div className="dock-head">
        <div className="dock-tabs" role="tablist" aria-label={t('dock.title')}>
          {tabs.map((tab) => (
            <DockTab key={tab.key} tab={tab} active={tab.key === active} onSelect={() => setActive(tab.key)} onClose={() => closeTab(tab.key)} />
          ))}
        </div>
        <div className="dock-actions">
          <button
            type="button"
            className="icon-btn"
            data-testid="dock-maximise"
            aria-pressed={maximised}
            title={maximised ? t('dock.restore') : t('dock.maximise')}
            aria-label={maximised ? t('dock.restore') : t('dock.maximise')}
            onClick={toggleMaximised}
          >
            {maximised ? '▾' : '▴'}
          </button>
          <button
            type="button"
            className="icon-btn"
            data-testid="dock-collapse"
            aria-pressed={collapsed}
            title={collapsed ? t('dock.show') : t('dock.hide')}
            aria-label={collapsed ? t('dock.show') : t('dock.hide')}
            onClick={() => setCollapsed(!collapsed)}
          >
            {collapsed ? '□' : '–'}
          </button>
        </div>
      </div>
      <div className="dock-body">
        {tabs.map((tab) => (
          <div key={tab.key} className="dock-pane" hidden={tab.key !== active || collapsed} role="tabpanel">
            <TerminalView tab={tab} active={tab.key === active && !collapsed} />
            {tab.status === 'failed' && tab.error && <TerminalProblem tab={tab} />}
            {tab.status === 'ended' && <TerminalEnded tab={tab} />}
          </div>
        ))}
      </div>
    </div>
  );
}

function DockTab({ tab, active, onSelect, onClose }: { tab: TerminalTab; active: boolean; onSelect(): void; onClose(): void }) {
  const t = useT();
  return (
    <div className={`dock-tab${active ? ' is-active' : ''}`} data-testid={`dock-tab-${tab.title}`} data-status={tab.status} data-key={tab.key}>
      <button type="button" role="tab" aria-selected={active} className="dock-tab-select" onClick={onSelect} title={t(`term.status.${tab.status}`)}>
        <span className={`term-dot term-dot-${tab.status}`} aria-hidden="true" />
        <span className="dock-tab-label">{tab.title}</span>
      </button>
      <button type="button" className="dock-tab-close" data-testid="dock-tab-close" aria-label={t('dock.closeTab', { name: tab.title })} title={t('dock.closeTab', { name: tab.title })} onClick={onClose}>
        ×
      </button>
    </div>
  );
}

/** Why a terminal could not open or was cut off, over its screen, with what to do. */
function TerminalProblem({ tab }: { tab: TerminalTab }) {
  const t = useT();
  const reconnect = useDockStore((s) => s.reconnect);
  const select = useUiStore((s) => s.select);
  const go = useUiStore((s) => s.go);
  return (
    <div className="terminal-problem" data-testid="terminal-problem">
      <SshErrorPanel
        error={tab.error!}
        hostName={tab.hostName}
        actions={
          <>
            <button type="button" className="btn btn-small" data-testid="terminal-reconnect" onClick={() => reconnect(tab.key)}>
              {t('term.reconnect')}
            </button>
            <button
              type="button"
              className="btn btn-small"
              data-testid="terminal-open-host"
              onClick={() => {
                select({ type: 'host', id: tab.hostId });
                go('inventory');
              }}
            >
              {t('term.openHost')}
            </button>
          </>
        }
      />
    </div>
  );
}

/** The shell exited by itself (exit, logout): say so, offer a new session. */
function TerminalEnded({ tab }: { tab: TerminalTab }) {
  const t = useT();
  const reconnect = useDockStore((s) => s.reconnect);
  return (
    <div className="terminal-ended" data-testid="terminal-ended" role="status">
      <span className="small">{t('term.ended', { code: tab.exitCode ?? '—' })}</span>
      <button type="button" className="btn btn-small" data-testid="terminal-reconnect" onClick={() => reconnect(tab.key)}>
        {t('term.reconnect')}
      </button>
    </div>
  );
}
