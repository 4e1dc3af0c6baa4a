import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../shared/contract/ipc-channels';
import { StreamMessageSchema } from '../../shared/contract/stream';
import type { IpcReply } from '../../electron/main/ipc';
import { tempDir } from '../support/temp-dir';
import { createFakeElectron, type FakeElectron } from './fake-electron';

/**
 * electron/main/index.ts run for real against a recording stand-in for the 'electron' module:
 * checks the entry wires lifecycle, protocol, session, IPC, menu, windows and notifications
 * together (each piece is tested on its own in the other files).
 */
const fake = vi.hoisted(() => ({ current: undefined as unknown as { electron: Record<string, unknown> } }));
vi.mock('electron', () => {
  const names = ['app', 'BrowserWindow', 'Notification', 'ipcMain', 'protocol', 'session', 'Menu', 'screen', 'shell', 'dialog'];
  const mod: Record<string, unknown> = {};
  for (const name of names) Object.defineProperty(mod, name, { enumerable: true, get: () => fake.current.electron[name] });
  return mod;
});

type Incident = { id: string; title: string; priority: string };

function menuItems(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? menuItems(i.submenu) : [])]);
}

async function until<T>(get: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = get();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('electron/main/index.ts wiring', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let f: FakeElectron;
  const argv = process.argv;
  const rendererUrl = process.env.ELECTRON_RENDERER_URL;

  beforeEach(async () => {
    dir = await tempDir('watchfloor-main-');
    vi.resetModules();
    delete process.env.ELECTRON_RENDERER_URL;
  });
  afterEach(async () => {
    process.argv = argv;
    if (rendererUrl !== undefined) process.env.ELECTRON_RENDERER_URL = rendererUrl;
    await dir.cleanup();
  });

  async function startApp(args: string[], opts: { lock?: boolean } = {}) {
    f = createFakeElectron({ appData: join(dir.path, 'appData'), lock: opts.lock });
    fake.current = f;
    process.argv = ['/usr/bin/electron', '.', ...args];
    await import('../../electron/main/index');
    f.ready();
  }

  it('starts a secured app on the chosen data dir and serves calls, streams, menus and notifications', async () => {
    const dataDir = join(dir.path, 'data');
    await startApp(['--data-dir', dataDir, '--no-demo', '--enable-logging']);
    const { electron, log } = f;
    const BrowserWindow = electron.BrowserWindow;

    // Before ready: privileged scheme, sandbox for all, the data dir as userData.
    expect(log[0]).toBe('setPath userData'); // product name folder
    expect(log).toContain('enableSandbox');
    expect(log.find((l) => l.startsWith('registerSchemesAsPrivileged'))).toContain('"scheme":"app"');
    expect(f.paths.userData).toBe(dataDir);

    const consoleWin = await until(() => BrowserWindow.all[0], 'the console window');
    expect(consoleWin.urls).toEqual(['app://watchfloor/index.html']);
    expect(consoleWin.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(consoleWin.options.webPreferences?.preload).toMatch(/[/\\]preload[/\\]index\.cjs$/);
    expect(log).toEqual(expect.arrayContaining(['onHeadersReceived function', 'setPermissionRequestHandler function', 'setPermissionCheckHandler function']));
    expect(f.protocolHandlers.has('app')).toBe(true);

    // Every WebContents got the navigation guards.
    const nav = { prevented: false, preventDefault() { this.prevented = true; } };
    consoleWin.webContents.emit('will-navigate', nav, 'https://evil.example/');
    expect(nav.prevented).toBe(true);
    expect(consoleWin.webContents.windowOpenHandler?.({ url: 'https://status.example.com/' })).toEqual({ action: 'deny' });
    await until(() => log.includes('openExternal https://status.example.com/') || undefined, 'the link to open in the browser');

    // IPC: trusted calls reach the workspace in the chosen data dir (no demo seed); others are refused.
    const invoke = f.handlers.get(IPC_CHANNELS.invoke)!;
    const trusted = { senderFrame: { url: 'app://watchfloor/index.html' } };
    expect(await invoke(trusted, 'incidents.list', { scope: 'all' })).toEqual({ ok: true, value: { incidents: [] } });
    expect(await invoke({ senderFrame: { url: 'http://evil.example/' } }, 'incidents.create', { title: 'x', impact: 1, urgency: 1 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await invoke(trusted, 'incidents.create', { title: 'x', impact: 9, urgency: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'impact' } });

    // Created while the app has no focus: stored, streamed to the window, and notified.
    electron.BrowserWindow.focused = null;
    const reply = (await invoke(trusted, 'incidents.create', { title: 'Evacuation alarm — Tower A', impact: 1, urgency: 1 })) as IpcReply;
    expect(reply.ok).toBe(true);
    const created = (reply as { value: Incident }).value;
    expect(await readFile(join(dataDir, 'journal', 'events.ndjson'), 'utf8')).toContain(created.id);
    const pushed = consoleWin.webContents.sent.map((s) => StreamMessageSchema.parse(s.message));
    expect(pushed.some((m) => m.kind === 'incidents' && m.incidents.some((i) => i.id === created.id))).toBe(true);
    // The notification centre looks at changes shortly after they happen (a burst is looked at once).
    await vi.waitFor(() => expect(electron.Notification.shown.at(-1)?.options.title).toBe(`P1 incident ${created.id}`), { timeout: 2000 });
    const notification = electron.Notification.shown.at(-1)!;
    notification.emit('click');
    expect(consoleWin.urls.at(-1)).toBe(`app://watchfloor/index.html#/?incident=${created.id}`);
    expect(consoleWin.calls).toContain('focus');

    // File > New Wall Board Window opens the board, named, and remembers it for this machine.
    const items = menuItems(f.menu());
    (items.find((i) => i.id === 'new-wall-board')!.click as () => void)();
    const wall = BrowserWindow.all[1]!;
    expect(wall.urls).toEqual(['app://watchfloor/index.html#/wall?board=board-1']);
    expect(wall.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true });
    let saved = '';
    for (let i = 0; i < 200 && !saved.includes('board-1'); i++) {
      await new Promise((r) => setTimeout(r, 10));
      saved = await readFile(join(dataDir, 'wall-boards.json'), 'utf8').catch(() => '');
    }
    expect(JSON.parse(saved).boards).toEqual([{ id: 'board-1', params: {}, display: expect.objectContaining({ id: 1 }), mode: 'window' }]);

    // The protocol serves only the built renderer folder.
    const serve = f.protocolHandlers.get('app')!;
    expect((await serve(new Request('app://watchfloor/..%2f..%2fpackage.json'))).status).toBe(403);

    // Quit: the journal is closed before the app exits.
    electron.app.quit();
    await until(() => log.includes('exited') || undefined, 'the app to exit');
    expect(f.handlers.has(IPC_CHANNELS.invoke)).toBe(false);
  });

  it('quits at once when another instance holds the lock', async () => {
    await startApp([], { lock: false });
    await new Promise((r) => setTimeout(r, 20));
    expect(f.log).toContain('quit');
    expect(f.electron.BrowserWindow.all).toEqual([]);
    expect(f.protocolHandlers.size).toBe(0);
  });
});
