import { describe, expect, it } from 'vitest';
import { chooseDisplay, describeDisplays, listDisplays, windowBoundsOn, type DisplayLike } from '../../electron/main/displays';

// A laptop (primary) with a 4K wall TV to its right and a portrait monitor above-left.
const laptop: DisplayLike = { id: 1, label: 'Built-in Retina Display', bounds: { x: 0, y: 0, width: 1512, height: 982 }, workArea: { x: 0, y: 38, width: 1512, height: 944 } };
const tv: DisplayLike = { id: 7, label: 'LG TV', bounds: { x: 1512, y: 0, width: 3840, height: 2160 }, workArea: { x: 1512, y: 0, width: 3840, height: 2160 } };
const portrait: DisplayLike = { id: 3, label: '', bounds: { x: -1080, y: -900, width: 1080, height: 1920 }, workArea: { x: -1080, y: -900, width: 1080, height: 1880 } };
const all = [tv, portrait, laptop];

describe('display listing', () => {
  it('lists primary first, then left to right, with readable labels', () => {
    expect(describeDisplays(all, 1)).toEqual([
      { id: 1, label: 'Built-in Retina Display — 1512×982 (primary)', primary: true, bounds: laptop.bounds },
      { id: 3, label: 'Display 2 — 1080×1920', primary: false, bounds: portrait.bounds },
      { id: 7, label: 'LG TV — 3840×2160', primary: false, bounds: tv.bounds },
    ]);
  });

  it("reads Electron's screen module", () => {
    const screen = { getAllDisplays: () => all as never, getPrimaryDisplay: () => laptop as never };
    expect(listDisplays(screen).map((d) => d.id)).toEqual([1, 3, 7]);
  });
});

describe('choosing the wall board display', () => {
  it('uses the requested display when connected', () => {
    expect(chooseDisplay(all, { displayId: 7, primaryId: 1 })).toBe(tv);
  });

  it('falls back to the primary when the requested one is gone, then to the first', () => {
    expect(chooseDisplay(all, { displayId: 99, primaryId: 1 })).toBe(laptop);
    expect(chooseDisplay(all, { primaryId: 1 })).toBe(laptop);
    expect(chooseDisplay(all, { displayId: 99 })).toBe(tv);
    expect(chooseDisplay([], { displayId: 7, primaryId: 1 })).toBeUndefined();
  });
});

describe('window bounds inside a display', () => {
  it('covers the whole display when fullscreen', () => {
    expect(windowBoundsOn(tv, { fullscreen: true })).toEqual({ x: 1512, y: 0, width: 3840, height: 2160 });
  });

  it('centres a windowed board in the work area, offset by the display position', () => {
    const b = windowBoundsOn(tv, { fullscreen: false });
    expect(b).toEqual({ x: 1512 + 384, y: 216, width: 3072, height: 1728 });
  });

  it('works on displays left of and above the primary (negative coordinates)', () => {
    const b = windowBoundsOn(portrait, { fullscreen: false });
    expect(b).toEqual({ x: -1080 + 108, y: -900 + 188, width: 864, height: 1504 });
  });

  it('never goes below the minimum size nor outside a small work area', () => {
    const b = windowBoundsOn(laptop, { fullscreen: false, fraction: 0.3 });
    expect(b.width).toBe(800);
    expect(b.height).toBe(600);
    const tiny: DisplayLike = { id: 9, bounds: { x: 0, y: 0, width: 640, height: 480 }, workArea: { x: 0, y: 20, width: 640, height: 460 } };
    expect(windowBoundsOn(tiny, { fullscreen: false })).toEqual({ x: 0, y: 20, width: 640, height: 460 });
  });

  it('keeps every windowed placement inside the work area', () => {
    for (const d of all) {
      for (const fraction of [0.1, 0.5, 0.8, 1, 3]) {
        const b = windowBoundsOn(d, { fullscreen: false, fraction });
        const a = d.workArea;
        expect(b.x).toBeGreaterThanOrEqual(a.x);
        expect(b.y).toBeGreaterThanOrEqual(a.y);
        expect(b.x + b.width).toBeLessThanOrEqual(a.x + a.width);
        expect(b.y + b.height).toBeLessThanOrEqual(a.y + a.height);
      }
    }
  });
});
