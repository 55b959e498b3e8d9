import { useEffect, useRef, useState } from 'react';
import { FitAddon } from '@xterm/addon-fit';
import { Terminal, type ITheme } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { AppError, isAppError } from '../../../src-main/contract';
import { useT } from '../../i18n';
import { closeTerminal, openTerminal, sendInput, sendResize } from './terminal-client';
import { useDockStore, type TerminalTab } from './terminal-store';

const LIGHT: ITheme = {
  background: '#ffffff',
  foreground: '#1c2230',
  cursor: '#1c2230',
  cursorAccent: '#ffffff',
  selectionBackground: '#b9cdf0',
  black: '#1c2230',
  red: '#c0292b',
  green: '#2e7d32',
  yellow: '#8a5a00',
  blue: '#2b5fc4',
  magenta: '#8e3fb0',
  cyan: '#0f7a85',
  white: '#c2c8d0',
  brightBlack: '#5c6573',
  brightRed: '#d9484a',
  brightGreen: '#3b9440',
  brightYellow: '#a35f00',
  brightBlue: '#3d72d9',
  brightMagenta: '#a456c6',
  brightCyan: '#1f95a1',
  brightWhite: '#8a929e',
};
const DARK: ITheme = {
  background: '#14171c',
  foreground: '#dde2e9',
  cursor: '#dde2e9',
  cursorAccent: '#14171c',
  selectionBackground: '#34507d',
  black: '#20252d',
  red: '#f06a6a',
  green: '#5cb860',
  yellow: '#e0a040',
  blue: '#6b9cf5',
  magenta: '#c78ae0',
  cyan: '#4fc1cc',
  white: '#dde2e9',
  brightBlack: '#7d8694',
  brightRed: '#ff8a8a',
  brightGreen: '#7fd283',
  brightYellow: '#f0c070',
  brightBlue: '#8fb5ff',
  brightMagenta: '#dba6f0',
  brightCyan: '#7fdbe3',
  brightWhite: '#ffffff',
};

const themeNow = () => (document.documentElement.dataset.theme === 'dark' ? DARK : LIGHT);

/** Copies the selection; false when there was none. */
async function copySelection(term: Terminal): Promise<boolean> {
  if (!term.hasSelection()) return false;
  await navigator.clipboard.writeText(term.getSelection());
  return true;
}

async function pasteClipboard(term: Terminal): Promise<void> {
  const text = await navigator.clipboard.readText();
  if (text) term.paste(text);
}

interface MenuPos {
  x: number;
  y: number;
  hasSelection: boolean;
}

/**
 * One terminal: xterm.js on a stream session. Output batches are acknowledged once xterm has
 * parsed them (the core pauses the SSH channel when the screen falls behind); the size follows
 * the dock through addon-fit and terminal.resize; Ctrl+Shift+C / Ctrl+Shift+V and the context
 * menu copy and paste.
 */
export function TerminalView({ tab, active }: { tab: TerminalTab; active: boolean }) {
  const t = useT();
  const hostRef = useRef<HTMLDivElement>(null);
  const termRef = useRef<Terminal | null>(null);
  const fitRef = useRef<FitAddon | null>(null);
  const streamRef = useRef<string | null>(null);
  const [menu, setMenu] = useState<MenuPos | null>(null);
  const update = useDockStore((s) => s.update);
  const tText = useRef(t);
  useEffect(() => {
    tText.current = t;
  }, [t]);

  // The screen: created once per tab, disposed when the tab closes.
  useEffect(() => {
    const el = hostRef.current!;
    const term = new Terminal({
      fontFamily: 'ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace',
      fontSize: 13,
      lineHeight: 1.15,
      scrollback: 5000,
      cursorBlink: true,
      theme: themeNow(),
      allowProposedApi: false,
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(el);
    termRef.current = term;
    fitRef.current = fit;

    const fitNow = () => {
      if (el.clientWidth > 0 && el.clientHeight > 0) {
        try {
          fit.fit();
        } catch {
          // not laid out yet
        }
      }
    };
    fitNow();
    const ro = new ResizeObserver(() => fitNow());
    ro.observe(el);

    let resizeTimer: ReturnType<typeof setTimeout> | null = null;
    const offResize = term.onResize(({ cols, rows }) => {
      if (resizeTimer) clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => {
        if (streamRef.current) sendResize(streamRef.current, cols, rows);
      }, 80);
    });
    const offData = term.onData((d) => {
      if (streamRef.current) void sendInput(streamRef.current, d);
    });
    term.attachCustomKeyEventHandler((e) => {
      // Ctrl/Cmd+K stays the command palette everywhere, as in VS Code's terminal: not sent to
      // the shell, left to bubble to the window's shortcut.
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k') return false;
      if (e.type !== 'keydown' || !e.ctrlKey || !e.shiftKey || e.altKey) return true;
      const k = e.key.toLowerCase();
      if (k === 'c') {
        e.preventDefault();
        void copySelection(term).catch(() => undefined);
        return false;
      }
      if (k === 'v') {
        e.preventDefault();
        void pasteClipboard(term).catch(() => undefined);
        return false;
      }
      return true;
    });
    const themeObserver = new MutationObserver(() => {
      term.options.theme = themeNow();
    });
    themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

    return () => {
      ro.disconnect();
      themeObserver.disconnect();
      offResize.dispose();
      offData.dispose();
      if (resizeTimer) clearTimeout(resizeTimer);
      if (streamRef.current) closeTerminal(streamRef.current);
      streamRef.current = null;
      term.dispose();
      termRef.current = null;
    };
  }, []);

  // The session: opened on mount and again on every "Reconnect".
  useEffect(() => {
    const term = termRef.current!;
    let cancelled = false;
    if (tab.attempt > 0) term.write(`\r\n\x1b[2m${tText.current('term.reconnecting')}\x1b[0m\r\n`);
    const key = tab.key;
    openTerminal(tab.hostId, term.cols, term.rows, {
      data: (text, done) => term.write(text, done),
      exit: (code, error) => {
        streamRef.current = null;
        const line = error ? tText.current('term.lostLine') : tText.current('term.exitedLine', { code: code ?? '—' });
        term.write(`\r\n\x1b[2m[${line}]\x1b[0m\r\n`);
        useDockStore.getState().update(key, { status: error ? 'failed' : 'ended', error: error ?? null, exitCode: code, streamId: null });
      },
    })
      .then((streamId) => {
        if (cancelled) return closeTerminal(streamId);
        streamRef.current = streamId;
        update(key, { streamId, status: 'open' });
        // The size may have changed while the connection was being made.
        sendResize(streamId, term.cols, term.rows);
      })
      .catch((e: unknown) => {
        if (cancelled) return;
        const err = isAppError(e) ? e : new AppError('INTERNAL', e instanceof Error ? e.message : String(e));
        update(key, { status: 'failed', error: err.toShape() });
      });
    return () => {
      cancelled = true;
    };
    // tab.attempt is the trigger; hostId and key never change for a tab
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tab.attempt]);

  useEffect(() => {
    if (!active) return;
    const id = requestAnimationFrame(() => {
      const el = hostRef.current;
      if (el && el.clientWidth > 0) fitRef.current?.fit();
      termRef.current?.focus();
    });
    return () => cancelAnimationFrame(id);
  }, [active]);

  useEffect(() => {
    if (!menu) return;
    const close = () => setMenu(null);
    window.addEventListener('mousedown', close);
    window.addEventListener('blur', close);
    return () => {
      window.removeEventListener('mousedown', close);
      window.removeEventListener('blur', close);
    };
  }, [menu]);

  const runMenu = (fn: (term: Terminal) => void | Promise<unknown>) => {
    setMenu(null);
    const term = termRef.current;
    if (!term) return;
    void Promise.resolve(fn(term)).catch(() => undefined);
    term.focus();
  };

  return (
    <div
      className="terminal-view"
      data-testid={`terminal-${tab.key}`}
      data-host-id={tab.hostId}
      data-status={tab.status}
      hidden={!active}
      onContextMenu={(e) => {
        e.preventDefault();
        const box = e.currentTarget.getBoundingClientRect();
        setMenu({ x: e.clientX - box.left, y: e.clientY - box.top, hasSelection: !!termRef.current?.hasSelection() });
      }}
    >
      <div className="terminal-screen" ref={hostRef} data-testid="terminal-screen" />
      {menu && (
        <ul className="terminal-menu" role="menu" data-testid="terminal-menu" style={{ left: menu.x, top: menu.y }} onMouseDown={(e) => e.stopPropagation()}>
          <li role="none">
            <button type="button" role="menuitem" data-testid="terminal-menu-copy" disabled={!menu.hasSelection} onClick={() => runMenu(copySelection)}>
              {t('term.copy')} <kbd>Ctrl+Shift+C</kbd>
            </button>
          </li>
          <li role="none">
            <button type="button" role="menuitem" data-testid="terminal-menu-paste" onClick={() => runMenu(pasteClipboard)}>
              {t('term.paste')} <kbd>Ctrl+Shift+V</kbd>
            </button>
          </li>
          <li role="none">
            <button type="button" role="menuitem" data-testid="terminal-menu-select-all" onClick={() => runMenu((term) => term.selectAll())}>
              {t('term.selectAll')}
            </button>
          </li>
          <li role="none">
            <button type="button" role="menuitem" data-testid="terminal-menu-clear" onClick={() => runMenu((term) => term.clear())}>
              {t('term.clear')}
            </button>
          </li>
        </ul>
      )}
    </div>
  );
}
