import type { SegmentTally } from './segment-tally';
import { isNotFound, type ShareIO } from './share-io';
import type { Listing } from './share-listing';
import { SnapshotBodyReader, type SnapshotBody } from './snapshot-body';
import type { SnapshotFile } from './snapshot-files';
import { SnapshotSink } from './snapshot-sink';
import type { StoreWarnings } from './store-warnings';

export interface ReadSnapshot {
  file: SnapshotFile;
  body: SnapshotBody;
  /** Holds the local copy written while the snapshot was read (to keep or discard). */
  sink: SnapshotSink;
  copyError: string | undefined;
}

export interface SnapshotChoice {
  me: string;
  /** Where this PC keeps its local copy of the snapshot read. */
  localCopyPath: string | undefined;
  /** Least number of unread segments a snapshot must spare. */
  threshold: number;
  tally: SegmentTally;
  unread: Listing['unread'];
  warnings: StoreWarnings;
}

/**
 * Reads the newest usable snapshot among `snapshots` (newest first) instead of the segments it covers.
 * Usable: its heads are all present in the writer folders (a snapshot of another history is
 * ignored), its body checksum holds, and it spares at least `threshold` unread segments.
 */
export async function readUsableSnapshot(io: ShareIO, snapshots: readonly SnapshotFile[], choice: SnapshotChoice): Promise<ReadSnapshot | undefined> {
  const { tally, unread, threshold, warnings } = choice;
  for (const c of snapshots.slice(0, 3)) {
    const heads = c.header.heads;
    if (!tally.holds(heads)) continue;
    let spared = 0;
    for (const [w, list] of unread) for (const seg of list) if (seg.last <= (heads[w]?.seq ?? 0)) spared++;
    if (spared < threshold) continue;
    const reader = new SnapshotBodyReader(choice.me);
    const sink = new SnapshotSink(choice.localCopyPath);
    let body: SnapshotBody;
    try {
      await io.readChunks(c.path, (chunk) => sink.push(chunk, reader.push(chunk)));
      body = reader.end();
    } catch (err) {
      await sink.discard();
      if (isNotFound(err)) continue;
      throw err;
    }
    const checked = await sink.finish().catch((err: unknown) => new Error(String(err)));
    if (checked instanceof Error) {
      await sink.discard();
      warnings.warnOnce(`file:snap/${c.name}`, c.path, `could not check the snapshot's checksum (${checked.message}); skipped — events are read from the segments instead`);
      continue;
    }
    if (checked.sha256 !== c.header.bodySha256) {
      await sink.discard();
      warnings.warnOnce(`file:snap/${c.name}`, c.path, 'snapshot is damaged (checksum mismatch); skipped — events are read from the segments instead');
      continue;
    }
    if (body.bad) warnings.warn(`file:snap/${c.name}`, c.path, `${body.bad} unreadable lines skipped`);
    return { file: c, body, sink, copyError: checked.copyError };
  }
  return undefined;
}
