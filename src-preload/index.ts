import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

/**
 * The only thing the renderer gets: the typed client's transport. No ipcRenderer, no process,
 * no Node. Main validates every call against the contract; this only refuses obvious junk.
 */
const CALL_NAME = /^[a-z]+\.[A-Za-z]+$/;

const api = {
  host: 'electron' as const,
  call(name: string, input: unknown): Promise<unknown> {
    if (typeof name !== 'string' || !CALL_NAME.test(name)) {
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CALL', message: 'This action does not exist.' } });
    }
    return ipcRenderer.invoke('opsdeck:call', name, input);
  },
  onEvent(cb: (name: string, payload: unknown) => void): () => void {
    const listener = (_e: IpcRendererEvent, name: string, payload: unknown) => cb(name, payload);
    ipcRenderer.on('opsdeck:event', listener);
    return () => {
      ipcRenderer.removeListener('opsdeck:event', listener);
    };
  },
};

contextBridge.exposeInMainWorld('opsdeck', api);
