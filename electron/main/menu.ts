import type { MenuItemConstructorOptions } from 'electron';
import type { DisplaySummary } from './displays';

export const MENU_IDS = {
  newWallBoard: 'new-wall-board',
  wallBoardOnDisplay: 'wall-board-on-display',
  wallBoardKioskOnDisplay: 'wall-board-kiosk-on-display',
  newConsole: 'new-console',
} as const;

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** Reload and developer tools appear only in development. */
  isDev: boolean;
  displays: readonly DisplaySummary[];
  onNewWallBoard: () => void;
  /** Opens a wall board fullscreen on the given display (remembered for the next start). */
  onWallBoardOnDisplay: (displayId: number) => void;
  /** Opens a wall board in kiosk mode (fullscreen, no way out but the keyboard) on the given display. */
  onWallBoardKioskOnDisplay: (displayId: number) => void;
  onNewConsole: () => void;
}

/** The application menu: File (new windows, quit), View, Window; macOS gets its app menu. */
export function buildMenuTemplate(opts: MenuOptions): MenuItemConstructorOptions[] {
  const mac = opts.platform === 'darwin';
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { id: MENU_IDS.newWallBoard, label: 'New Wall Board Window', accelerator: 'CmdOrCtrl+Shift+B', click: () => opts.onNewWallBoard() },
      {
        id: MENU_IDS.wallBoardOnDisplay,
        label: 'Wall Board on Display',
        enabled: opts.displays.length > 0,
        submenu: opts.displays.map((d) => ({ id: `${MENU_IDS.wallBoardOnDisplay}-${d.id}`, label: d.label, click: () => opts.onWallBoardOnDisplay(d.id) })),
      },
      {
        id: MENU_IDS.wallBoardKioskOnDisplay,
        label: 'Wall Board on Display (Kiosk)',
        enabled: opts.displays.length > 0,
        submenu: opts.displays.map((d) => ({ id: `${MENU_IDS.wallBoardKioskOnDisplay}-${d.id}`, label: d.label, click: () => opts.onWallBoardKioskOnDisplay(d.id) })),
      },
      { id: MENU_IDS.newConsole, label: 'New Console Window', accelerator: 'CmdOrCtrl+Shift+N', click: () => opts.onNewConsole() },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit', label: 'Quit' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...(opts.isDev
        ? ([{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] satisfies MenuItemConstructorOptions[])
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const windowMenu: MenuItemConstructorOptions = { role: 'windowMenu' };
  return [...(mac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []), file, { role: 'editMenu' }, view, windowMenu];
}
