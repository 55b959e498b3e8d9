import { create } from 'zustand';
import type { KeyProviderId, VaultStatus } from '../../src-main/contract';
import { call } from '../api/client';
import { reportError } from './toast-store';

interface VaultState {
  status: VaultStatus | null;
  loadError: unknown;
  refresh(): Promise<void>;
  set(status: VaultStatus): void;
  setup(provider: KeyProviderId, passphrase: string | undefined, allowWeakBackend: boolean): Promise<void>;
  unlock(passphrase: string): Promise<void>;
  lock(): Promise<void>;
}

/** Setup and unlock rethrow so the screen can show the error next to the passphrase. */
export const useVaultStore = create<VaultState>()((set) => ({
  status: null,
  loadError: null,
  async refresh() {
    try {
      set({ status: await call('vault.status'), loadError: null });
    } catch (e) {
      set({ loadError: e });
    }
  },
  set(status) {
    set({ status });
  },
  async setup(provider, passphrase, allowWeakBackend) {
    const status = await call('vault.setup', { provider, passphrase, allowWeakBackend });
    set({ status });
  },
  async unlock(passphrase) {
    const status = await call('vault.unlock', { passphrase });
    set({ status });
  },
  async lock() {
    try {
      set({ status: await call('vault.lock') });
    } catch (e) {
      reportError(e);
    }
  },
}));
