import { join } from 'node:path';
import type { Clock } from '../../../shared/time/clock';
import type { EventIndex } from './event-index';
import { sha256Hex, SNAPSHOTS_DIR, STORE_FORMAT_VERSION, type SnapshotHeader } from './format';
import type { LocalReplica } from './local-replica';
import type { OwnEvents } from './own-events';
import type { SegmentTally } from './segment-tally';
import type { ShareConnection } from './share-connection';
import type { ShareIO } from './share-io';
import { buildCheckpoint } from './checkpoint-builder';
import { checkpointName, encodeCheckpoint } from './checkpoint-format';
import { buildSnapshot } from './snapshot-builder';
import { listSnapshots, pruneOwnSnapshots, writeSnapshotFile } from './snapshot-files';
import type { StoreWarnings } from './store-warnings';

export interface CompactionSources {
  io: ShareIO;
  root: string;
  me: string;
  clock: Clock;
  share: ShareConnection;
  tally: SegmentTally;
  replica: LocalReplica;
  own: OwnEvents;
  index: EventIndex;
  warnings: StoreWarnings;
}

/** Writes snapshots to the share: when asked, and when too many segments are not covered by one. */
export class Compactor {
  private lastCompaction = -Infinity;
  /** The checkpoint being folded for the snapshot just written, if any. */
  private checkpointing: Promise<void> | undefined;
  private closing = false;

  /** `compactAfterSegments`: 0 = never automatically. */
  constructor(
    private readonly s: CompactionSources,
    private readonly compactAfterSegments: number,
  ) {}

  /**
   * Compacts when this many segments are not covered by the newest snapshot (checked against the
   * share first: another PC may have compacted already), at most every 10 minutes.
   */
  async maybeCompact(): Promise<void> {
    const { share, tally } = this.s;
    if (!share.writable || this.compactAfterSegments <= 0) return;
    if (tally.uncompacted < this.compactAfterSegments) return;
    if (performance.now() - this.lastCompaction < 10 * 60_000) return;
    this.lastCompaction = performance.now();
    const newest = (await listSnapshots(this.s.io, this.s.root, share.storeId, this.s.warnings))[0];
    if (newest && newest.header.count > tally.snapshotCount) {
      tally.adoptSnapshotHeads(newest.header.heads);
      if (tally.uncompacted < this.compactAfterSegments) return;
    }
    await this.writeSnapshot();
  }

  /**
   * Writes a snapshot of every writer's unbroken chain (all events up to the heads), named by the
   * heads' hash so two PCs compacting the same view write the same file (the second one skips).
   * Returns the file name, or undefined when not connected or there is nothing to compact.
   */
  async writeSnapshot(): Promise<string | undefined> {
    const { io, root, me, share, own, index, warnings } = this.s;
    const storeId = share.storeId;
    if (!share.writable || !storeId) return undefined;
    // Texts by writer: other writers' from the replica, own from the journal.
    const { heads, count, body } = buildSnapshot(await this.s.replica.records(), me, own, (w) => index.prefixEnd(w));
    if (count === 0) return undefined;
    const header: SnapshotHeader = {
      kind: 'watchfloor.snapshot',
      format: STORE_FORMAT_VERSION,
      storeId,
      heads,
      count,
      bodySha256: sha256Hex(body),
      createdAt: new Date(this.s.clock.now()).toISOString(),
      createdBy: me,
    };
    const name = await writeSnapshotFile(io, root, header, body);
    this.s.tally.adoptSnapshotHeads(heads);
    await pruneOwnSnapshots(await listSnapshots(io, root, storeId, warnings), io, me, name);
    // Folding takes a while for a large store: it runs beside the sync passes, not inside one.
    this.checkpointing ??= this.writeCheckpoint(name, header, body).finally(() => (this.checkpointing = undefined));
    return name;
  }

  /** Resolves once the checkpoint of the last snapshot written is on the share (or given up). */
  async checkpointWritten(): Promise<void> {
    await this.checkpointing;
  }

  /** Stops a checkpoint being folded (the store is closing); the snapshot stays usable without one. */
  async close(): Promise<void> {
    this.closing = true;
    await this.checkpointing;
  }

  /** Folds the snapshot's incidents and writes its checkpoint beside it (see checkpoint-format.ts). */
  private async writeCheckpoint(name: string, header: SnapshotHeader, body: Buffer): Promise<void> {
    const { io, root, me, warnings } = this.s;
    try {
      const content = await buildCheckpoint(body, Buffer.byteLength(JSON.stringify(header) + '\n'), { cancelled: () => this.closing });
      if (!content) return;
      const bytes = encodeCheckpoint(
        { snapshot: name, snapshotBodySha256: header.bodySha256, newestHlc: content.newestHlc, createdAt: new Date(this.s.clock.now()).toISOString(), createdBy: me },
        content.body,
      );
      await io.writeAtomic(join(root, SNAPSHOTS_DIR), checkpointName(name), bytes, 'create');
    } catch (err) {
      warnings.warn('store:checkpoint', join(root, SNAPSHOTS_DIR, checkpointName(name)), `could not write the snapshot's checkpoint (new PCs read the whole snapshot instead): ${String(err)}`);
    }
  }
}
