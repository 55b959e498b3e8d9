import { create } from 'zustand';
import type { AuditEntry } from '../../src-main/contract';
import { call } from '../api/client';
import { reportError } from './toast-store';

interface AuditState {
  entries: AuditEntry[];
  search: string;
  loaded: boolean;
  setSearch(q: string): void;
  refresh(): Promise<void>;
  exportAs(format: 'csv' | 'json'): Promise<void>;
}

let searchTimer: ReturnType<typeof setTimeout> | undefined;

export const useAuditStore = create<AuditState>()((set, get) => ({
  entries: [],
  search: '',
  loaded: false,
  setSearch(search) {
    set({ search });
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => void get().refresh(), 250);
  },
  async refresh() {
    const q = get().search.trim();
    try {
      const entries = await call('audit.list', q ? { limit: 500, search: q } : { limit: 500 });
      if (get().search.trim() === q) set({ entries, loaded: true });
    } catch (e) {
      reportError(e);
    }
  },
  async exportAs(format) {
    try {
      const out = await call('audit.export', { format });
      downloadText(out.filename, out.mime, out.content);
    } catch (e) {
      reportError(e);
    }
  },
}));

/** Saves text as a file through a Blob URL (no server round trip, nothing rendered as HTML). */
export function downloadText(filename: string, mime: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mime || 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename.replace(/[\\/:*?"<>|]/g, '_') || 'export.txt';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
