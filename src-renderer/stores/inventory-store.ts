import { create } from 'zustand';
import type { InventoryTree } from '../../src-main/contract';
import { call } from '../api/client';
import { reportError } from './toast-store';

export interface DemoState {
  offered: boolean;
  loaded: boolean;
  inventoryEmpty: boolean;
}

const EMPTY: InventoryTree = { projects: [], environments: [], hosts: [], services: [], links: [], credentials: [] };

interface InventoryState {
  tree: InventoryTree;
  demo: DemoState | null;
  loaded: boolean;
  refresh(): Promise<void>;
  loadDemo(): Promise<void>;
  dismissDemo(): Promise<void>;
}

let inflight: Promise<void> | null = null;
let again = false;

export const useInventoryStore = create<InventoryState>()((set, get) => ({
  tree: EMPTY,
  demo: null,
  loaded: false,
  /** Coalesces bursts of "inventory.changed" into at most one fetch in flight plus one after. */
  refresh() {
    if (inflight) {
      again = true;
      return inflight;
    }
    inflight = (async () => {
      try {
        do {
          again = false;
          const [tree, demo] = await Promise.all([call('inventory.tree'), call('inventory.demoState')]);
          set({ tree, demo, loaded: true });
        } while (again);
      } catch (e) {
        reportError(e);
      } finally {
        inflight = null;
      }
    })();
    return inflight;
  },
  async loadDemo() {
    try {
      const tree = await call('inventory.loadDemo');
      set({ tree });
      await get().refresh();
    } catch (e) {
      reportError(e);
    }
  },
  async dismissDemo() {
    try {
      await call('inventory.dismissDemo');
      await get().refresh();
    } catch (e) {
      reportError(e);
    }
  },
}));
