import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { ComposedApp } from '../ipc/compose';
import type { CallContext } from '../ipc/types';
import { isTrustedUrl } from './trusted-url';

/**
 * IPC between the window and the core: one channel for calls (checked sender), one for events.
 * A call from any frame other than our own top-level page is refused.
 */
export function bridgeIpc(app: ComposedApp, win: BrowserWindow, devServerUrl: string | undefined): () => void {
  const connectionId = `win${win.id}`;
  const forward = (name: string, payload: unknown) => {
    if (!win.isDestroyed()) win.webContents.send('opsdeck:event', name, payload);
  };
  const send: CallContext['send'] = forward;
  const ctx: CallContext = { connectionId, send };

  ipcMain.handle('opsdeck:call', (e: IpcMainInvokeEvent, name: unknown, input: unknown) => {
    const frame = e.senderFrame;
    if (e.sender !== win.webContents || !frame || frame !== win.webContents.mainFrame || !isTrustedUrl(frame.url, devServerUrl)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Refused: this call did not come from the Opsdeck window.' } };
    }
    return app.dispatch(name, input, ctx);
  });
  const off = app.core.bus.onAny(forward);
  return () => {
    ipcMain.removeHandler('opsdeck:call');
    off();
    app.hub.closeConnection(connectionId);
  };
}
