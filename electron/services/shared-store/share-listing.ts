import { join } from 'node:path';
import type { EventIndex } from './event-index';
import { isConflictName, isOsJunk, isTempName, isValidWriterId, parseSegmentName, WRITERS_DIR } from './format';
import type { SegmentTally } from './segment-tally';
import { errorCode, isNotFound, type ShareIO } from './share-io';
import type { StoreWarnings } from './store-warnings';

export interface UnreadSegment {
  name: string;
  first: number;
  last: number;
}

export interface Listing {
  /** writerId → segment files not read yet. */
  unread: Map<string, UnreadSegment[]>;
  /** The own writer folder exists. */
  ownDirReady: boolean;
}

/** Lists the writer folders on the share and tells which segment files are new. */
export class ShareLister {
  private readonly writersDir: string;
  /** Writer folder modification times, to skip listing folders where nothing was added. */
  private readonly folderTimes = new Map<string, { mtimeMs: number; since: number }>();
  private listings = 0;
  private writerFolders: string[] | undefined;
  /** Per writer folder: names already handled this session. */
  private readonly processed = new Map<string, Set<string>>();

  constructor(
    private readonly io: ShareIO,
    root: string,
    private readonly me: string,
    private readonly pollMs: number,
    private readonly index: EventIndex,
    private readonly tally: SegmentTally,
    private readonly warnings: StoreWarnings,
  ) {
    this.writersDir = join(root, WRITERS_DIR);
  }

  processedOf(writerId: string): Set<string> {
    let s = this.processed.get(writerId);
    if (!s) this.processed.set(writerId, (s = new Set()));
    return s;
  }

  /** Every name on the share counts as new again (it holds another store now, or a snapshot read instead of segments was damaged). */
  forgetProcessed(): void {
    this.processed.clear();
    this.folderTimes.clear();
  }

  /**
   * Lists every writer folder; new names only (files never change after they appear).
   * `ownListed`: the own folder was listed since the share last changed state; `ownNames` gets the
   * own folder's names whenever it is listed.
   */
  async list(writable: boolean, ownListed: boolean, ownNames: (names: string[]) => void): Promise<Listing> {
    const writersDir = this.writersDir;
    const fullListing = this.listings++ % Math.max(1, Math.round(30_000 / this.pollMs)) === 0 || !ownListed;
    let writers: string[];
    try {
      if (this.writerFolders && (await this.unchanged('\0writers', writersDir, fullListing))) writers = this.writerFolders;
      else writers = this.writerFolders = await this.io.readdir(writersDir);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      writers = [];
      this.writerFolders = undefined;
      if (writable) await this.io.mkdirOne(writersDir);
    }
    const listing: Listing = { unread: new Map(), ownDirReady: writers.includes(this.me) };
    for (const w of writers) {
      if (isOsJunk(w) || isTempName(w)) continue;
      if (!isValidWriterId(w)) {
        this.warnings.warnOnce(`file:${w}`, join(writersDir, w), 'not a writer folder name; ignored');
        continue;
      }
      let names: string[];
      try {
        if (await this.unchanged(w, join(writersDir, w), fullListing)) continue;
        names = await this.io.readdir(join(writersDir, w));
      } catch (err) {
        if (errorCode(err) === 'ENOTDIR') {
          this.warnings.warnOnce(`file:${w}`, join(writersDir, w), 'a file where a writer folder was expected; ignored');
          continue;
        }
        if (isNotFound(err)) continue; // vanished between listings
        throw err;
      }
      if (w === this.me) ownNames(names);
      const done = this.processedOf(w);
      const unread: UnreadSegment[] = [];
      for (const name of names) {
        if (done.has(name)) continue; // files never change once they appear: a known name is done
        const path = join(writersDir, w, name);
        if (isTempName(name)) {
          // Being written now, or a crashed writer's leftover: never read, never touched (except
          // our own from an earlier run). Not remembered: it is renamed or stays a temp file.
          if (w === this.me && writable && !ownListed) await this.io.unlink(path).catch(() => undefined);
          continue;
        }
        const seg = parseSegmentName(name);
        if (seg) this.tally.noteSegment(w, seg.last);
        if (isConflictName(name)) {
          this.warnings.warnOnce(`file:${w}/${name}`, path, 'a sync-conflict copy (made by a sync tool, not by Watchfloor); skipped — segments are never edited, so it holds nothing new');
          done.add(name);
          continue;
        }
        if (!seg) {
          if (!isOsJunk(name)) this.warnings.warnOnce(`file:${w}/${name}`, path, 'not a Watchfloor segment file name; skipped');
          done.add(name);
          continue;
        }
        if (this.index.covers(w, seg.first, seg.last)) {
          done.add(name);
          continue;
        }
        unread.push({ name, ...seg });
      }
      if (unread.length) listing.unread.set(w, unread.sort((a, b) => a.first - b.first));
    }
    return listing;
  }

  /** Drops from `listing` the segments now held (after a snapshot was read); marks them done. */
  dropCovered(listing: Listing): void {
    for (const [w, list] of listing.unread) {
      const done = this.processedOf(w);
      listing.unread.set(
        w,
        list.filter((s) => {
          const covered = this.index.covers(w, s.first, s.last);
          if (covered) done.add(s.name);
          return !covered;
        }),
      );
    }
  }

  /**
   * True when a writer folder's modification time has not changed for over 3 s since it was last
   * listed: nothing was added, so the (possibly long) listing is skipped. The 3 s cover file
   * systems with coarse timestamps (FAT: 2 s); only equality is compared, so the server's clock
   * does not matter. Every ~30 s everything is listed anyway.
   */
  private async unchanged(w: string, path: string, full: boolean): Promise<boolean> {
    const st = await this.io.stat(path);
    const now = performance.now();
    const seen = this.folderTimes.get(w);
    if (!seen || seen.mtimeMs !== st.mtimeMs) {
      this.folderTimes.set(w, { mtimeMs: st.mtimeMs, since: now });
      return false;
    }
    return !full && now - seen.since > 3000;
  }
}
