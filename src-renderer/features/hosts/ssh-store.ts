import { create } from 'zustand';
import { AppError, isAppError, type ErrorShape, type HostKeyInfo, type HostKeyProblem, type TestConnectionOutput } from '../../../src-main/contract';
import { call } from '../../api/client';
import { reportError } from '../../stores/toast-store';

export interface HostSshState {
  busy: 'testing' | 'trusting' | 'forgetting' | null;
  /** The last successful test. */
  result: (TestConnectionOutput & { at: number }) | null;
  /** The last failure (shown as a panel until the next attempt). */
  error: ErrorShape | null;
  /** The key Opsdeck trusts for this host; undefined until loaded. */
  knownKey: HostKeyInfo | null | undefined;
}

/** A key the server presented that nobody trusted yet: the dialog asks. */
export interface TrustPrompt {
  hostId: string;
  problem: HostKeyProblem;
  /** What to do once trusted: test again, or open a terminal on the host. */
  then: 'test' | 'terminal';
  hostName: string;
}

interface SshState {
  byHost: Record<string, HostSshState>;
  prompt: TrustPrompt | null;
  loadKnownKey(hostId: string): Promise<void>;
  /** Tests the connection; an unknown key opens the trust dialog. Resolves true when connected. */
  test(hostId: string, hostName: string, then?: TrustPrompt['then']): Promise<boolean>;
  trust(prompt: TrustPrompt): Promise<boolean>;
  cancelPrompt(): void;
  /** Forgets the trusted key; the next connection asks again. */
  forget(hostId: string): Promise<void>;
  /** After a changed key was verified: forget the old key, then test (which asks to trust the new one). */
  forgetAndRetest(hostId: string, hostName: string): Promise<void>;
  ask(prompt: TrustPrompt): void;
}

const EMPTY: HostSshState = { busy: null, result: null, error: null, knownKey: undefined };

function toShape(e: unknown): ErrorShape {
  return (isAppError(e) ? e : new AppError('INTERNAL', e instanceof Error ? e.message : String(e))).toShape();
}

/** Details of HOST_KEY_UNKNOWN / HOST_KEY_CHANGED, as the core sends them. */
export function keyProblem(e: ErrorShape | null | undefined): HostKeyProblem | null {
  const d = e?.details as Partial<HostKeyProblem> | undefined;
  if (!d || typeof d.fingerprint !== 'string' || typeof d.host !== 'string') return null;
  return d as HostKeyProblem;
}

/** Connection state per host: tests, trusted keys, and the one trust dialog. */
export const useSshStore = create<SshState>()((set, get) => {
  const patch = (hostId: string, p: Partial<HostSshState>) =>
    set((s) => ({ byHost: { ...s.byHost, [hostId]: { ...(s.byHost[hostId] ?? EMPTY), ...p } } }));

  return {
    byHost: {},
    prompt: null,
    async loadKnownKey(hostId) {
      try {
        patch(hostId, { knownKey: await call('hosts.knownKey', { id: hostId }) });
      } catch {
        patch(hostId, { knownKey: null });
      }
    },
    async test(hostId, hostName, then = 'test') {
      patch(hostId, { busy: 'testing', error: null });
      try {
        const out = await call('hosts.testConnection', { id: hostId });
        patch(hostId, { busy: null, result: { ...out, at: Date.now() }, error: null });
        void get().loadKnownKey(hostId);
        return true;
      } catch (e) {
        const shape = toShape(e);
        const problem = keyProblem(shape);
        if (shape.code === 'HOST_KEY_UNKNOWN' && problem) {
          patch(hostId, { busy: null, result: null, error: null });
          set({ prompt: { hostId, problem, then, hostName } });
        } else {
          patch(hostId, { busy: null, result: null, error: shape });
        }
        return false;
      }
    },
    async trust(prompt) {
      patch(prompt.hostId, { busy: 'trusting' });
      try {
        const key = await call('hosts.trustKey', { id: prompt.hostId, fingerprint: prompt.problem.fingerprint });
        patch(prompt.hostId, { busy: null, knownKey: key });
        set({ prompt: null });
      } catch (e) {
        patch(prompt.hostId, { busy: null });
        set({ prompt: null });
        // The key changed again between showing and trusting: the core refuses; show why.
        patch(prompt.hostId, { error: toShape(e) });
        return false;
      }
      return get().test(prompt.hostId, prompt.hostName, prompt.then);
    },
    cancelPrompt: () => set({ prompt: null }),
    ask: (prompt) => set({ prompt }),
    async forget(hostId) {
      patch(hostId, { busy: 'forgetting' });
      try {
        await call('hosts.forgetKey', { id: hostId });
        patch(hostId, { busy: null, knownKey: null, result: null });
      } catch (e) {
        patch(hostId, { busy: null });
        reportError(e);
      }
    },
    async forgetAndRetest(hostId, hostName) {
      patch(hostId, { busy: 'forgetting' });
      try {
        await call('hosts.forgetKey', { id: hostId });
        patch(hostId, { busy: null, knownKey: null, error: null, result: null });
      } catch (e) {
        patch(hostId, { busy: null });
        reportError(e);
        return;
      }
      await get().test(hostId, hostName);
    },
  };
});

export const useHostSsh = (hostId: string): HostSshState => useSshStore((s) => s.byHost[hostId] ?? EMPTY);
