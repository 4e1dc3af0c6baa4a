import { pageCount } from './pagination';

/**
 * Geometry of the wall board. Sizes are in "reference px": CSS px on a 1080-px-tall screen (a 55"
 * 1080p panel, where 1 px ≈ 0.63 mm). The board multiplies them by `unit` = shortest screen side /
 * 1080 (× the board's `scale`), so the physical size of text is the same on a 55" 4K panel (unit 2)
 * and legible from the same distance. The CSS uses the same numbers through `--wall-u`.
 */
export const WALL_METRICS = {
  referenceSide: 1080,
  /** Never smaller than this unit (a small browser window still gets ≥ 13 px text on the densest grid). */
  minUnit: 0.6,
  padding: 12,
  /** Gap between the header, ticker, tiles and footer, and between tiles. */
  gap: 10,
  headerHeight: 76,
  /** Screens narrower than this (reference px, e.g. portrait panels) get a two-row header this tall. */
  narrowWidth: 1700,
  narrowHeaderHeight: 140,
  tickerHeight: 48,
  footerHeight: 8,
  /**
   * Tile type scale floor for dense grids: title and id 28 × 0.786 = 22 px, details 24 × 0.786 =
   * 18.9 px at 1080p (44 / 37.7 px at 4K). Sizes below this are not readable from 5 m.
   */
  minTileScale: 22 / 28,
  /**
   * Tile kinds, sizes at type scale 1 (tile font 28 px); either may shrink to `minTileScale`.
   * full: id, title (2 lines), SLA countdown, status and impact time, stakeholder update,
   *   coordinator, and at least one line of the latest entry (WallTile.css).
   * compact (dense grids): id, title (2 lines), SLA countdown, status and stakeholder update.
   * At the floor, 6 × 5 compact tiles fit a 16:9 screen: up to 30 incidents without paging.
   */
  tiles: {
    full: { width: 440, height: 320 },
    compact: { width: 380, height: 210 },
  },
  /** Height of a full tile's content without its latest-entry text, and of one line of that text (WallTile.css). */
  tileFixedHeight: 289,
  tileEntryLine: 30,
  /** Hero panel minimum sizes: roles and entries stacked, or side by side. */
  heroOneColumn: { width: 560, height: 760 },
  heroTwoColumns: { width: 960, height: 600 },
  /** Share of the tile area a major incident's hero panel takes beside the grid. */
  heroShare: 0.42,
  maxTileScale: 2.4,
  maxHeroScale: 2.6,
  maxEntryLines: 6,
  /** Up to this many incidents are shown as hero panels side by side, when the panels fit. */
  maxHeroes: 3,
} as const;

export interface Size {
  width: number;
  height: number;
}

export interface LayoutInput {
  /** Screen (viewport) size in CSS px. */
  screenWidth: number;
  screenHeight: number;
  /** Incidents on the board. */
  count: number;
  /** How many of them are pinned to every page (P1s, overdue); only matters when paging. */
  pinned?: number;
  /** The first incident is major and gets a hero panel if the rest still fit on one page. */
  hero?: boolean;
  /** The board's `scale` parameter. */
  scale?: number;
}

export type TileKind = keyof (typeof WALL_METRICS)['tiles'];

export interface HeroLayout {
  width: number;
  height: number;
  fontScale: number;
  /** 2 = roles and entries side by side. */
  columns: 1 | 2;
}

export interface BoardLayout {
  /**
   * empty: the calm screen · single: one hero fills the area · heroes: a few incidents, each a
   * hero panel side by side (columns of them) · grid: tiles, beside a hero panel when `hero` is set.
   */
  mode: 'empty' | 'single' | 'heroes' | 'grid';
  /** CSS px per reference px. */
  unit: number;
  /** Header strip height, reference px (two rows on narrow screens). */
  headerHeight: number;
  /** Area below the header and ticker, CSS px. */
  area: Size;
  columns: number;
  rows: number;
  /** Which tile the grid uses: full, or compact for dense grids (see WALL_METRICS.tiles). */
  tile: TileKind;
  tileWidth: number;
  tileHeight: number;
  /** Type scale of tiles: 1 = the normal sizes (title 28 px at 1080p); never below WALL_METRICS.minTileScale. */
  fontScale: number;
  /** Lines of the latest entry a tile has room for. */
  entryLines: number;
  /** Grid slots per page (columns × rows). */
  tilesPerPage: number;
  pageCount: number;
  /** The hero panel: the whole area (single), each panel (heroes), or the panel beside the grid. */
  hero: HeroLayout | null;
}

/** CSS px per reference px for a screen; see WALL_METRICS. */
export function boardUnit(screenWidth: number, screenHeight: number, scale = 1): number {
  return Math.max(WALL_METRICS.minUnit, Math.min(screenWidth, screenHeight) / WALL_METRICS.referenceSide) * scale;
}

/** Header height in reference px: one row, or two on a narrow (portrait) screen. */
export function headerHeight(screenWidth: number, unit: number): number {
  return screenWidth / unit < WALL_METRICS.narrowWidth ? WALL_METRICS.narrowHeaderHeight : WALL_METRICS.headerHeight;
}

/** The tile area for a screen, CSS px. */
export function tileArea(screenWidth: number, screenHeight: number, unit: number): Size {
  const m = WALL_METRICS;
  const chrome = 2 * m.padding + headerHeight(screenWidth, unit) + m.tickerHeight + m.footerHeight + 3 * m.gap;
  return {
    width: Math.max(0, screenWidth - 2 * m.padding * unit),
    height: Math.max(0, screenHeight - chrome * unit),
  };
}

interface Grid {
  columns: number;
  rows: number;
  tileWidth: number;
  tileHeight: number;
  scale: number;
}

const fits = (total: number, min: number, gap: number) => Math.max(1, Math.floor((total + gap) / (min + gap)));
const side = (total: number, n: number, gap: number) => (total - (n - 1) * gap) / n;

/** Largest grid cells for `count` tiles in `area` without paging, or undefined when they do not fit. */
function bestGrid(area: Size, count: number, min: Size, gap: number): Grid | undefined {
  const maxCols = fits(area.width, min.width, gap);
  const maxRows = fits(area.height, min.height, gap);
  let best: Grid | undefined;
  for (let columns = 1; columns <= Math.min(maxCols, count); columns++) {
    const rows = Math.ceil(count / columns);
    if (rows > maxRows) continue;
    const tileWidth = side(area.width, columns, gap);
    const tileHeight = side(area.height, rows, gap);
    if (tileWidth < min.width - 1e-9 || tileHeight < min.height - 1e-9) continue;
    const scale = Math.min(tileWidth / min.width, tileHeight / min.height);
    const empty = columns * rows - count;
    const better = !best || scale > best.scale + 1e-9 || (Math.abs(scale - best.scale) <= 1e-9 && empty < best.columns * best.rows - count);
    if (better) best = { columns, rows, tileWidth, tileHeight, scale };
  }
  return best;
}

/** Tile size of a kind at type scale `scale`, CSS px. */
function tileAt(kind: TileKind, unit: number, scale: number): Size {
  const t = WALL_METRICS.tiles[kind];
  return { width: t.width * unit * scale, height: t.height * unit * scale };
}

/** The grid of `kind` tiles holding `count` with the largest type, when it is at least the floor. */
function fitKind(area: Size, count: number, kind: TileKind, unit: number, gap: number): Grid | undefined {
  const g = bestGrid(area, count, tileAt(kind, unit, WALL_METRICS.minTileScale), gap);
  return g && { ...g, scale: g.scale * WALL_METRICS.minTileScale };
}

function heroFor(size: Size, unit: number): HeroLayout {
  const m = WALL_METRICS;
  const one = Math.min(size.width / (m.heroOneColumn.width * unit), size.height / (m.heroOneColumn.height * unit));
  const two = Math.min(size.width / (m.heroTwoColumns.width * unit), size.height / (m.heroTwoColumns.height * unit));
  const columns = two >= one ? 2 : 1;
  return { width: size.width, height: size.height, columns, fontScale: clampScale(Math.max(one, two), 1, m.maxHeroScale) };
}

function clampScale(scale: number, min: number, max: number): number {
  return Math.round(Math.min(max, Math.max(min, scale)) * 1000) / 1000;
}

function entryLines(kind: TileKind, tileHeight: number, unit: number, fontScale: number): number {
  const m = WALL_METRICS;
  if (kind !== 'full') return 0;
  const free = tileHeight / (unit * fontScale) - m.tileFixedHeight;
  return Math.max(0, Math.min(m.maxEntryLines, Math.floor(free / m.tileEntryLine)));
}

/**
 * Fits `count` tiles on a screen: 0 → a calm empty screen; 1 → a hero filling the screen; 2–3 →
 * hero panels side by side when they fit; more → the grid with the largest type: full tiles while
 * they fit with type at or above the floor, else compact tiles (up to 30 on a 16:9 screen), type
 * scaled down to no less than the floor; beyond one screen of compact tiles at the floor → pages
 * of that grid. A major incident gets a hero panel beside the grid when the others still fit.
 */
export function layoutBoard(input: LayoutInput): BoardLayout {
  const m = WALL_METRICS;
  const unit = boardUnit(input.screenWidth, input.screenHeight, input.scale ?? 1);
  const area = tileArea(input.screenWidth, input.screenHeight, unit);
  const gap = m.gap * unit;
  const count = Math.max(0, Math.floor(input.count));
  const base = { unit, area, hero: null, headerHeight: headerHeight(input.screenWidth, unit) };

  if (count === 0) {
    return { ...base, mode: 'empty', columns: 0, rows: 0, tile: 'full', tileWidth: 0, tileHeight: 0, fontScale: 1, entryLines: 0, tilesPerPage: 0, pageCount: 1 };
  }
  if (count === 1) {
    const hero = heroFor(area, unit);
    return { ...base, mode: 'single', columns: 1, rows: 1, tile: 'full', tileWidth: area.width, tileHeight: area.height, fontScale: hero.fontScale, entryLines: m.maxEntryLines, tilesPerPage: 1, pageCount: 1, hero };
  }

  // A few incidents: each gets a hero panel (roles, timeline) while the panels stay readable.
  const heroWidth = (area.width - (count - 1) * gap) / count;
  if (count <= m.maxHeroes && heroWidth >= m.heroOneColumn.width * unit && area.height >= m.heroOneColumn.height * unit) {
    const hero = heroFor({ width: heroWidth, height: area.height }, unit);
    return { ...base, mode: 'heroes', columns: count, rows: 1, tile: 'full', tileWidth: heroWidth, tileHeight: area.height, fontScale: hero.fontScale, entryLines: m.maxEntryLines, tilesPerPage: count, pageCount: 1, hero };
  }

  const grid = (g: Grid, kind: TileKind, pages: number, hero: HeroLayout | null): BoardLayout => {
    // Beside a hero, tiles never out-shout it.
    const fontScale = clampScale(Math.min(g.scale, hero?.fontScale ?? Infinity), m.minTileScale, m.maxTileScale);
    return {
      ...base,
      mode: 'grid',
      columns: g.columns,
      rows: g.rows,
      tile: kind,
      tileWidth: g.tileWidth,
      tileHeight: g.tileHeight,
      fontScale,
      entryLines: entryLines(kind, g.tileHeight, unit, fontScale),
      tilesPerPage: g.columns * g.rows,
      pageCount: pages,
      hero,
    };
  };
  const kinds: TileKind[] = ['full', 'compact'];

  if (input.hero) {
    const heroWidth = Math.round((area.width - gap) * m.heroShare);
    const hero = heroFor({ width: heroWidth, height: area.height }, unit);
    const rest = { width: area.width - heroWidth - gap, height: area.height };
    if (heroWidth >= m.heroOneColumn.width * unit && area.height >= m.heroOneColumn.height * unit) {
      for (const kind of kinds) {
        const g = fitKind(rest, count - 1, kind, unit, gap);
        if (g) return grid(g, kind, 1, hero);
      }
    }
  }

  for (const kind of kinds) {
    const g = fitKind(area, count, kind, unit, gap);
    if (g) return grid(g, kind, 1, null);
  }

  // Pages of as many compact tiles as fit at the floor.
  const min = tileAt('compact', unit, m.minTileScale);
  const columns = fits(area.width, min.width, gap);
  const rows = fits(area.height, min.height, gap);
  const tileWidth = side(area.width, columns, gap);
  const tileHeight = side(area.height, rows, gap);
  const full = tileAt('compact', unit, 1);
  const page: Grid = { columns, rows, tileWidth, tileHeight, scale: Math.min(tileWidth / full.width, tileHeight / full.height) };
  return grid(page, 'compact', pageCount(count, input.pinned ?? 0, columns * rows), null);
}
