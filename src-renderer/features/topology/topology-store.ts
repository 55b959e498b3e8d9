import { create } from 'zustand';
import type { Health } from './topology-model';

/** Which project / environment the Topology page draws, and the health states it colours by. */
interface TopologyViewState {
  projectId: string | null;
  /** null: every environment of the project. */
  environmentId: string | null;
  /** Service id → state; empty until health checks exist (everything is "unknown"). */
  health: Record<string, Health>;
  show(projectId: string | null, environmentId?: string | null): void;
  setHealth(h: Record<string, Health>): void;
}

export const useTopologyView = create<TopologyViewState>()((set) => ({
  projectId: null,
  environmentId: null,
  health: {},
  show: (projectId, environmentId = null) => set({ projectId, environmentId }),
  setHealth: (health) => set({ health }),
}));
