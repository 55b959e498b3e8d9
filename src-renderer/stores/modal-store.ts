import { create } from 'zustand';

/** Which form is open; forms keep their own (secret-bearing) state locally, never here. */
export type ModalSpec =
  | { kind: 'project'; id?: string }
  | { kind: 'environment'; projectId: string; id?: string }
  | { kind: 'host'; environmentId: string; id?: string }
  | { kind: 'service'; environmentId: string; id?: string; hostId?: string | null }
  | { kind: 'link'; projectId: string; fromServiceId?: string }
  | { kind: 'credential'; id?: string };

export interface ConfirmSpec {
  title: string;
  /** Plain lines: what will be deleted, including what goes with it. */
  lines: string[];
  confirmLabel: string;
  onConfirm: () => Promise<void>;
}

interface ModalState {
  modal: ModalSpec | null;
  confirm: ConfirmSpec | null;
  open(m: ModalSpec): void;
  close(): void;
  ask(c: ConfirmSpec): void;
  closeConfirm(): void;
}

export const useModalStore = create<ModalState>()((set) => ({
  modal: null,
  confirm: null,
  open: (modal) => set({ modal }),
  close: () => set({ modal: null }),
  ask: (confirm) => set({ confirm }),
  closeConfirm: () => set({ confirm: null }),
}));
