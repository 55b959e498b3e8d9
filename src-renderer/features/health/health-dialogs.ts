import { create } from 'zustand';
import type { CheckDraft } from './check-form-model';

/** Which Health dialog is open (forms keep their own state, secrets included, locally). */
export type HealthDialog =
  | { kind: 'check'; id?: string; serviceId?: string | null; draft?: CheckDraft }
  | { kind: 'suggest'; serviceId: string }
  | { kind: 'maintenance'; checkId?: string | null; serviceId?: string | null }
  | { kind: 'sink'; id?: string };

interface HealthDialogState {
  dialog: HealthDialog | null;
  open(d: HealthDialog): void;
  close(): void;
}

export const useHealthDialogs = create<HealthDialogState>()((set) => ({
  dialog: null,
  open: (dialog) => set({ dialog }),
  close: () => set({ dialog: null }),
}));
