import { dirname, join } from 'node:path';
import { ChainScan } from './chain-scan';
import { checkpointName, decodeCheckpoint, type Checkpoint } from './checkpoint-format';
import type { SegmentTally } from './segment-tally';
import { isNotFound, type ShareIO } from './share-io';
import type { Listing } from './share-listing';
import { SnapshotBodyReader, type SnapshotBody } from './snapshot-body';
import type { SnapshotFile } from './snapshot-files';
import { SnapshotSink } from './snapshot-sink';
import type { StoreWarnings } from './store-warnings';

/** A snapshot read: parsed (`body`), or checked as bytes and described by its checkpoint (`checkpoint`). */
export type ReadSnapshot = {
  file: SnapshotFile;
  /** Holds the local copy written while the snapshot was read (to keep or discard). */
  sink: SnapshotSink;
  copyError: string | undefined;
} & ({ body: SnapshotBody; checkpoint?: undefined } | { checkpoint: Checkpoint; checkpointBytes: Buffer; body?: undefined });

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
      const via = await readViaCheckpoint(io, c, choice.localCopyPath, choice.checkpoint.maxHlc, warnings);
      if (via === 'unusable') continue;
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
 * Reads snapshot `c` through its checkpoint: the file is copied locally and its body hashed on
 * another thread while this one checks the chain links as bytes, and no event is parsed.
 * Undefined when there is no usable checkpoint (the caller parses the snapshot instead);
 * 'unusable' when the snapshot itself is (damaged, vanished).
 */
async function readViaCheckpoint(io: ShareIO, c: SnapshotFile, localCopyPath: string, maxHlc: string, warnings: StoreWarnings): Promise<ReadSnapshot | 'unusable' | undefined> {
  const path = join(dirname(c.path), checkpointName(c.name));
  let checkpointBytes: Buffer;
  try {
    checkpointBytes = await io.readBytes(path);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
  const decoded = decodeCheckpoint(checkpointBytes, c.header.bodySha256);
  if (!decoded.ok) {
    warnings.warnOnce(`file:cp/${c.name}`, path, `checkpoint not used (${decoded.reason}); the snapshot is read instead`);
    return undefined;
  }
  if (decoded.checkpoint.header.newestHlc > maxHlc) return undefined;
  const scan = new ChainScan(decoded.checkpoint.body.writers);
  const sink = new SnapshotSink(localCopyPath);
  try {
    await io.readChunks(c.path, (chunk) => sink.push(chunk, scan.push(chunk)));
  } catch (err) {
    await sink.discard();
    if (isNotFound(err)) return 'unusable';
    throw err;
  }
  const checked = await sink.finish().catch((err: unknown) => new Error(String(err)));
  const problem = checked instanceof Error ? undefined : checked.sha256 !== c.header.bodySha256 ? 'damaged' : scan.end();
  if (checked instanceof Error || problem || checked.copyError) {
    await sink.discard();
    if (problem === 'damaged') {
      warnings.warnOnce(`file:snap/${c.name}`, c.path, 'snapshot is damaged (checksum mismatch); skipped — events are read from the segments instead');
      return 'unusable';
    }
    // Timelines are read from the local copy later: without one (or with a chain problem, which the parsing reader names), parse instead.
    if (problem) warnings.warnOnce(`file:cp/${c.name}`, path, `checkpoint not used (${problem}); the snapshot is read instead`);
    return undefined;
  }
  return { file: c, sink, copyError: undefined, checkpoint: decoded.checkpoint, checkpointBytes };
}
