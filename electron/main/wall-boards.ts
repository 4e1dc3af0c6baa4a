import type { DisplayLike } from './displays';
import type { WallMode, WallOptions, WindowLike } from './windows';

/**
 * The wall boards of this machine: which board (its filter and layout) goes on which display and
 * how (window, fullscreen, kiosk). Remembered in a per-machine document (WallPlacementStore),
 * restored at start, and kept on screen as displays come and go: a board whose display is
 * removed moves to the primary display, and moves back when its display returns.
 */

export interface RememberedDisplay {
  id: number;
  label: string;
  width: number;
  height: number;
}

export interface WallPlacement {
  id: string;
  /** URL parameters: the board's filter and layout. */
  params: Record<string, string>;
  display: RememberedDisplay | null;
  mode: WallMode;
}

/** What the manager needs of the placement store (WallPlacementStore in electron/services/settings). */
export interface PlacementStoreLike {
  list(): WallPlacement[];
  save(placement: WallPlacement): Promise<void>;
  remove(id: string): Promise<void>;
  nextId(): string;
}

export interface WallBoardsDeps<W extends WindowLike> {
  openWall(opts: WallOptions): W;
  /** Moves an open board window onto a display (windows.ts placeOnDisplay). */
  place(win: W, display: DisplayLike, mode: WallMode): void;
  displays(): { all: readonly DisplayLike[]; primaryId?: number };
  store: PlacementStoreLike;
  onError?: (err: unknown) => void;
  /**
   * Runs `fn` after `ms` (default: an unref'd setTimeout). A closed board is forgotten only after
   * FORGET_AFTER_MS, unless the app starts quitting meanwhile: an OS shutdown may close windows
   * before Electron reports the quit, and a wall PC must come back with its boards.
   */
  later?: (fn: () => void, ms: number) => void;
}

export const FORGET_AFTER_MS = 5000;

const defaultLater = (fn: () => void, ms: number) => {
  const t = setTimeout(fn, ms);
  (t as { unref?: () => void }).unref?.();
};

export function rememberDisplay(d: DisplayLike): RememberedDisplay {
  return { id: d.id, label: d.label?.trim() ?? '', width: d.bounds.width, height: d.bounds.height };
}

/**
 * The connected display a remembered one is: the same id; else (systems may renumber a display
 * that was unplugged) the only one with the same label and resolution; else none.
 */
export function findDisplay<D extends DisplayLike>(remembered: RememberedDisplay | null, displays: readonly D[]): D | undefined {
  if (!remembered) return undefined;
  const byId = displays.find((d) => d.id === remembered.id);
  if (byId) return byId;
  if (!remembered.label) return undefined;
  const alike = displays.filter((d) => d.label?.trim() === remembered.label && d.bounds.width === remembered.width && d.bounds.height === remembered.height);
  return alike.length === 1 ? alike[0] : undefined;
}

/** Where a board goes now: its own display when connected, else the primary, else any. */
export function targetDisplay<D extends DisplayLike>(placement: Pick<WallPlacement, 'display'>, displays: readonly D[], primaryId: number | undefined): D | undefined {
  return findDisplay(placement.display, displays) ?? displays.find((d) => d.id === primaryId) ?? displays[0];
}

/** A board's parameters from its window's URL (`…#/wall?priority=P1&scale=1.2`), without its own name. */
export function wallParamsOf(url: string): Record<string, string> | undefined {
  const hash = url.split('#')[1] ?? '';
  const [path = '', query = ''] = hash.split('?');
  if (path.replace(/\/+$/, '') !== '/wall') return undefined;
  const params: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(query)) if (k !== 'board') params[k] = v;
  return params;
}

interface OpenBoard<W> {
  win: W;
  placement: WallPlacement;
  /** The display it is on now (its own, or the primary while its own is away). */
  shownOn: number | undefined;
}

export function createWallBoards<W extends WindowLike>(deps: WallBoardsDeps<W>) {
  const open = new Map<string, OpenBoard<W>>();
  const onError = deps.onError ?? ((err: unknown) => console.error('Watchfloor: saving the wall board placement failed', err));
  let quitting = false;

  const later = deps.later ?? defaultLater;
  const persist = (p: WallPlacement) => void deps.store.save(p).catch(onError);

  function launch(placement: WallPlacement): W {
    const { all, primaryId } = deps.displays();
    const display = targetDisplay(placement, all, primaryId);
    // The board's name rides along: acknowledgements are per board.
    const win = deps.openWall({ filter: { ...placement.params, board: placement.id }, displayId: display?.id, mode: placement.mode });
    open.set(placement.id, { win, placement, shownOn: display?.id });
    win.on('closed', () => {
      open.delete(placement.id);
      // Closing a board forgets it; quitting the app keeps every board for the next start.
      later(() => {
        if (!quitting && !open.has(placement.id)) void deps.store.remove(placement.id).catch(onError);
      }, FORGET_AFTER_MS);
    });
    return win;
  }

  return {
    /** Opens a new board and remembers it (on `displayId`, else the primary display). */
    open(opts: { params?: Record<string, string>; displayId?: number; mode?: WallMode } = {}): W {
      const { all, primaryId } = deps.displays();
      const display = all.find((d) => d.id === opts.displayId) ?? all.find((d) => d.id === primaryId) ?? all[0];
      const placement: WallPlacement = { id: deps.store.nextId(), params: { ...opts.params }, display: display ? rememberDisplay(display) : null, mode: opts.mode ?? 'fullscreen' };
      // Reserve the id at once (nextId reads the store), then open without waiting for the disk.
      const win = launch(placement);
      persist(placement);
      return win;
    },

    /** Opens every remembered board (at start). */
    restore(): W[] {
      return deps.store.list().filter((p) => !open.has(p.id)).map(launch);
    },

    /**
     * After a display was added, removed or changed (`changed`: ids whose bounds changed): moves
     * every board that is not where it belongs — back to its own display when it returned, to the
     * primary when its display went away — and refits boards on a changed display.
     */
    displaysChanged(changed: readonly number[] = []): void {
      const { all, primaryId } = deps.displays();
      for (const board of open.values()) {
        if (board.win.isDestroyed()) continue;
        const display = targetDisplay(board.placement, all, primaryId);
        if (!display || (display.id === board.shownOn && !changed.includes(display.id))) continue;
        deps.place(board.win, display, board.placement.mode);
        board.shownOn = display.id;
      }
    },

    /** The board's window navigated (its filter or layout changed): remember the new parameters. */
    paramsChanged(id: string, url: string): void {
      const board = open.get(id);
      const params = wallParamsOf(url);
      if (!board || !params || JSON.stringify(params) === JSON.stringify(board.placement.params)) return;
      board.placement = { ...board.placement, params };
      persist(board.placement);
    },

    /** From now on, windows closing are the app quitting: keep their placements. */
    quitting(): void {
      quitting = true;
    },

    /** The open boards: id, window, and the display each is on. */
    boards(): Array<{ id: string; win: W; placement: WallPlacement; shownOn: number | undefined }> {
      return [...open.entries()].map(([id, b]) => ({ id, win: b.win, placement: b.placement, shownOn: b.shownOn }));
    },
  };
}

export type WallBoards<W extends WindowLike = WindowLike> = ReturnType<typeof createWallBoards<W>>;
