import { create } from 'zustand';

/** Whether the "Import from SSH config" dialog is open, and the project/environment it proposes. */
interface SshConfigImportState {
  open: boolean;
  projectId: string | null;
  environmentName: string | null;
  show(projectId?: string | null, environmentName?: string | null): void;
  hide(): void;
}

export const useSshConfigImport = create<SshConfigImportState>()((set) => ({
  open: false,
  projectId: null,
  environmentName: null,
  show: (projectId = null, environmentName = null) => set({ open: true, projectId, environmentName }),
  hide: () => set({ open: false }),
}));
