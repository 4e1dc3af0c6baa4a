import type { Display, Rectangle, Screen } from 'electron';

/** What the wall-board placement needs to know about a screen (an Electron Display satisfies it). */
export type DisplayLike = Pick<Display, 'id' | 'bounds' | 'workArea'> & Partial<Pick<Display, 'label' | 'internal' | 'scaleFactor'>>;

export interface DisplaySummary {
  id: number;
  /** For menus: "DELL U2720Q — 2560×1440 (primary)". */
  label: string;
  primary: boolean;
  bounds: Rectangle;
}

/** The displays in a stable order, primary first then left-to-right, top-to-bottom, with labels. */
export function describeDisplays(displays: readonly DisplayLike[], primaryId: number | undefined): DisplaySummary[] {
  const sorted = [...displays].sort(
    (a, b) => Number(b.id === primaryId) - Number(a.id === primaryId) || a.bounds.x - b.bounds.x || a.bounds.y - b.bounds.y,
  );
  return sorted.map((d, i) => {
    const primary = d.id === primaryId;
    const name = d.label?.trim() || `Display ${i + 1}`;
    return {
      id: d.id,
      label: `${name} — ${d.bounds.width}×${d.bounds.height}${primary ? ' (primary)' : ''}`,
      primary,
      bounds: { ...d.bounds },
    };
  });
}

/** Reads the displays from Electron's screen module. */
export function listDisplays(screen: Pick<Screen, 'getAllDisplays' | 'getPrimaryDisplay'>): DisplaySummary[] {
  return describeDisplays(screen.getAllDisplays(), screen.getPrimaryDisplay().id);
}

/**
 * The display a wall board opens on: the requested one when it is still connected, else the
 * primary, else the first. Undefined only when there are no displays at all.
 */
export function chooseDisplay<D extends DisplayLike>(displays: readonly D[], opts: { displayId?: number; primaryId?: number }): D | undefined {
  const byId = (id: number | undefined) => (id === undefined ? undefined : displays.find((d) => d.id === id));
  return byId(opts.displayId) ?? byId(opts.primaryId) ?? displays[0];
}

export interface PlacementOptions {
  /** Cover the whole display (a wall TV) instead of a window inside its work area. */
  fullscreen: boolean;
  /** Share of the work area a windowed board takes (0–1]. */
  fraction?: number;
  minWidth?: number;
  minHeight?: number;
}

/**
 * Window bounds inside the chosen display: its full bounds when fullscreen, otherwise a centred
 * window of `fraction` of the work area, never smaller than the minimum nor larger than the area.
 */
export function windowBoundsOn(display: DisplayLike, opts: PlacementOptions): Rectangle {
  if (opts.fullscreen) return { ...display.bounds };
  const area = display.workArea;
  const fraction = Math.min(1, Math.max(0.1, opts.fraction ?? 0.8));
  const width = Math.min(area.width, Math.max(opts.minWidth ?? 800, Math.round(area.width * fraction)));
  const height = Math.min(area.height, Math.max(opts.minHeight ?? 600, Math.round(area.height * fraction)));
  return {
    x: area.x + Math.floor((area.width - width) / 2),
    y: area.y + Math.floor((area.height - height) / 2),
    width,
    height,
  };
}
