import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boardUnit, layoutBoard, tileArea, WALL_METRICS } from '../../shared/wallboard/layout';
import { pageCount, paginate, pinCapacity } from '../../shared/wallboard/pagination';

const HD = { screenWidth: 1920, screenHeight: 1080 };
const UHD = { screenWidth: 3840, screenHeight: 2160 };

describe('wall board layout', () => {
  it('scales the unit with the shortest screen side', () => {
    expect(boardUnit(1920, 1080)).toBe(1);
    expect(boardUnit(3840, 2160)).toBe(2);
    expect(boardUnit(1080, 1920)).toBe(1); // portrait panel: same pixel density
    expect(boardUnit(800, 450)).toBe(WALL_METRICS.minUnit);
    expect(boardUnit(1920, 1080, 1.5)).toBe(1.5);
  });

  it('shows a calm empty screen for 0 incidents', () => {
    for (const screen of [HD, UHD]) {
      const l = layoutBoard({ ...screen, count: 0 });
      expect(l).toMatchObject({ mode: 'empty', columns: 0, rows: 0, tilesPerPage: 0, pageCount: 1, hero: null });
    }
  });

  it('fills the screen with one incident (hero)', () => {
    const hd = layoutBoard({ ...HD, count: 1 });
    const area = tileArea(1920, 1080, 1);
    expect(hd).toMatchObject({ mode: 'single', columns: 1, rows: 1, tilesPerPage: 1, pageCount: 1 });
    expect(hd.tileWidth).toBe(area.width);
    expect(hd.tileHeight).toBe(area.height);
    expect(hd.hero).toMatchObject({ columns: 2, width: area.width, height: area.height });
    expect(hd.hero!.fontScale).toBeGreaterThan(1.4);
    const uhd = layoutBoard({ ...UHD, count: 1 });
    expect(uhd.tileWidth).toBeCloseTo(hd.tileWidth * 2);
    expect(uhd.hero!.fontScale).toBe(hd.hero!.fontScale);
  });

  it('fits 7 incidents on one page with full tiles larger than the normal size', () => {
    const hd = layoutBoard({ ...HD, count: 7 });
    // 4 × 2 beats 3 × 3: larger type, taller tiles with room for more of the latest update
    expect(hd).toMatchObject({ mode: 'grid', tile: 'full', columns: 4, rows: 2, tilesPerPage: 8, pageCount: 1, hero: null });
    expect(hd.tileWidth).toBeCloseTo(466.5, 1);
    expect(hd.tileHeight).toBeCloseTo(442, 1);
    expect(hd.fontScale).toBeGreaterThan(1);
    expect(hd.entryLines).toBeGreaterThanOrEqual(4);
    const uhd = layoutBoard({ ...UHD, count: 7 });
    expect(uhd).toMatchObject({ tile: 'full', columns: 4, rows: 2, pageCount: 1, fontScale: hd.fontScale, entryLines: hd.entryLines });
    expect(uhd.tileWidth).toBeCloseTo(hd.tileWidth * 2);
    expect(uhd.tileHeight).toBeCloseTo(hd.tileHeight * 2);
  });

  it('gives a major incident a hero panel beside the grid when the others fit', () => {
    const l = layoutBoard({ ...HD, count: 7, hero: true });
    expect(l.mode).toBe('grid');
    expect(l.hero).toMatchObject({ columns: 1 });
    expect(l.columns * l.rows).toBeGreaterThanOrEqual(6);
    expect(l.pageCount).toBe(1);
    expect(l.fontScale).toBeLessThanOrEqual(l.hero!.fontScale); // tiles never out-shout the hero
    // too many to sit beside a hero: plain grid
    expect(layoutBoard({ ...HD, count: 40, hero: true }).hero).toBeNull();
  });

  it.each([
    [HD, 12, 'full', 4, 3, 0.91],
    [HD, 15, 'full', 5, 3, 0.844],
    [HD, 16, 'compact', 4, 4, 1.029],
    [HD, 24, 'compact', 5, 5, 0.813],
    [HD, 30, 'compact', 6, 5, 0.81],
    [UHD, 30, 'compact', 6, 5, 0.81],
  ] as const)('fits %o with %i incidents on one page: %s tiles, %i×%i, type × %d', (screen, count, tile, columns, rows, fontScale) => {
    const l = layoutBoard({ ...screen, count });
    expect(l).toMatchObject({ mode: 'grid', tile, columns, rows, pageCount: 1, fontScale });
    expect(l.fontScale).toBeGreaterThanOrEqual(WALL_METRICS.minTileScale);
  });

  it('keeps dense type at or above the documented floor: title 22 px, details 18 px at 1080p', () => {
    for (const count of [13, 16, 20, 25, 30, 31, 40, 250]) {
      const hd = layoutBoard({ ...HD, count });
      expect(28 * hd.fontScale).toBeGreaterThanOrEqual(22); // title and id
      expect(24 * hd.fontScale).toBeGreaterThanOrEqual(18); // details (0.857 em)
      const uhd = layoutBoard({ ...UHD, count });
      expect(uhd.fontScale).toBe(hd.fontScale); // same physical sizes at 4K, twice the pixels
    }
    expect(28 * WALL_METRICS.minTileScale).toBeCloseTo(22);
  });

  it.each([
    [HD, 40, 6, 5, 30, 2, 307.67, 170.8],
    [UHD, 40, 6, 5, 30, 2, 615.33, 341.6],
    [HD, 250, 6, 5, 30, 9, 307.67, 170.8],
    [UHD, 250, 6, 5, 30, 9, 615.33, 341.6],
  ])('pages %o with %i incidents: %i×%i compact tiles', (screen, count, columns, rows, perPage, pages, w, h) => {
    const l = layoutBoard({ ...screen, count });
    expect(l).toMatchObject({ mode: 'grid', tile: 'compact', columns, rows, tilesPerPage: perPage, pageCount: pages, entryLines: 0 });
    expect(l.tileWidth).toBeCloseTo(w, 1);
    expect(l.tileHeight).toBeCloseTo(h, 1);
    // minimum readable size, in physical terms (reference px × unit × the floor)
    expect(l.tileWidth).toBeGreaterThanOrEqual(WALL_METRICS.tiles.compact.width * WALL_METRICS.minTileScale * l.unit);
    expect(l.tileHeight).toBeGreaterThanOrEqual(WALL_METRICS.tiles.compact.height * WALL_METRICS.minTileScale * l.unit);
  });

  it('counts pinned tiles in the page count', () => {
    // 15 pinned of 30 per page → 15 rotating slots: (40 − 15) / 15 → 2 pages; 250 with 3 pinned: 247 / 27 → 10
    expect(layoutBoard({ ...HD, count: 40, pinned: 15 }).pageCount).toBe(2);
    expect(layoutBoard({ ...HD, count: 250, pinned: 3 }).pageCount).toBe(pageCount(250, 3, 30));
    expect(pageCount(250, 3, 30)).toBe(10);
  });

  it('never returns tiles smaller than the minimum at the floor, nor more pages than needed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 600, max: 7680 }), fc.integer({ min: 400, max: 4320 }), fc.integer({ min: 2, max: 400 }), (w, h, count) => {
        const l = layoutBoard({ screenWidth: w, screenHeight: h, count });
        const floor = WALL_METRICS.minTileScale;
        const min = WALL_METRICS.tiles[l.tile];
        const compact = WALL_METRICS.tiles.compact;
        const area = tileArea(w, h, l.unit);
        const fitsAtAll = area.width >= compact.width * floor * l.unit && area.height >= compact.height * floor * l.unit;
        if (fitsAtAll && l.mode === 'grid') {
          expect(l.tileWidth).toBeGreaterThanOrEqual(min.width * floor * l.unit - 1e-6);
          expect(l.tileHeight).toBeGreaterThanOrEqual(min.height * floor * l.unit - 1e-6);
        }
        expect(l.columns * l.rows).toBe(l.tilesPerPage);
        expect(l.pageCount).toBe(Math.max(1, Math.ceil(count / l.tilesPerPage)));
        if (l.mode === 'grid') expect(l.fontScale).toBeGreaterThanOrEqual(floor);
        expect(l.fontScale).toBeLessThanOrEqual(WALL_METRICS.maxTileScale);
      }),
    );
  });

  it('grows the type as the count drops, within each tile kind', () => {
    const scales = [4, 5, 7, 12, 15].map((count) => layoutBoard({ ...HD, count }).fontScale);
    for (let i = 1; i < scales.length; i++) expect(scales[i]).toBeLessThanOrEqual(scales[i - 1]!);
    expect(scales[0]).toBeGreaterThan(1.3);
    const dense = [16, 20, 25, 30].map((count) => layoutBoard({ ...HD, count }).fontScale);
    for (let i = 1; i < dense.length; i++) expect(dense[i]).toBeLessThanOrEqual(dense[i - 1]!);
  });

  it('shows two or three incidents as hero panels side by side when they fit', () => {
    for (const count of [2, 3]) {
      const l = layoutBoard({ ...HD, count });
      expect(l).toMatchObject({ mode: 'heroes', columns: count, rows: 1, tilesPerPage: count, pageCount: 1 });
      expect(l.hero!.fontScale).toBeGreaterThanOrEqual(1);
      expect(l.hero!.width).toBeGreaterThanOrEqual(WALL_METRICS.heroOneColumn.width);
    }
    // a narrow window: plain tiles instead
    expect(layoutBoard({ screenWidth: 1280, screenHeight: 1024, count: 3 }).mode).toBe('grid');
  });
});

describe('wall board pagination', () => {
  const items = (n: number, p1: number[]) => Array.from({ length: n }, (_, i) => ({ id: i, p1: p1.includes(i) }));

  it('keeps everything on one page, in order, when it fits', () => {
    const list = items(10, [3]);
    expect(paginate(list, 12, (x) => x.p1)).toEqual([list]);
  });

  it('pins P1s on every page', () => {
    const list = items(40, [0, 1, 2]);
    const pages = paginate(list, 12, (x) => x.p1);
    expect(pages.length).toBe(pageCount(40, 3, 12));
    expect(pages.length).toBe(5); // 37 others in 9 free slots
    for (const page of pages) {
      expect(page.slice(0, 3).map((x) => x.id)).toEqual([0, 1, 2]);
      expect(page.length).toBeLessThanOrEqual(12);
    }
    // every item appears, the unpinned ones exactly once
    const seen = pages.flat().filter((x) => !x.p1).map((x) => x.id);
    expect(seen).toEqual(list.filter((x) => !x.p1).map((x) => x.id));
  });

  it('pins at most half a page; extra pinned items rotate, first', () => {
    expect(pinCapacity(12)).toBe(6);
    expect(pinCapacity(1)).toBe(0);
    const list = items(30, [0, 1, 2, 3, 4, 5, 6, 7]);
    const pages = paginate(list, 12, (x) => x.p1);
    for (const page of pages) expect(page.slice(0, 6).map((x) => x.id)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(pages[0]!.slice(6, 8).map((x) => x.id)).toEqual([6, 7]);
    expect(pages.length).toBe(pageCount(30, 8, 12));
  });

  it('page count agrees with paginate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 50 }), (n, perPage, pinnedN) => {
        const list = items(n, Array.from({ length: Math.min(pinnedN, n) }, (_, i) => i * 2));
        const pinned = list.filter((x) => x.p1).length;
        const pages = paginate(list, perPage, (x) => x.p1);
        expect(pages.length).toBe(pageCount(n, pinned, perPage));
        for (const p of pages) expect(p.length).toBeLessThanOrEqual(perPage);
        expect(new Set(pages.flat().map((x) => x.id)).size).toBe(n);
      }),
    );
  });
});
