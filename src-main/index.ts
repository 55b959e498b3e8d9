import { join } from 'node:path';
import { app, BrowserWindow, dialog, safeStorage, type WebContents } from 'electron';
import { isAppError } from './contract';
import { composeApp, type ComposedApp } from './ipc/compose';
import { bridgeIpc } from './shell/ipc-bridge';
import { lockDown, openExternalSafely } from './shell/window-security';
import { startDesktopAlerts } from './shell/notify-desktop';

// The Electron shell: windows and OS integration around the same core `opsdeck serve` uses.
const devServerUrl = process.env.ELECTRON_RENDERER_URL;
let composed: ComposedApp | null = null;
/** Tray icon and native notifications; with a tray, closing the window keeps Opsdeck running. */
let desktopAlerts: ReturnType<typeof startDesktopAlerts> | null = null;
let quitting = false;

async function createWindow(appCore: ComposedApp): Promise<void> {
  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    title: 'Opsdeck',
    show: false,
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  lockDown(win, devServerUrl);
  win.on('close', (e) => {
    if (!quitting && desktopAlerts?.hasTray) {
      e.preventDefault();
      win.hide();
    }
  });
  const unbridge = bridgeIpc(appCore, win, devServerUrl);
  win.on('closed', unbridge);
  win.once('ready-to-show', () => win.show());
  if (devServerUrl) await win.loadURL(devServerUrl);
  else await win.loadFile(join(__dirname, '../renderer/index.html'));
}

/** Shows the window (created again if it was closed) and returns its web contents. */
async function showWindow(): Promise<WebContents | null> {
  if (!composed) return null;
  if (BrowserWindow.getAllWindows().length === 0) await createWindow(composed);
  const win = BrowserWindow.getAllWindows()[0];
  if (!win) return null;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
  return win.webContents;
}

async function start(): Promise<void> {
  await app.whenReady();
  const dataDir = process.env.OPSDECK_DATA_DIR ?? app.getPath('userData');
  try {
    composed = await composeApp({
      dataDir,
      host: 'electron',
      version: app.getVersion(),
      safeStorage,
      nativeBinding: process.env.OPSDECK_SQLITE_BINDING,
      osLocale: app.getLocale(),
    });
  } catch (err) {
    const msg = isAppError(err) ? `${err.message}\n\n${err.hint ?? ''}` : String(err);
    dialog.showErrorBox('Opsdeck cannot start', msg);
    app.exit(1);
    return;
  }
  desktopAlerts = startDesktopAlerts(composed, {
    osLocale: app.getLocale(),
    showWindow,
    quit: () => {
      quitting = true;
      app.quit();
    },
  });
  await createWindow(composed);
  app.on('activate', () => {
    if (composed && BrowserWindow.getAllWindows().length === 0) void createWindow(composed);
  });
}

// Defence in depth: whatever web contents appear (a devtools view, a future window) get the same rules.
app.on('web-contents-created', (_e, contents) => {
  contents.on('will-attach-webview', (ev) => ev.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url);
    return { action: 'deny' };
  });
});

app.on('second-instance', () => {
  const win = BrowserWindow.getAllWindows()[0];
  if (win) {
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  }
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin' && !desktopAlerts?.hasTray) app.quit();
});
app.on('before-quit', () => {
  quitting = true;
});
app.on('will-quit', () => {
  desktopAlerts?.stop();
  desktopAlerts = null;
  composed?.close();
  composed = null;
});
if (!app.requestSingleInstanceLock()) app.quit();
else void start();
