import { PRIORITIES, type Priority } from '../domain/priority';
import { filtersKey, hasFilters, type BoardFilters, type ExerciseFilter } from './filters';

/** Anything with URLSearchParams' `get` (shared code does not depend on DOM types). */
export interface ParamSource {
  get(name: string): string | null;
}

export type BoardTheme = 'dark' | 'high-contrast';

export interface BoardConfig {
  filters: BoardFilters;
  /** Theme forced by the URL; undefined = follow the workspace setting. */
  theme: BoardTheme | undefined;
  /** `motion=reduced`: steady borders instead of pulsing (prefers-reduced-motion does the same). */
  reducedMotion: boolean;
  /** Seconds each page shows when the board pages. */
  rotateSeconds: number;
  /** Multiplies every size (`scale=0.8` on a large screen viewed up close, `1.2` for a far wall). */
  scale: number;
  /** Names this board's local state (acknowledgements): `board` param, else its filters. */
  boardKey: string;
  /**
   * `bench=rerender-all`: benchmark baseline only (tests/bench/wallboard-bench.ts). Disables the
   * board's memoisation: every tick re-evaluates every incident's SLA, re-orders, and re-renders
   * every tile. Never use it on a wall.
   */
  rerenderAll: boolean;
}

export const DEFAULT_ROTATE_SECONDS = 15;
/** Shortest page time: too fast to read a page, but lets tests and demos watch pages turn. */
export const MIN_ROTATE_SECONDS = 2;

function list(params: ParamSource, name: string): string[] {
  const raw = params.get(name);
  if (!raw) return [];
  return [...new Set(raw.split(',').map((s) => s.trim()).filter(Boolean))];
}

function number(params: ParamSource, name: string, fallback: number, min: number, max: number): number {
  const raw = params.get(name);
  const n = raw === null || raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(n)) return fallback;
  return Math.min(max, Math.max(min, n));
}

/**
 * Reads a board's URL parameters: `team`, `location`, `category` (comma-separated lists),
 * `exercise=only|exclude`, `priority=P1,P2`, `theme=dark|high-contrast`, `motion=reduced`,
 * `rotate` (seconds, 2–600, default 15), `scale` (0.5–3) and `board` (a name for its local state).
 * Unknown values are ignored rather than refused: a wall PC must always show something.
 */
export function parseBoardConfig(params: ParamSource): BoardConfig {
  const exerciseRaw = params.get('exercise')?.trim().toLowerCase();
  const exercise: ExerciseFilter = exerciseRaw === 'only' || exerciseRaw === 'exclude' ? exerciseRaw : 'include';
  const priorities = list(params, 'priority')
    .map((p) => p.toUpperCase())
    .filter((p): p is Priority => (PRIORITIES as readonly string[]).includes(p));
  const filters: BoardFilters = {
    teams: list(params, 'team'),
    locations: list(params, 'location'),
    categories: list(params, 'category'),
    exercise,
    priorities: PRIORITIES.filter((p) => priorities.includes(p)),
  };
  const themeRaw = params.get('theme')?.trim().toLowerCase();
  const theme: BoardTheme | undefined = themeRaw === 'dark' || themeRaw === 'high-contrast' ? themeRaw : undefined;
  const board = params.get('board')?.trim();
  return {
    filters,
    theme,
    reducedMotion: params.get('motion')?.trim().toLowerCase() === 'reduced',
    rotateSeconds: number(params, 'rotate', DEFAULT_ROTATE_SECONDS, MIN_ROTATE_SECONDS, 600),
    scale: number(params, 'scale', 1, 0.5, 3),
    boardKey: board || (hasFilters(filters) ? filtersKey(filters) : 'all'),
    rerenderAll: params.get('bench')?.trim() === 'rerender-all',
  };
}
