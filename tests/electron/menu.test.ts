import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate, MENU_IDS, type MenuOptions } from '../../electron/main/menu';

function options(overrides: Partial<MenuOptions> = {}): MenuOptions {
  return {
    platform: 'linux',
    isDev: false,
    displays: [
      { id: 1, label: 'Laptop — 1920×1080 (primary)', primary: true, bounds: { x: 0, y: 0, width: 1920, height: 1080 } },
      { id: 7, label: 'LG TV — 3840×2160', primary: false, bounds: { x: 1920, y: 0, width: 3840, height: 2160 } },
    ],
    onNewWallBoard: vi.fn(),
    onWallBoardOnDisplay: vi.fn(),
    onWallBoardKioskOnDisplay: vi.fn(),
    onNewConsole: vi.fn(),
    ...overrides,
  };
}

/** Every item in the template, depth first. */
function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? items(i.submenu) : [])]);
}
const roles = (t: MenuItemConstructorOptions[]) => items(t).map((i) => i.role).filter(Boolean);
const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as () => void)();

describe('application menu', () => {
  it('has File > New Wall Board Window and Quit, View and Window menus', () => {
    const t = buildMenuTemplate(options());
    expect(t.map((m) => m.label ?? m.role)).toEqual(['&File', 'editMenu', '&View', 'windowMenu']);
    const file = items(t);
    expect(file.find((i) => i.id === MENU_IDS.newWallBoard)?.label).toBe('New Wall Board Window');
    expect(roles(t)).toContain('quit');
  });

  it('offers reload and developer tools only in development', () => {
    expect(roles(buildMenuTemplate(options()))).not.toEqual(expect.arrayContaining(['reload']));
    expect(roles(buildMenuTemplate(options())).some((r) => r === 'reload' || r === 'forceReload' || r === 'toggleDevTools')).toBe(false);
    expect(roles(buildMenuTemplate(options({ isDev: true })))).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']));
  });

  it('runs the callbacks: new wall board, and a fullscreen board per display', () => {
    const o = options();
    const all = items(buildMenuTemplate(o));
    click(all.find((i) => i.id === MENU_IDS.newWallBoard));
    expect(o.onNewWallBoard).toHaveBeenCalledOnce();
    const onDisplay = all.find((i) => i.id === MENU_IDS.wallBoardOnDisplay)!;
    expect((onDisplay.submenu as MenuItemConstructorOptions[]).map((i) => i.label)).toEqual(['Laptop — 1920×1080 (primary)', 'LG TV — 3840×2160']);
    click(all.find((i) => i.id === `${MENU_IDS.wallBoardOnDisplay}-7`));
    expect(o.onWallBoardOnDisplay).toHaveBeenCalledWith(7);
    const kiosk = all.find((i) => i.id === MENU_IDS.wallBoardKioskOnDisplay)!;
    expect(kiosk.label).toBe('Wall Board on Display (Kiosk)');
    expect((kiosk.submenu as MenuItemConstructorOptions[]).map((i) => i.label)).toEqual(['Laptop — 1920×1080 (primary)', 'LG TV — 3840×2160']);
    click(all.find((i) => i.id === `${MENU_IDS.wallBoardKioskOnDisplay}-1`));
    expect(o.onWallBoardKioskOnDisplay).toHaveBeenCalledWith(1);
    expect(o.onWallBoardOnDisplay).toHaveBeenCalledTimes(1);
  });

  it('follows macOS conventions: app menu first, Close instead of Quit in File', () => {
    const t = buildMenuTemplate(options({ platform: 'darwin' }));
    expect(t[0]?.role).toBe('appMenu');
    const file = t.find((m) => m.label === '&File')!;
    expect(roles([file])).toContain('close');
    expect(roles([file])).not.toContain('quit');
  });
});
