import { create } from 'zustand';

export const PAGES = [
  'inventory',
  'topology',
  'logs',
  'metrics',
  'health',
  'backups',
  'deploys',
  'snapshots',
  'settings',
] as const;
export type Page = (typeof PAGES)[number];

export type Selection =
  | { type: 'project'; id: string }
  | { type: 'environment'; id: string }
  | { type: 'host'; id: string }
  | { type: 'service'; id: string }
  | { type: 'credentials' }
  | null;

interface UiState {
  page: Page;
  selection: Selection;
  /** The environment switcher: null shows every environment. */
  scopeEnvId: string | null;
  search: string;
  paletteOpen: boolean;
  collapsed: Record<string, boolean>;
  go(page: Page): void;
  select(sel: Selection): void;
  setScope(envId: string | null): void;
  setSearch(q: string): void;
  setPalette(open: boolean): void;
  toggle(nodeKey: string): void;
}

export const useUiStore = create<UiState>()((set) => ({
  page: 'inventory',
  selection: null,
  scopeEnvId: null,
  search: '',
  paletteOpen: false,
  collapsed: {},
  go: (page) => set({ page }),
  select: (selection) => set({ selection }),
  setScope: (scopeEnvId) =>
    set(scopeEnvId ? { scopeEnvId, selection: { type: 'environment', id: scopeEnvId } } : { scopeEnvId }),
  setSearch: (search) => set({ search }),
  setPalette: (paletteOpen) => set({ paletteOpen }),
  toggle: (key) => set((s) => ({ collapsed: { ...s.collapsed, [key]: !s.collapsed[key] } })),
}));
