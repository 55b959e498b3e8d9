import { shell, type BrowserWindow, type WebContents } from 'electron';

/** Only http(s) links leave the app, and only to the user's browser. */
export function openExternalSafely(url: string): void {
  try {
    const u = new URL(url);
    if (u.protocol === 'https:' || u.protocol === 'http:') void shell.openExternal(u.toString());
  } catch {
    /* not a URL: ignore */
  }
}

/** Is this frame ours? The app's own file (packaged) or the dev server (development). */
export function isTrustedUrl(url: string, devServerUrl: string | undefined): boolean {
  try {
    const u = new URL(url);
    if (devServerUrl) return u.origin === new URL(devServerUrl).origin;
    return u.protocol === 'file:' && u.pathname.endsWith('/renderer/index.html');
  } catch {
    return false;
  }
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
