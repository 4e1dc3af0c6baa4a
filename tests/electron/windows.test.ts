import { beforeEach, describe, expect, it } from 'vitest';
import { viewOf } from '../../renderer/src/app/route';
import { createWindowManager, placeOnDisplay, rendererUrl } from '../../electron/main/windows';
import type { DisplayLike } from '../../electron/main/displays';
import { FakeBrowserWindow } from './fake-window';

const ENTRY = 'app://watchfloor/index.html';
const primary: DisplayLike = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 25, width: 1920, height: 1055 } };
const wallTv: DisplayLike = { id: 2, bounds: { x: 1920, y: 0, width: 3840, height: 2160 }, workArea: { x: 1920, y: 0, width: 3840, height: 2160 } };

function manager(entryUrl = ENTRY) {
  return createWindowManager({ BrowserWindow: FakeBrowserWindow, preloadPath: '/app/out/preload/index.cjs', entryUrl, displays: () => ({ all: [primary, wallTv], primaryId: 1 }) });
}

describe('renderer URLs', () => {
  it('routes the console and wall board on the hash, as renderer/src/app/route.ts expects', () => {
    expect(rendererUrl(ENTRY, { kind: 'console' })).toBe(ENTRY);
    const wall = rendererUrl(ENTRY, { kind: 'wall', filter: { priority: ['P1', 'P2'], service: 'Payments & Cards' } });
    expect(wall).toBe('app://watchfloor/index.html#/wall?priority=P1&priority=P2&service=Payments+%26+Cards');
    const view = viewOf(new URL(wall));
    expect(view.name).toBe('wall');
    if (view.name === 'wall') {
      expect(view.params.getAll('priority')).toEqual(['P1', 'P2']);
      expect(view.params.get('service')).toBe('Payments & Cards');
    }
    expect(viewOf(new URL(rendererUrl(ENTRY, { kind: 'wall' }))).name).toBe('wall');
  });

  it('works on the dev server URL too', () => {
    expect(rendererUrl('http://localhost:5173/', { kind: 'wall', filter: new URLSearchParams('status=new') })).toBe('http://localhost:5173/#/wall?status=new');
    expect(rendererUrl('http://localhost:5173/#/old', { kind: 'console' })).toBe('http://localhost:5173/');
  });
});

describe('window manager', () => {
  beforeEach(() => {
    FakeBrowserWindow.created = [];
  });

  it('opens the console hidden with secure webPreferences, and shows it when ready', () => {
    const win = manager().openConsole();
    expect(win.options).toMatchObject({
      show: false,
      webPreferences: { preload: '/app/out/preload/index.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true },
    });
    expect(win.urls).toEqual([ENTRY]);
    expect(win.calls).toEqual([]);
    win.emit('ready-to-show');
    expect(win.calls).toEqual(['show']);
  });

  it('opens a filtered wall board inside the chosen display, then fullscreen there', () => {
    const win = manager().openWall({ filter: { priority: 'P1' }, displayId: 2, fullscreen: true });
    // not fullscreen at creation: some window managers would put it on the screen it was created on
    expect(win.options).toMatchObject({ x: 1920, y: 0, width: 3840, height: 2160, fullscreen: false, autoHideMenuBar: true });
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(win.urls).toEqual(['app://watchfloor/index.html#/wall?priority=P1']);
    win.emit('ready-to-show');
    expect(win.calls).toEqual(['show', 'bounds:1920,0,3840x2160', 'fullscreen:true']);
  });

  it('opens a kiosk wall board; moving a fullscreen board leaves fullscreen first', () => {
    const win = manager().openWall({ displayId: 2, mode: 'kiosk' });
    win.emit('ready-to-show');
    expect(win.calls).toEqual(['show', 'bounds:1920,0,3840x2160', 'kiosk:true']);
    win.calls = [];
    placeOnDisplay(win, primary, 'fullscreen');
    expect(win.calls).toEqual(['kiosk:false', 'bounds:0,25,1920x1055', 'fullscreen:true']); // leaving kiosk leaves fullscreen
    win.calls = [];
    placeOnDisplay(win, wallTv, 'window');
    expect(win.calls).toEqual(['fullscreen:false', 'bounds:2304,216,3072x1728']);
    win.close();
    win.calls = [];
    placeOnDisplay(win, wallTv, 'fullscreen'); // a closed window is left alone
    expect(win.calls).toEqual([]);
  });

  it('opens a windowed wall board on the primary display by default', () => {
    const win = manager().openWall();
    expect(win.options).toMatchObject({ fullscreen: false, x: 192, width: 1536 });
    expect(win.urls).toEqual(['app://watchfloor/index.html#/wall']);
  });

  it('tracks windows until they close and reuses the console', () => {
    const m = manager();
    const c = m.openConsole();
    m.openWall();
    m.openWall();
    expect(m.counts()).toEqual({ consoles: 1, walls: 2 });
    expect(m.showConsole()).toBe(c);
    expect(c.calls).toEqual(['show', 'focus']);
    c.close();
    expect(m.counts()).toEqual({ consoles: 0, walls: 2 });
    expect(m.consoleWindow()).toBeUndefined();
    const again = m.showConsole();
    expect(again).not.toBe(c);
    expect(m.counts().consoles).toBe(1);
  });

  it('reports load failures instead of throwing', async () => {
    const errors: unknown[] = [];
    class Failing extends FakeBrowserWindow {
      override loadURL(): Promise<void> {
        return Promise.reject(new Error('ERR_FILE_NOT_FOUND'));
      }
    }
    const m = createWindowManager({ BrowserWindow: Failing, preloadPath: '/p', entryUrl: ENTRY, displays: () => ({ all: [] }), onLoadError: (e) => errors.push(e) });
    const wall = m.openWall({ displayId: 5, fullscreen: true });
    expect(wall.options).toMatchObject({ x: 0, y: 0, width: 1280, height: 720 });
    await new Promise((r) => setTimeout(r, 0));
    expect(errors).toHaveLength(1);
  });
});
