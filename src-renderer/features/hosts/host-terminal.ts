import { useDockStore } from '../terminal/terminal-store';
import { useSshStore } from './ssh-store';

/**
 * Opens a terminal tab on a host. A host without a trusted key is tested first, so the trust
 * dialog asks before any shell opens (the dialog opens the terminal once the key is trusted).
 */
export async function openHostTerminal(hostId: string, hostName: string): Promise<void> {
  const ssh = useSshStore.getState();
  if (ssh.byHost[hostId]?.knownKey === undefined) await ssh.loadKnownKey(hostId);
  if (!useSshStore.getState().byHost[hostId]?.knownKey) {
    const ok = await ssh.test(hostId, hostName, 'terminal');
    // Asking to trust: the dialog continues. Any other failure is shown in the new tab too.
    if (!ok && useSshStore.getState().prompt?.hostId === hostId) return;
  }
  useDockStore.getState().openTerminal(hostId, hostName);
}
