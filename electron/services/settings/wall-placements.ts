import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * Which wall board goes on which display, on this machine: a small JSON document
 * (`wall-boards.json`) in the data directory, never on a shared folder (displays are per PC).
 * Electron's main process restores the boards from it at start and keeps it current.
 */

/** How a board covers its display. */
export const WallModeSchema = z.enum(['window', 'fullscreen', 'kiosk']);
export type WallMode = z.infer<typeof WallModeSchema>;

/**
 * The display a board belongs on, as remembered: its id (stable while connected), plus label and
 * size to recognise it if the system gives it a new id after a reconnect.
 */
export const RememberedDisplaySchema = z.object({
  id: z.number().int(),
  label: z.string().max(200).default(''),
  width: z.number().int().nonnegative(),
  height: z.number().int().nonnegative(),
});
export type RememberedDisplay = z.infer<typeof RememberedDisplaySchema>;

export const WallPlacementSchema = z.object({
  /** Names the board (also its `board` URL parameter: its acknowledgements are its own). */
  id: z.string().min(1).max(80),
  /** The board's URL parameters: its filter (team, location, category, priority, exercise) and layout (theme, scale, rotate, motion). */
  params: z.record(z.string().max(40), z.string().max(500)).default({}),
  display: RememberedDisplaySchema.nullable().default(null),
  mode: WallModeSchema.default('fullscreen'),
});
export type WallPlacement = z.infer<typeof WallPlacementSchema>;

interface WallDoc {
  version: 1;
  boards: WallPlacement[];
}

export const WALL_PLACEMENTS_FILE = 'wall-boards.json';
const MAX_BOARDS = 32;

/** The boards of a stored document; unreadable entries are dropped (a wall PC must still start). */
export function parsePlacements(raw: unknown): WallPlacement[] {
  const boards = (raw as { boards?: unknown } | null | undefined)?.boards;
  if (!Array.isArray(boards)) return [];
  const out: WallPlacement[] = [];
  for (const b of boards) {
    const parsed = WallPlacementSchema.safeParse(b);
    if (parsed.success && !out.some((x) => x.id === parsed.data.id)) out.push(parsed.data);
  }
  return out.slice(0, MAX_BOARDS);
}

export class WallPlacementStore {
  private constructor(private readonly db: Low<WallDoc>) {}

  /** Opens (or starts) `wall-boards.json` in the data directory. */
  static async open(dataDir: string): Promise<WallPlacementStore> {
    await mkdir(dataDir, { recursive: true });
    // Not JSONFilePreset: it skips writes when NODE_ENV=test, and tests need real files.
    const db = new Low<WallDoc>(new JSONFile(join(dataDir, WALL_PLACEMENTS_FILE)), { version: 1, boards: [] });
    try {
      await db.read();
    } catch {
      db.data = { version: 1, boards: [] }; // not JSON: start over rather than refuse to start
    }
    db.data = { version: 1, boards: parsePlacements(db.data) };
    return new WallPlacementStore(db);
  }

  list(): WallPlacement[] {
    return this.db.data.boards.map((b) => ({ ...b, params: { ...b.params }, display: b.display && { ...b.display } }));
  }

  get(id: string): WallPlacement | undefined {
    return this.list().find((b) => b.id === id);
  }

  /** Adds or replaces the board with this id. */
  async save(placement: WallPlacement): Promise<void> {
    const valid = WallPlacementSchema.parse(placement);
    const boards = this.db.data.boards.filter((b) => b.id !== valid.id);
    if (boards.length >= MAX_BOARDS) throw new RangeError(`At most ${MAX_BOARDS} wall boards per machine`);
    this.db.data = { version: 1, boards: [...boards, valid] };
    await this.db.write();
  }

  async remove(id: string): Promise<void> {
    if (!this.db.data.boards.some((b) => b.id === id)) return;
    this.db.data = { version: 1, boards: this.db.data.boards.filter((b) => b.id !== id) };
    await this.db.write();
  }

  /** A board id not used yet: board-1, board-2, … */
  nextId(): string {
    const used = new Set(this.db.data.boards.map((b) => b.id));
    let n = 1;
    while (used.has(`board-${n}`)) n++;
    return `board-${n}`;
  }
}
