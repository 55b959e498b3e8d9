import { create } from 'zustand';
import { AppError, isAppError, type ErrorCode } from '../../src-main/contract';

export interface Toast {
  id: number;
  tone: 'error' | 'info' | 'success';
  /** A dictionary key for the title, or a plain message already in the user's language. */
  code?: ErrorCode;
  message: string;
  hint?: string;
}

interface ToastState {
  toasts: Toast[];
  push(t: Omit<Toast, 'id'>): void;
  dismiss(id: number): void;
}

let nextId = 1;

export const useToastStore = create<ToastState>()((set) => ({
  toasts: [],
  push(t) {
    const id = nextId++;
    set((s) => ({ toasts: [...s.toasts.slice(-4), { ...t, id }] }));
    if (t.tone !== 'error') setTimeout(() => useToastStore.getState().dismiss(id), 4000);
  },
  dismiss(id) {
    set((s) => ({ toasts: s.toasts.filter((x) => x.id !== id) }));
  },
}));

/** Shows any failure as a toast with the core's message and hint. */
export function reportError(e: unknown): void {
  const err = isAppError(e) ? e : new AppError('INTERNAL', e instanceof Error ? e.message : String(e));
  useToastStore.getState().push({ tone: 'error', code: err.code, message: err.message, hint: err.hint });
}

export function notify(message: string): void {
  useToastStore.getState().push({ tone: 'success', message });
}
