import { create } from 'zustand';

/** Whether the Import dialog is open, and the project it should propose as target. */
interface ImportDialogState {
  open: boolean;
  projectId: string | null;
  show(projectId?: string | null): void;
  hide(): void;
}

export const useImportDialog = create<ImportDialogState>()((set) => ({
  open: false,
  projectId: null,
  show: (projectId = null) => set({ open: true, projectId }),
  hide: () => set({ open: false }),
}));
