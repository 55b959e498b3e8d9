import { join } from 'node:path';
import { app, BrowserWindow, dialog, safeStorage } from 'electron';
import { isAppError } from './contract';
import { composeApp, type ComposedApp } from './ipc/compose';
import { bridgeIpc } from './shell/ipc-bridge';
import { lockDown, openExternalSafely } from './shell/window-security';

// The Electron shell: windows and OS integration around the same core `opsdeck serve` uses.
const devServerUrl = process.env.ELECTRON_RENDERER_URL;
let composed: ComposedApp | null = null;

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
  const unbridge = bridgeIpc(appCore, win, devServerUrl);
  win.on('closed', unbridge);
  win.once('ready-to-show', () => win.show());
  if (devServerUrl) await win.loadURL(devServerUrl);
  else await win.loadFile(join(__dirname, '../renderer/index.html'));
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
    win.focus();
  }
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('will-quit', () => {
  composed?.close();
  composed = null;
});
if (!app.requestSingleInstanceLock()) app.quit();
else void start();
