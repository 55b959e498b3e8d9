import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CALL_NAMES } from '../src-main/contract/call-names';

/**
 * The only thing the renderer gets: one function per call of the contract, and a way to hear
 * events. No ipcRenderer, no process, no Node. Main validates every input against the contract.
 */
const calls = Object.freeze(
  Object.fromEntries(CALL_NAMES.map((name) => [name, (input: unknown) => ipcRenderer.invoke('opsdeck:call', name, input)])),
);

contextBridge.exposeInMainWorld('opsdeck', {
  host: 'electron' as const,
  calls,
  onEvent(cb: (name: string, payload: unknown) => void): () => void {
    const listener = (_e: IpcRendererEvent, name: string, payload: unknown) => cb(name, payload);
    ipcRenderer.on('opsdeck:event', listener);
    return () => {
      ipcRenderer.removeListener('opsdeck:event', listener);
    };
  },
});
