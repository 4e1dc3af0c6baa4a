import { EventEmitter } from 'node:events';
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions, NotificationConstructorOptions } from 'electron';
import { FakeBrowserWindow } from './fake-window';

/**
 * A stand-in for the 'electron' module with just what electron/main/index.ts touches, recording
 * every call, so the entry's wiring runs in plain Node (Electron's binary is not installable here).
 */
export function createFakeElectron(opts: { lock?: boolean; appData: string }) {
  const log: string[] = [];
  const paths: Record<string, string> = { appData: opts.appData, userData: `${opts.appData}/watchfloor` };
  let readyResolve!: () => void;
  const ready = new Promise<void>((r) => (readyResolve = r));

  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    name: 'watchfloor',
    getName: () => app.name,
    setName: (n: string) => {
      app.name = n;
    },
    getPath: (k: string) => paths[k]!,
    setPath: (k: string, v: string) => {
      log.push(`setPath ${k}`);
      paths[k] = v;
    },
    getVersion: () => '0.1.0-test',
    enableSandbox: () => log.push('enableSandbox'),
    requestSingleInstanceLock: () => opts.lock ?? true,
    whenReady: () => ready,
    quit: () => {
      log.push('quit');
      const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
      app.emit('will-quit', event);
      if (!event.defaultPrevented) log.push('exited');
    },
    exit: (code: number) => log.push(`exit ${code}`),
  });

  class WebContents extends EventEmitter {
    sent: { channel: string; message: unknown }[] = [];
    windowOpenHandler?: (details: { url: string }) => { action: string };
    constructor(private readonly win: BrowserWindow) {
      super();
    }
    isDestroyed = () => this.win.destroyed;
    getURL = () => this.win.urls.at(-1) ?? '';
    send(channel: string, message: unknown) {
      this.sent.push({ channel, message });
    }
    setWindowOpenHandler(h: (details: { url: string }) => { action: string }) {
      this.windowOpenHandler = h;
    }
  }

  class BrowserWindow extends FakeBrowserWindow {
    static all: BrowserWindow[] = [];
    static focused: BrowserWindow | null = null;
    static getAllWindows = () => BrowserWindow.all.filter((w) => !w.destroyed);
    static getFocusedWindow = () => BrowserWindow.focused;
    readonly webContents: WebContents;
    constructor(options: BrowserWindowConstructorOptions) {
      super(options);
      this.webContents = new WebContents(this);
      BrowserWindow.all.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
  }

  class Notification extends EventEmitter {
    static shown: Notification[] = [];
    static isSupported = () => true;
    constructor(readonly options: NotificationConstructorOptions) {
      super();
    }
    show() {
      Notification.shown.push(this);
    }
  }

  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const session = {
    webRequest: { onHeadersReceived: (l: unknown) => log.push(`onHeadersReceived ${typeof l}`) },
    setPermissionRequestHandler: (h: unknown) => log.push(`setPermissionRequestHandler ${typeof h}`),
    setPermissionCheckHandler: (h: unknown) => log.push(`setPermissionCheckHandler ${typeof h}`),
  };
  let menu: MenuItemConstructorOptions[] = [];

  const electron = {
    app,
    BrowserWindow,
    Notification,
    ipcMain: {
      handle: (channel: string, h: (event: unknown, ...args: unknown[]) => Promise<unknown>) => handlers.set(channel, h),
      removeHandler: (channel: string) => handlers.delete(channel),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => log.push(`registerSchemesAsPrivileged ${JSON.stringify(schemes)}`),
      handle: (scheme: string, h: (request: Request) => Promise<Response>) => protocolHandlers.set(scheme, h),
    },
    session: { defaultSession: session },
    Menu: {
      buildFromTemplate: (t: MenuItemConstructorOptions[]) => t,
      setApplicationMenu: (t: MenuItemConstructorOptions[]) => {
        menu = t;
      },
    },
    screen: Object.assign(new EventEmitter(), {
      getAllDisplays: () => [{ id: 1, label: 'Laptop', bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
      getPrimaryDisplay: () => ({ id: 1 }),
    }),
    shell: { openExternal: async (url: string) => void log.push(`openExternal ${url}`) },
    dialog: { showErrorBox: (title: string, message: string) => log.push(`error ${title}: ${message}`) },
  };

  return {
    electron,
    log,
    paths,
    handlers,
    protocolHandlers,
    menu: () => menu,
    ready: () => readyResolve(),
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
