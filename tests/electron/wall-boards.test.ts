import { beforeEach, describe, expect, it } from 'vitest';
import type { DisplayLike } from '../../electron/main/displays';
import { createWallBoards, findDisplay, FORGET_AFTER_MS, targetDisplay, wallParamsOf, type PlacementStoreLike, type WallPlacement } from '../../electron/main/wall-boards';
import { createWindowManager, placeOnDisplay } from '../../electron/main/windows';
import { FakeBrowserWindow } from './fake-window';

const ENTRY = 'app://watchfloor/index.html';
const laptop: DisplayLike = { id: 1, label: 'Built-in', bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 25, width: 1920, height: 1055 } };
const tv: DisplayLike = { id: 7, label: 'LG TV', bounds: { x: 1920, y: 0, width: 3840, height: 2160 }, workArea: { x: 1920, y: 0, width: 3840, height: 2160 } };
const side: DisplayLike = { id: 3, label: 'DELL U2720Q', bounds: { x: -2560, y: 0, width: 2560, height: 1440 }, workArea: { x: -2560, y: 0, width: 2560, height: 1440 } };

/** An in-memory placement store with the real one's behaviour (ids, replace by id). */
class MemoryStore implements PlacementStoreLike {
  boards: WallPlacement[] = [];
  list() {
    return this.boards.map((b) => ({ ...b, params: { ...b.params } }));
  }
  async save(p: WallPlacement) {
    this.boards = [...this.boards.filter((b) => b.id !== p.id), p];
  }
  async remove(id: string) {
    this.boards = this.boards.filter((b) => b.id !== id);
  }
  nextId() {
    let n = 1;
    while (this.boards.some((b) => b.id === `board-${n}`)) n++;
    return `board-${n}`;
  }
}

function setup(displays: DisplayLike[] = [laptop, tv, side]) {
  const screen = { all: [...displays], primaryId: 1 };
  const store = new MemoryStore();
  const timers: Array<() => void> = [];
  const windows = createWindowManager({ BrowserWindow: FakeBrowserWindow, preloadPath: '/p', entryUrl: ENTRY, displays: () => screen });
  const boards = createWallBoards<FakeBrowserWindow>({ openWall: (o) => windows.openWall(o), place: placeOnDisplay, displays: () => screen, store, later: (fn) => timers.push(fn) });
  const runTimers = () => timers.splice(0).forEach((fn) => fn());
  return { screen, store, windows, boards, runTimers };
}

/** Shows a board window as Electron would: ready-to-show, then it is on screen. */
function ready(win: FakeBrowserWindow): FakeBrowserWindow {
  win.emit('ready-to-show');
  return win;
}

describe('finding a remembered display', () => {
  it('by id, else by label and resolution when unique, else not at all', () => {
    expect(findDisplay({ id: 7, label: 'LG TV', width: 3840, height: 2160 }, [laptop, tv])).toBe(tv);
    const renumbered = { ...tv, id: 12 };
    expect(findDisplay({ id: 7, label: 'LG TV', width: 3840, height: 2160 }, [laptop, renumbered])).toBe(renumbered);
    expect(findDisplay({ id: 7, label: 'LG TV', width: 3840, height: 2160 }, [laptop, renumbered, { ...tv, id: 13 }])).toBeUndefined(); // two alike: ambiguous
    expect(findDisplay({ id: 7, label: '', width: 3840, height: 2160 }, [laptop, renumbered])).toBeUndefined();
    expect(findDisplay(null, [laptop])).toBeUndefined();
  });

  it('falls back to the primary, then to any display', () => {
    const gone = { display: { id: 99, label: 'Gone', width: 1, height: 1 } };
    expect(targetDisplay(gone, [tv, laptop], 1)).toBe(laptop);
    expect(targetDisplay(gone, [tv], 1)).toBe(tv);
    expect(targetDisplay(gone, [], 1)).toBeUndefined();
  });

  it("reads a board's parameters from its window URL", () => {
    expect(wallParamsOf(`${ENTRY}#/wall?priority=P1%2CP2&board=board-1&scale=1.2`)).toEqual({ priority: 'P1,P2', scale: '1.2' });
    expect(wallParamsOf(`${ENTRY}#/wall`)).toEqual({});
    expect(wallParamsOf(`${ENTRY}#/?incident=INC-1`)).toBeUndefined();
  });
});

describe('wall boards on displays', () => {
  beforeEach(() => {
    FakeBrowserWindow.created = [];
  });

  it('opens a board inside the chosen display, then makes it fullscreen there, and remembers it', () => {
    const { boards, store } = setup();
    const win = boards.open({ displayId: 7, mode: 'fullscreen', params: { priority: 'P1,P2' } });
    // created as a normal window inside the TV's bounds, not fullscreen yet
    expect(win.options).toMatchObject({ x: 1920, y: 0, width: 3840, height: 2160, fullscreen: false, show: false });
    expect(win.urls).toEqual([`${ENTRY}#/wall?priority=P1%2CP2&board=board-1`]);
    expect(win.calls).toEqual([]);
    ready(win);
    expect(win.calls).toEqual(['show', 'bounds:1920,0,3840x2160', 'fullscreen:true']);
    expect(store.boards).toEqual([{ id: 'board-1', params: { priority: 'P1,P2' }, display: { id: 7, label: 'LG TV', width: 3840, height: 2160 }, mode: 'fullscreen' }]);
  });

  it('opens kiosk boards and windowed boards; several boards each with their own filter and layout', () => {
    const { boards, store } = setup();
    const kiosk = ready(boards.open({ displayId: 3, mode: 'kiosk', params: { team: 'Network', theme: 'high-contrast' } }));
    expect(kiosk.calls).toEqual(['show', 'bounds:-2560,0,2560x1440', 'kiosk:true']);
    const windowed = ready(boards.open({ mode: 'window' }));
    expect(windowed.options).toMatchObject({ x: 192, y: 130, width: 1536, height: 844 }); // 80 % of the primary's work area
    expect(windowed.calls).toEqual(['show']);
    expect(store.boards.map((b) => [b.id, b.mode, b.display?.id, b.params])).toEqual([
      ['board-1', 'kiosk', 3, { team: 'Network', theme: 'high-contrast' }],
      ['board-2', 'window', 1, {}],
    ]);
  });

  it('restores the remembered boards at start, each on its own display', () => {
    const first = setup();
    first.boards.open({ displayId: 7, mode: 'fullscreen', params: { priority: 'P1' } });
    first.boards.open({ displayId: 3, mode: 'kiosk' });
    // next start: a new manager over the same document
    FakeBrowserWindow.created = [];
    const next = setup();
    next.store.boards = first.store.list();
    const wins = next.boards.restore().map(ready);
    expect(wins.map((w) => w.urls[0])).toEqual([`${ENTRY}#/wall?priority=P1&board=board-1`, `${ENTRY}#/wall?board=board-2`]);
    expect(wins[0]!.calls).toEqual(['show', 'bounds:1920,0,3840x2160', 'fullscreen:true']);
    expect(wins[1]!.calls).toEqual(['show', 'bounds:-2560,0,2560x1440', 'kiosk:true']);
    expect(next.boards.restore()).toEqual([]); // already open
  });

  it('moves the boards of a removed display to the primary, and back when it returns', () => {
    const { boards, screen, store } = setup();
    const win = ready(boards.open({ displayId: 7, mode: 'fullscreen' }));
    const onLaptop = ready(boards.open({ displayId: 1, mode: 'fullscreen' }));
    win.calls = [];
    onLaptop.calls = [];

    screen.all = [laptop, side]; // the TV is unplugged
    boards.displaysChanged();
    // out of fullscreen, into the primary's bounds, fullscreen again
    expect(win.calls).toEqual(['fullscreen:false', 'bounds:0,25,1920x1055', 'fullscreen:true']);
    expect(onLaptop.calls).toEqual([]); // already where it belongs
    expect(boards.boards().find((b) => b.win === win)?.shownOn).toBe(1);
    expect(store.boards[0]!.display?.id).toBe(7); // still remembered on the TV

    win.calls = [];
    boards.displaysChanged(); // nothing changed: nothing moves
    expect(win.calls).toEqual([]);

    screen.all = [laptop, side, { ...tv, id: 21 }]; // back, with a new id
    boards.displaysChanged();
    expect(win.calls).toEqual(['fullscreen:false', 'bounds:1920,0,3840x2160', 'fullscreen:true']);
  });

  it('refits a board when its display changes resolution', () => {
    const { boards, screen } = setup();
    const win = ready(boards.open({ displayId: 7, mode: 'kiosk' }));
    win.calls = [];
    const smaller = { ...tv, bounds: { ...tv.bounds, width: 1920, height: 1080 }, workArea: { ...tv.workArea, width: 1920, height: 1080 } };
    screen.all = [laptop, smaller, side];
    boards.displaysChanged([7]);
    expect(win.calls).toEqual(['kiosk:false', 'bounds:1920,0,1920x1080', 'kiosk:true']); // leaving kiosk leaves fullscreen
  });

  it('forgets a board its user closed, but keeps every board when the app quits', () => {
    const { boards, store, runTimers } = setup();
    const a = ready(boards.open({ displayId: 7 }));
    const b = ready(boards.open({ displayId: 3 }));
    a.close();
    expect(store.boards).toHaveLength(2); // not at once: it may be an OS shutdown
    runTimers();
    expect(store.boards.map((x) => x.id)).toEqual(['board-2']);
    boards.quitting();
    b.close();
    runTimers();
    expect(store.boards.map((x) => x.id)).toEqual(['board-2']);
    expect(FORGET_AFTER_MS).toBeGreaterThan(0);
  });

  it('remembers a new filter or layout when the board navigates', () => {
    const { boards, store } = setup();
    boards.open({ displayId: 7, params: { priority: 'P1' } });
    boards.paramsChanged('board-1', `${ENTRY}#/wall?priority=P1%2CP2&scale=1.5&board=board-1`);
    expect(store.boards[0]!.params).toEqual({ priority: 'P1,P2', scale: '1.5' });
    boards.paramsChanged('board-1', `${ENTRY}#/`); // not a board URL: ignored
    boards.paramsChanged('board-9', `${ENTRY}#/wall`); // unknown board: ignored
    expect(store.boards[0]!.params).toEqual({ priority: 'P1,P2', scale: '1.5' });
  });

  it('opens on the primary when the chosen display is unknown, and works without displays', () => {
    const { boards } = setup();
    const win = ready(boards.open({ displayId: 42, mode: 'fullscreen' }));
    expect(win.calls).toEqual(['show', 'bounds:0,25,1920x1055', 'fullscreen:true']);
    const none = setup([]);
    const lost = ready(none.boards.open({ mode: 'fullscreen' }));
    expect(lost.options).toMatchObject({ x: 0, y: 0, width: 1280, height: 720 });
    expect(none.store.boards[0]!.display).toBeNull();
  });
});
