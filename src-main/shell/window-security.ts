import { shell, type BrowserWindow, type WebContents } from 'electron';
import { isExternalWebUrl, isTrustedUrl } from './trusted-url';

/** Only http(s) links leave the app, and only to the user's browser. */
export function openExternalSafely(url: string): void {
  if (isExternalWebUrl(url)) void shell.openExternal(new URL(url).toString());
}

/** No navigation away, no new windows, no permissions (camera, notifications are asked by the shell). */
export function lockDown(win: BrowserWindow, devServerUrl: string | undefined): void {
  const wc: WebContents = win.webContents;
  wc.on('will-navigate', (e, url) => {
    if (!isTrustedUrl(url, devServerUrl)) {
      e.preventDefault();
      openExternalSafely(url);
    }
  });
  wc.on('will-redirect', (e, url) => {
    if (!isTrustedUrl(url, devServerUrl)) e.preventDefault();
  });
  wc.on('will-attach-webview', (e) => e.preventDefault());
  wc.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url);
    return { action: 'deny' };
  });
  wc.session.setPermissionRequestHandler((_wc, _permission, cb) => cb(false));
}
