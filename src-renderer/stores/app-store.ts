import { create } from 'zustand';
import type { AppInfo, CallInput, Language, Settings, Theme } from '../../src-main/contract';
import { call } from '../api/client';
import { languageFromLocale } from '../i18n/locale';
import { reportError } from './toast-store';

interface AppState {
  info: AppInfo | null;
  settings: Settings | null;
  noticeDismissed: boolean;
  loadInfo(): Promise<void>;
  loadSettings(): Promise<void>;
  updateSettings(patch: CallInput<'settings.update'>): Promise<void>;
  dismissNotice(): void;
}

export const useAppStore = create<AppState>()((set) => ({
  info: null,
  settings: null,
  noticeDismissed: false,
  async loadInfo() {
    try {
      set({ info: await call('app.info') });
    } catch (e) {
      reportError(e);
    }
  },
  async loadSettings() {
    try {
      set({ settings: await call('settings.get') });
    } catch (e) {
      reportError(e);
    }
  },
  async updateSettings(patch) {
    try {
      set({ settings: await call('settings.update', patch) });
    } catch (e) {
      reportError(e);
    }
  },
  dismissNotice() {
    set({ noticeDismissed: true });
    // The core keeps the notice across restarts until it is dismissed here.
    call('app.dismissStoreNotice', {}).catch(reportError);
  },
}));

export function resolveLanguage(settings: Settings | null, info: AppInfo | null): Language {
  if (settings?.language) return settings.language;
  return languageFromLocale(info?.osLocale) ?? languageFromLocale(navigator.language) ?? 'en';
}

export function useLanguage(): Language {
  const settings = useAppStore((s) => s.settings);
  const info = useAppStore((s) => s.info);
  return resolveLanguage(settings, info);
}

export function useThemeSetting(): Theme {
  return useAppStore((s) => s.settings?.theme ?? 'system');
}
