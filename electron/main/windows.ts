import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';
import { chooseDisplay, windowBoundsOn, type DisplayLike } from './displays';
import { secureWebPreferences } from './security';

/** The two kinds of window: the coordinator console and the wall board. */
export type WindowView =
  | { kind: 'console'; incidentId?: string }
  | { kind: 'wall'; filter?: URLSearchParams | Record<string, string | readonly string[]> };

/**
 * The renderer URL for a view. Windows route on the hash (renderer/src/app/route.ts):
 * `#/wall?priority=P1&service=Payments` for a filtered wall board, `#/?incident=<id>` to point the
 * console at an incident.
 */
export function rendererUrl(entryUrl: string, view: WindowView): string {
  const base = entryUrl.split('#')[0]!;
  if (view.kind === 'console') return view.incidentId ? `${base}#/?${new URLSearchParams({ incident: view.incidentId })}` : base;
  const params = new URLSearchParams();
  const filter = view.filter;
  if (filter instanceof URLSearchParams) filter.forEach((v, k) => params.append(k, v));
  else if (filter) {
    for (const [k, v] of Object.entries(filter)) for (const item of typeof v === 'string' ? [v] : v) params.append(k, item);
  }
  const query = params.toString();
  return `${base}#/wall${query ? `?${query}` : ''}`;
}

const BACKGROUND = '#0b0f14';

export function consoleWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Watchfloor',
    backgroundColor: BACKGROUND,
    webPreferences: secureWebPreferences(preloadPath),
  };
}

/**
 * A wall board window: created as a normal window inside its display (`bounds`); fullscreen or
 * kiosk is applied once it is shown there (see placeOnDisplay), so it never goes fullscreen on
 * another screen first.
 */
export function wallWindowOptions(preloadPath: string, bounds: Rectangle): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    minWidth: 640,
    minHeight: 360,
    show: false,
    fullscreen: false,
    autoHideMenuBar: true,
    title: 'Watchfloor — Wall board',
    backgroundColor: BACKGROUND,
    webPreferences: secureWebPreferences(preloadPath),
  };
}

/** The part of a BrowserWindow the manager uses (a real BrowserWindow satisfies it). */
export interface WindowLike {
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show' | 'leave-full-screen', listener: () => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
  show(): void;
  focus(): void;
  isMinimized(): boolean;
  restore(): void;
  isDestroyed(): boolean;
  setFullScreen(flag: boolean): void;
  isFullScreen(): boolean;
  setKiosk(flag: boolean): void;
  isKiosk(): boolean;
  setBounds(bounds: Partial<Rectangle>): void;
}

/** How a wall board covers its display: a window in it, fullscreen, or kiosk (fullscreen, locked). */
export type WallMode = 'window' | 'fullscreen' | 'kiosk';

/** Where a wall board window sits on its display before any fullscreen: a window, or the whole work area. */
export function wallBoundsOn(display: DisplayLike, mode: WallMode): Rectangle {
  return windowBoundsOn(display, { fullscreen: false, fraction: mode === 'window' ? 0.8 : 1 });
}

/**
 * Puts a (shown) wall board window on `display` in `mode`: out of kiosk/fullscreen first (a
 * fullscreen window cannot move), inside the display's bounds, then fullscreen or kiosk there.
 */
export function placeOnDisplay(win: WindowLike, display: DisplayLike, mode: WallMode): void {
  const apply = () => {
    if (win.isDestroyed()) return;
    win.setBounds(wallBoundsOn(display, mode));
    if (mode === 'fullscreen') win.setFullScreen(true);
    if (mode === 'kiosk') win.setKiosk(true);
  };
  if (win.isKiosk()) win.setKiosk(false);
  if (win.isFullScreen()) {
    win.once('leave-full-screen', apply);
    win.setFullScreen(false);
  } else apply();
}

export interface WindowManagerDeps<W extends WindowLike> {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => W;
  preloadPath: string;
  /** app://watchfloor/index.html, or the dev server URL in development. */
  entryUrl: string;
  displays: () => { all: readonly DisplayLike[]; primaryId?: number };
  onLoadError?: (err: unknown) => void;
}

export interface WallOptions {
  filter?: URLSearchParams | Record<string, string | readonly string[]>;
  /** Open on this display (see displays.ts); the primary one when absent or disconnected. */
  displayId?: number;
  /** Default 'window'; `fullscreen: true` is short for mode 'fullscreen'. */
  mode?: WallMode;
  fullscreen?: boolean;
}

export function createWindowManager<W extends WindowLike>(deps: WindowManagerDeps<W>) {
  const consoles = new Set<W>();
  const walls = new Set<W>();
  const onLoadError = deps.onLoadError ?? ((err: unknown) => console.error('Watchfloor: a window failed to load', err));

  function track(set: Set<W>, win: W): W {
    set.add(win);
    win.on('closed', () => set.delete(win));
    return win;
  }

  function load(win: W, view: WindowView): void {
    win.loadURL(rendererUrl(deps.entryUrl, view)).catch(onLoadError);
  }

  function bringForward(win: W): void {
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  }

  function liveConsole(): W | undefined {
    for (const w of consoles) if (!w.isDestroyed()) return w;
    return undefined;
  }

  function openConsole(incidentId?: string): W {
    const win = track(consoles, new deps.BrowserWindow(consoleWindowOptions(deps.preloadPath)));
    win.once('ready-to-show', () => win.show());
    load(win, { kind: 'console', incidentId });
    return win;
  }

  /**
   * Opens a wall board on the chosen display: the window is created inside the display's bounds
   * and shown there, and only then made fullscreen or kiosk (window managers otherwise may put a
   * fullscreen window on the screen it was created on).
   */
  function openWall(opts: WallOptions = {}): W {
    const { all, primaryId } = deps.displays();
    const display = chooseDisplay(all, { displayId: opts.displayId, primaryId });
    const mode: WallMode = opts.mode ?? (opts.fullscreen ? 'fullscreen' : 'window');
    const bounds = display ? wallBoundsOn(display, mode) : { x: 0, y: 0, width: 1280, height: 720 };
    const win = track(walls, new deps.BrowserWindow(wallWindowOptions(deps.preloadPath, bounds)));
    win.once('ready-to-show', () => {
      win.show();
      if (display && mode !== 'window') placeOnDisplay(win, display, mode);
    });
    load(win, { kind: 'wall', filter: opts.filter });
    return win;
  }

  /** Brings the console forward (opening one if none), pointed at the incident when given. */
  function showConsole(incidentId?: string): W {
    const existing = liveConsole();
    if (!existing) return openConsole(incidentId);
    // A hash-only change is a same-document navigation: the page is not reloaded.
    if (incidentId) load(existing, { kind: 'console', incidentId });
    bringForward(existing);
    return existing;
  }

  return {
    openConsole,
    openWall,
    showConsole,
    consoleWindow: liveConsole,
    counts: () => ({ consoles: consoles.size, walls: walls.size }),
  };
}

export type WindowManager<W extends WindowLike = WindowLike> = ReturnType<typeof createWindowManager<W>>;
