import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { isOsJunk, PRESENCE_DIR, SENTINEL_FILE, SNAPSHOTS_DIR, STORE_FORMAT_VERSION, WRITERS_DIR, type Sentinel } from './format';
import { isNotFound, ShareIO, writeFileAtomic } from './share-io';

/** What the marker says about the shared folder. */
export type MarkerCheck =
  | { kind: 'offline'; error: unknown }
  | { kind: 'unmounted'; detail: string; badMarker: boolean }
  | { kind: 'store'; storeId: string; formatVersion: number };

/** Is the share there, and is it the store we expect? Reads the store marker (and makes one in an empty folder). */
export class StoreMarker {
  readonly path: string;
  private seen: { signature: string; text: string } | undefined;

  constructor(
    private readonly io: ShareIO,
    private readonly root: string,
    private readonly writerId: string,
    private readonly initialiseEmpty: boolean,
  ) {
    this.path = join(root, SENTINEL_FILE);
  }

  /** `knownStoreId`: the store this PC saw in the folder before (an empty folder then means "not mounted"). */
  async check(knownStoreId: string | null): Promise<MarkerCheck> {
    const { io, root } = this;
    let text: string | undefined;
    try {
      // Read the marker again only when it changed (a stat per poll is enough to see it is there).
      const st = await io.stat(this.path);
      const signature = `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
      if (signature === this.seen?.signature) text = this.seen.text;
      else {
        text = await io.readText(this.path);
        this.seen = { signature, text };
      }
    } catch (err) {
      this.seen = undefined;
      if (!isNotFound(err)) return { kind: 'offline', error: err };
    }
    if (text === undefined) {
      // Marker missing: distinguish an unreachable share from an empty or foreign folder.
      let names: string[];
      try {
        names = await io.readdir(root);
      } catch (err) {
        return { kind: 'offline', error: err };
      }
      const meaningful = names.filter((n) => !isOsJunk(n));
      if (meaningful.length === 0 && !knownStoreId && this.initialiseEmpty) {
        try {
          await initialiseSharedFolder(root, this.writerId, io);
          text = await io.readText(this.path);
        } catch (err) {
          return { kind: 'offline', error: err };
        }
      } else {
        const detail = knownStoreId
          ? `${SENTINEL_FILE} is missing from ${root}: the share is probably not mounted (or was replaced); nothing is read or written until it is back`
          : meaningful.length > 0
            ? `${root} is not empty and has no ${SENTINEL_FILE}: not a Watchfloor shared folder; nothing is read or written`
            : `${root} is empty; initialise it as a shared folder first`;
        return { kind: 'unmounted', detail, badMarker: false };
      }
    }
    let sentinel: Partial<Sentinel>;
    try {
      sentinel = JSON.parse(text) as Partial<Sentinel>;
    } catch {
      sentinel = {};
    }
    if (sentinel.kind !== 'watchfloor.store' || typeof sentinel.storeId !== 'string' || typeof sentinel.formatVersion !== 'number') {
      return { kind: 'unmounted', detail: `${SENTINEL_FILE} in ${root} is not a Watchfloor store marker`, badMarker: true };
    }
    return { kind: 'store', storeId: sentinel.storeId, formatVersion: sentinel.formatVersion };
  }
}

/**
 * Makes an empty folder a shared store: writes the marker (never replacing one another PC wrote
 * first) and the writers/presence/snapshots folders. Refuses a folder that holds anything else.
 */
export async function initialiseSharedFolder(dir: string, writerId: string, io = new ShareIO(5000)): Promise<string> {
  const names = (await io.readdir(dir)).filter((n) => !isOsJunk(n));
  if (names.includes(SENTINEL_FILE)) {
    const existing = JSON.parse(await io.readText(join(dir, SENTINEL_FILE))) as Partial<Sentinel>;
    if (typeof existing.storeId === 'string') return existing.storeId;
  }
  if (names.length > 0) throw new Error(`${dir} is not empty; a shared folder can only be created in an empty folder`);
  const sentinel: Sentinel = {
    kind: 'watchfloor.store',
    storeId: randomUUID(),
    formatVersion: STORE_FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    createdBy: writerId,
  };
  await io.run(`initialising ${dir}`, () => writeFileAtomic(dir, SENTINEL_FILE, JSON.stringify(sentinel, null, 2) + '\n', 'create'));
  for (const sub of [WRITERS_DIR, PRESENCE_DIR, SNAPSHOTS_DIR]) await io.mkdirOne(join(dir, sub));
  // Two PCs initialising at once: whichever marker landed first wins; both adopt it.
  const landed = JSON.parse(await io.readText(join(dir, SENTINEL_FILE))) as Sentinel;
  return landed.storeId;
}
