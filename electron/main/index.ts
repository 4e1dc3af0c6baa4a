/**
 * Electron main process entry: the only module that imports Electron's values. Everything it wires
 * is a small module taking the Electron objects as parameters, unit-tested in plain Node.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, protocol, screen, session, shell } from 'electron';
import { chainHeadsOf } from '../services/reports/chain-heads';
import { slaRuntimeOf } from '../services/scheduler/sla-runtime';
import { chooseSharedFolder, savedSharedDir } from '../services/settings/shared-folder-choice';
import { WallPlacementStore } from '../services/settings/wall-placements';
import { openWorkspace } from '../services/workspace/open-workspace';
import type { WorkspaceService } from '../services/workspace/workspace-service';
import { APP_ENTRY_URL, APP_PRIVILEGED_SCHEMES, APP_SCHEME, createAppProtocolHandler } from './app-protocol';
import { chooseDataDir, parseMainArgs } from './args';
import { listDisplays } from './displays';
import { registerIpc } from './ipc';
import { buildMenuTemplate } from './menu';
import { createDesktopNotifier } from './notifications';
import { createReportPrinter } from './print';
import { registerReportExport } from './report-export';
import { CONTENT_SECURITY_POLICY, guardWebContents, hardenSession, trustedOrigins } from './security';
import { createWallBoards } from './wall-boards';
import { createWindowManager, placeOnDisplay } from './windows';

const here = dirname(fileURLToPath(import.meta.url)); // out/main
const PRELOAD_PATH = join(here, '..', 'preload', 'index.cjs');
const RENDERER_DIR = join(here, '..', 'renderer');

const PRODUCT_NAME = 'Watchfloor';
// Unpackaged, Electron names the app after package.json's lowercase "name"; use the product name so
// userData is the documented folder (…/Watchfloor), the one the browser host uses too.
if (app.getName() !== PRODUCT_NAME) {
  app.setName(PRODUCT_NAME);
  app.setPath('userData', join(app.getPath('appData'), PRODUCT_NAME));
}

const args = parseMainArgs(process.argv.slice(1));
const isDev = !app.isPackaged;
/** Set by `electron-vite dev`; never honoured in a packaged app. */
const devServerUrl = isDev ? process.env.ELECTRON_RENDERER_URL : undefined;
const origins = trustedOrigins(devServerUrl);
const entryUrl = devServerUrl ?? APP_ENTRY_URL;

// Before `ready`: the app:// scheme's privileges, and a sandbox for every renderer.
protocol.registerSchemesAsPrivileged(APP_PRIVILEGED_SCHEMES);
app.enableSandbox();

const { dataDir, overridden } = chooseDataDir(args.dataDir, process.env, () => app.getPath('userData'));
// A chosen data directory is a separate installation: its own Chromium profile and instance lock.
if (overridden) app.setPath('userData', dataDir);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, { origins, openExternal: (url) => shell.openExternal(url) }));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      console.error(err);
      dialog.showErrorBox('Watchfloor could not start', err instanceof Error ? err.message : String(err));
      app.exit(1);
    });
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession, origins);
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ root: RENDERER_DIR, csp: CONTENT_SECURITY_POLICY, readFile }));

  const shared = chooseSharedFolder({ flag: args.sharedDir, env: process.env, saved: await savedSharedDir(dataDir), writerName: args.writerName, demo: args.demo });
  if (shared.demoSkipped) console.log(shared.demoSkipped);
  const service = await openWorkspace({
    dataDir,
    version: app.getVersion(),
    demo: shared.demo,
    sharedDir: shared.sharedDir ?? undefined,
    writerName: shared.writerName,
    // Packaged, the demo data is an extra resource; unpackaged it is found in the repository.
    resourcesDir: app.isPackaged ? process.resourcesPath : undefined,
  });
  for (const w of service.warnings) console.warn(`warning: ${w.file}: ${w.message}`);

  const windows = createWindowManager({
    BrowserWindow,
    preloadPath: PRELOAD_PATH,
    entryUrl,
    displays: () => ({ all: screen.getAllDisplays(), primaryId: screen.getPrimaryDisplay().id }),
  });

  const disposeIpc = registerIpc({
    ipcMain,
    service,
    origins,
    targets: () => BrowserWindow.getAllWindows().map((w) => w.webContents),
  });
  // Reports to PDF from the renderer (ReportLinks' "Export PDF…"): save dialog, hidden print window, open.
  const printer = createReportPrinter({
    BrowserWindow,
    saveDialog: (options) => {
      const parent = BrowserWindow.getFocusedWindow();
      return parent ? dialog.showSaveDialog(parent, options) : dialog.showSaveDialog(options);
    },
    openPath: (path) => shell.openPath(path),
    writeFile,
    entryUrl,
    preloadPath: PRELOAD_PATH,
    documentsDir: app.getPath('documents'),
    chainHeads: () => chainHeadsOf(service),
  });
  const disposeExport = registerReportExport({ ipcMain, origins, exportPdf: printer.exportPdf });

  // Wall boards of this machine: which board on which display, restored at start.
  const boards = createWallBoards({
    openWall: (opts) => {
      const win = windows.openWall(opts);
      const id = typeof opts.filter === 'object' && !(opts.filter instanceof URLSearchParams) ? opts.filter.board : undefined;
      // Remember a board's filter or layout when its URL changes.
      if (typeof id === 'string') win.webContents.on('did-navigate-in-page', (_event, url) => boards.paramsChanged(id, url));
      return win;
    },
    place: placeOnDisplay,
    displays: () => ({ all: screen.getAllDisplays(), primaryId: screen.getPrimaryDisplay().id }),
    store: await WallPlacementStore.open(dataDir),
  });
  app.on('before-quit', () => boards.quitting());
  app.on('will-quit', () => boards.quitting());

  const refreshMenu = () =>
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate({
          platform: process.platform,
          isDev,
          displays: listDisplays(screen),
          onNewWallBoard: () => boards.open({ mode: 'window' }),
          onWallBoardOnDisplay: (displayId) => boards.open({ displayId, mode: 'fullscreen' }),
          onWallBoardKioskOnDisplay: (displayId) => boards.open({ displayId, mode: 'kiosk' }),
          onNewConsole: () => windows.openConsole(),
        }),
      ),
    );
  refreshMenu();
  // A removed display's boards move to the primary; they go back when it returns.
  screen.on('display-added', () => {
    refreshMenu();
    boards.displaysChanged();
  });
  screen.on('display-removed', () => {
    refreshMenu();
    boards.displaysChanged();
  });
  screen.on('display-metrics-changed', (_event, display) => boards.displaysChanged([display.id]));

  await startNotifications(service, (incidentId) => windows.showConsole(incidentId ?? undefined));

  app.on('second-instance', () => windows.showConsole());
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) windows.openConsole();
  });
  closeOnQuit(service, () => {
    disposeIpc();
    disposeExport();
  });

  const restored = boards.restore();
  if (!args.wall) windows.openConsole();
  else if (restored.length === 0) boards.open({ displayId: args.displayId, mode: args.displayId !== undefined ? 'fullscreen' : 'window' });
}

/**
 * Desktop notifications for the notification centre (SLA warnings and breaches, escalations, new
 * P1s, assignments to this machine's operator) while no Watchfloor window has focus, with the
 * operator's preferences; the dock/taskbar badge shows the unacknowledged count.
 */
async function startNotifications(service: WorkspaceService, onActivate: (incidentId: string | null) => void): Promise<void> {
  const { centre, store } = await slaRuntimeOf(service);
  const notifier = createDesktopNotifier({
    Notification,
    onActivate,
    setBadgeCount: (count) => app.setBadgeCount?.(count),
    preferences: () => store.preferences,
    operator: () => service.settings.operatorName,
    unacknowledged: () => centre.unacknowledgedCount(service.settings.operatorName),
    isFocused: () => BrowserWindow.getFocusedWindow() !== null,
  });
  service.subscribe((message) => notifier.handle(message));
  notifier.refreshBadge();
}

/** Flushes and closes the journal once all windows are gone, then lets the app quit. */
function closeOnQuit(service: WorkspaceService, disposeIpc: () => void): void {
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    closed = true;
    disposeIpc();
    service
      .close()
      .catch((err: unknown) => console.error('Watchfloor: closing the workspace failed', err))
      .finally(() => app.quit());
  });
}
