import { create } from 'zustand';
import type { ErrorShape } from '../../../src-main/contract';

export type TerminalStatus = 'connecting' | 'open' | 'ended' | 'failed';

/** One tab of the dock: a terminal on a host. The xterm instance lives in its view. */
export interface TerminalTab {
  key: string;
  hostId: string;
  hostName: string;
  /** The tab's label: the host's name, numbered from the second tab on the same host. */
  title: string;
  streamId: string | null;
  status: TerminalStatus;
  /** Why it failed to open or ended (SSH_CLOSED when the host went away). */
  error: ErrorShape | null;
  exitCode: number | null;
  /** Bumped by "Reconnect" so the view opens a new session in the same screen. */
  attempt: number;
}

export const DOCK_MIN = 140;
export const DOCK_DEFAULT = 300;

interface DockState {
  tabs: TerminalTab[];
  active: string | null;
  collapsed: boolean;
  maximised: boolean;
  height: number;
  openTerminal(hostId: string, title: string): string;
  closeTab(key: string): void;
  setActive(key: string): void;
  update(key: string, patch: Partial<TerminalTab>): void;
  reconnect(key: string): void;
  setCollapsed(c: boolean): void;
  toggleMaximised(): void;
  setHeight(h: number): void;
}

let nextTab = 1;

/** The bottom dock: which terminal tabs exist, which is shown, and how large the dock is. */
export const useDockStore = create<DockState>()((set, get) => ({
  tabs: [],
  active: null,
  collapsed: false,
  maximised: false,
  height: DOCK_DEFAULT,
  openTerminal(hostId, title) {
    const same = get().tabs.filter((t) => t.hostId === hostId).length;
    const key = `t${nextTab++}`;
    const tab: TerminalTab = {
      key,
      hostId,
      hostName: title,
      title: same ? `${title} (${same + 1})` : title,
      streamId: null,
      status: 'connecting',
      error: null,
      exitCode: null,
      attempt: 0,
    };
    set((s) => ({ tabs: [...s.tabs, tab], active: key, collapsed: false }));
    return key;
  },
  closeTab(key) {
    set((s) => {
      const i = s.tabs.findIndex((t) => t.key === key);
      const tabs = s.tabs.filter((t) => t.key !== key);
      const active = s.active === key ? (tabs[Math.min(i, tabs.length - 1)]?.key ?? null) : s.active;
      return { tabs, active, maximised: tabs.length ? s.maximised : false };
    });
  },
  setActive: (active) => set({ active, collapsed: false }),
  update: (key, patch) => set((s) => ({ tabs: s.tabs.map((t) => (t.key === key ? { ...t, ...patch } : t)) })),
  reconnect: (key) =>
    set((s) => ({
      tabs: s.tabs.map((t) => (t.key === key ? { ...t, streamId: null, status: 'connecting', error: null, exitCode: null, attempt: t.attempt + 1 } : t)),
    })),
  setCollapsed: (collapsed) => set({ collapsed, maximised: collapsed ? false : get().maximised }),
  toggleMaximised: () => set((s) => ({ maximised: !s.maximised, collapsed: false })),
  setHeight: (height) => set({ height: Math.max(DOCK_MIN, Math.round(height)) }),
}));
