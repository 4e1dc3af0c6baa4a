import { dirname, join } from 'node:path';
import { checkpointName, decodeCheckpoint, type Checkpoint } from './checkpoint-format';
import type { SegmentTally } from './segment-tally';
import { isNotFound, type ShareIO } from './share-io';
import type { Listing } from './share-listing';
import { SnapshotBodyReader, type SnapshotBody } from './snapshot-body';
import type { SnapshotFile } from './snapshot-files';
import { SnapshotSink } from './snapshot-sink';
import type { StoreWarnings } from './store-warnings';

/** A snapshot read: parsed (`body`), or not read yet and described by its checkpoint (`checkpoint`). */
export type ReadSnapshot =
  | {
      file: SnapshotFile;
      body: SnapshotBody;
      /** Holds the local copy written while the snapshot was read (to keep or discard). */
      sink: SnapshotSink;
      copyError: string | undefined;
      checkpoint?: undefined;
    }
  | { file: SnapshotFile; checkpoint: Checkpoint; checkpointBytes: Buffer; body?: undefined };

export interface SnapshotChoice {
  me: string;
  /** Where this PC keeps its local copy of the snapshot read. */
  localCopyPath: string | undefined;
  /** Least number of unread segments a snapshot must spare. */
  threshold: number;
  tally: SegmentTally;
  unread: Listing['unread'];
  warnings: StoreWarnings;
  /**
   * Use the snapshot's checkpoint if it has a usable one (nothing of the store loaded yet), unless
   * it folded events stamped after `maxHlc` (the clock-skew limit: those are held back instead).
   */
  checkpoint?: { maxHlc: string };
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
    if (choice.checkpoint && choice.localCopyPath) {
      const via = await readViaCheckpoint(io, c, choice.checkpoint.maxHlc, warnings);
      if (via) return via;
    }
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

/**
 * Snapshot `c`'s checkpoint, if it has a usable one: read and checked (checksum, that it belongs to
 * `c`, its shape, its newest event within `maxHlc`), the snapshot itself not read at all — its
 * copy and verification follow in the background (snapshot-copy.ts). Undefined otherwise (the
 * caller parses the snapshot instead).
 */
async function readViaCheckpoint(io: ShareIO, c: SnapshotFile, maxHlc: string, warnings: StoreWarnings): Promise<ReadSnapshot | undefined> {
  const path = join(dirname(c.path), checkpointName(c.name));
  let checkpointBytes: Buffer;
  try {
    const pieces: Buffer[] = [];
    await io.readChunks(path, (piece) => void pieces.push(piece)); // a deadline per piece: tens of MB over a slow link
    checkpointBytes = Buffer.concat(pieces);
  } catch (err) {
    if (!isNotFound(err)) warnings.warnOnce(`file:cp/${c.name}`, path, `checkpoint not used (unreadable: ${String(err)}); the snapshot is read instead`);
    return undefined;
  }
  const decoded = decodeCheckpoint(checkpointBytes, c.header.bodySha256);
  if (!decoded.ok) {
    warnings.warnOnce(`file:cp/${c.name}`, path, `checkpoint not used (${decoded.reason}); the snapshot is read instead`);
    return undefined;
  }
  if (decoded.checkpoint.header.newestHlc > maxHlc) return undefined; // the parsing reader holds those events back
  return { file: c, checkpoint: decoded.checkpoint, checkpointBytes };
}
