import { Menu, nativeImage, Tray, type NativeImage } from 'electron';
import { trayMenuText, type ShellLanguage, type TrayState } from './notify-sink';
import { trayIconPng } from './tray-icons';

/** The tray icon: its image and tooltip follow the health summary; menu Open / Quit. */
export interface TrayHandle {
  apply(state: TrayState): void;
  destroy(): void;
}

function imageOf(state: Pick<TrayState, 'level' | 'count'>): NativeImage {
  const img = nativeImage.createFromBuffer(trayIconPng(state, 16), { scaleFactor: 1 });
  img.addRepresentation({ scaleFactor: 2, buffer: trayIconPng(state, 32) });
  return img;
}

/** Creates the tray icon. A click on it opens the window (Linux and Windows); the menu has Open and Quit. */
export function createTray(opts: { lang(): ShellLanguage; onOpen(): void; onQuit(): void }): TrayHandle {
  const tray = new Tray(imageOf({ level: 'none', count: 0 }));
  let last = '';
  /** The language the menu was last built in: it is rebuilt only when that changes. */
  let menuLang: ShellLanguage | null = null;
  const menu = () => {
    const lang = opts.lang();
    if (lang === menuLang) return;
    menuLang = lang;
    const text = trayMenuText(lang);
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: text.open, click: opts.onOpen },
        { type: 'separator' },
        { label: text.quit, click: opts.onQuit },
      ]),
    );
  };
  menu();
  tray.setToolTip('Opsdeck');
  tray.on('click', opts.onOpen);
  return {
    apply(state) {
      const key = `${state.level}:${state.count}`;
      if (key !== last) {
        last = key;
        tray.setImage(imageOf(state));
        // macOS shows a title next to the icon; elsewhere this is a no-op.
        if (process.platform === 'darwin') tray.setTitle(state.count > 0 ? String(state.count) : '');
      }
      tray.setToolTip(state.tooltip);
      menu();
    },
    destroy() {
      tray.destroy();
    },
  };
}
