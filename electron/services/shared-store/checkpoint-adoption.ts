import { stat } from 'node:fs/promises';
import type { Checkpoint } from './checkpoint-format';
import type { EventIndex } from './event-index';
import type { KeyedEvent, SnapshotHead } from './format';
import type { LocalReplica } from './local-replica';
import type { OwnEvents } from './own-events';
import type { PassQueue } from './pass-queue';
import type { RemoteEventOutlet } from './remote-event-outlet';
import type { SegmentTally } from './segment-tally';
import { isNotFound, readRangesOf, type ShareIO } from './share-io';
import type { ShareLister } from './share-listing';
import { copyAndVerify } from './snapshot-copy';
import type { SnapshotFile } from './snapshot-files';
import { SnapshotHistory } from './snapshot-history';
import type { StoreWarnings } from './store-warnings';

export interface AdoptionSources {
  io: ShareIO;
  index: EventIndex;
  tally: SegmentTally;
  outlet: RemoteEventOutlet;
  lister: ShareLister;
  replica: LocalReplica;
  own: OwnEvents;
  warnings: StoreWarnings;
  queue: PassQueue;
  /** Hands events read from the share on (through the clock-skew gate). */
  deliver: (events: KeyedEvent[]) => void;
  emitStatus: () => void;
  closed: () => boolean;
  /** Whether a checkpoint may still stand in for a snapshot's events: only while `load()` collects, and once. */
  mayAdopt: () => boolean;
}

/** How long after a failed copy of the snapshot (share unreachable) the next one is tried. */
const COPY_RETRY_MS = 60_000;

/**
 * A snapshot taken in through its folded-state checkpoint instead of its events (see the README,
 * "Checkpoints"): adopting it (its writers' events held up to the heads, the service given the
 * incidents' summaries through `history`), copying it to this PC and verifying it in the
 * background, and — if it turns out damaged or unreadable — undoing that: its segments are read
 * after all and this PC's own events delivered again, so nothing it stood in for is lost.
 */
export class CheckpointAdoption {
  history: SnapshotHistory | undefined;
  private adopted: { file: string; checkpoint: Checkpoint } | undefined;
  /** The adopted snapshot while it is not copied to this PC yet (read from the share meanwhile). */
  private uncopied: { file: SnapshotFile; checkpoint: Checkpoint; bytes: Buffer } | undefined;
  private copying: Promise<void> | undefined;
  private copyFailedAt = -Infinity;
  /** The history reads the share's file (no verified local copy of it yet). */
  private readingShare = false;
  /** A newer snapshot was parsed and kept locally since. */
  private wasSuperseded = false;

  constructor(private readonly s: AdoptionSources) {}

  /**
   * True while the adopted snapshot's events are on this PC neither as its copy nor as a newer
   * snapshot: a compaction (built from the local copy) would leave them out.
   */
  get blocksCompaction(): boolean {
    return this.adopted !== undefined && this.readingShare && !this.wasSuperseded;
  }

  /** False while incidents not folded yet are read from the share's file (not available offline). */
  get historyLocal(): boolean {
    return !this.readingShare;
  }

  /**
   * Adopts snapshot `file` on the share through its checkpoint, if the file is as long as the
   * checkpoint says and the events it must deliver at once can be read; false otherwise (the
   * caller parses the snapshot instead). Then starts copying it in the background.
   */
  async adoptFromShare(file: SnapshotFile, checkpoint: Checkpoint, bytes: Buffer): Promise<boolean> {
    const { io, warnings } = this.s;
    try {
      if ((await io.stat(file.path)).size < endOf(checkpoint)) throw new Error('the snapshot is shorter than its checkpoint says');
      const unfolded = await SnapshotHistory.unfolded(checkpoint, (ranges) => io.readRanges(file.path, ranges), (m) => {
        throw new Error(m);
      });
      if (!this.s.mayAdopt()) return false; // load() stopped waiting meanwhile: too late to stand in for events (the caller parses)
      this.adopt(checkpoint, file.header.heads, file.path, unfolded);
    } catch (err) {
      if (isNotFound(err)) return false;
      warnings.warnOnce(`file:cp/${file.name}`, file.path, `checkpoint not used (${err instanceof Error ? err.message : String(err)}); the snapshot is read instead`);
      return false;
    }
    this.uncopied = { file, checkpoint, bytes };
    this.readingShare = true;
    this.copyInBackground();
    return true;
  }

  /** Adopts this PC's local copy of a snapshot (verified when it was copied) through its checkpoint; false if it cannot be. */
  async adoptLocal(checkpoint: Checkpoint, heads: Record<string, SnapshotHead>, path: string): Promise<boolean> {
    try {
      if ((await stat(path)).size < endOf(checkpoint)) return false;
      const unfolded = await SnapshotHistory.unfolded(checkpoint, (ranges) => readRangesOf(path, ranges), (m) => {
        throw new Error(m);
      });
      if (!this.s.mayAdopt()) return false;
      this.adopt(checkpoint, heads, path, unfolded);
      return true;
    } catch {
      return false; // parsed instead (and damage named) by the caller
    }
  }

  /**
   * Its events are held, not loaded; events collected so far that it covers are dropped (the
   * service gets their incidents' folded states instead); the events of streams it has no
   * folded state for are delivered now.
   */
  private adopt(checkpoint: Checkpoint, heads: Record<string, SnapshotHead>, path: string, unfolded: KeyedEvent[]): void {
    const { index, tally, outlet } = this.s;
    this.history = new SnapshotHistory(path, checkpoint, (message) => setImmediate(() => this.recover(message, path)));
    this.adopted = { file: path, checkpoint };
    index.adoptCheckpoint(checkpoint.body.writers, path);
    tally.adoptSnapshotHeads(heads);
    outlet.dropCollected((e) => index.heldThrough(e.writerId, e.seq));
    this.s.deliver(unfolded);
  }

  /**
   * Copies the adopted snapshot to this PC and verifies it (checksum, chain links), in the
   * background: the PC is ready long before 500 MB have crossed the network. Verified, it is kept
   * (in the pass queue, beside the replica's other writes) and read from then on; the share
   * unreachable meanwhile means another try a minute later; the snapshot gone, damaged or its chain
   * not what the checkpoint says, and the adoption is undone (`recover`).
   */
  copyInBackground(): void {
    const job = this.uncopied;
    const local = this.s.replica.snapshotPath;
    if (!job || !local || this.copying || this.s.closed() || performance.now() - this.copyFailedAt < COPY_RETRY_MS) return;
    const { io, replica, warnings, queue } = this.s;
    this.copying = (async () => {
      const outcome = await copyAndVerify(io, job.file, job.checkpoint.body.writers, local, () => this.s.closed());
      if (outcome.ok) {
        if (outcome.chain) {
          await outcome.sink.discard();
          return this.recover(`its chain does not match its checkpoint (${outcome.chain})`, job.file.path);
        }
        await queue.enqueue(async () => {
          if (this.uncopied !== job) return outcome.sink.discard(); // superseded by a newer snapshot meanwhile
          this.uncopied = undefined;
          if (!(await replica.keepSnapshot(outcome.sink, undefined, job.file.header.heads))) return; // stays read from the share (warned)
          await replica.keepCheckpoint(job.bytes);
          this.history?.readFrom(local);
          this.readingShare = false;
        });
      } else if (outcome.problem === 'damaged') {
        this.recover('the snapshot is damaged (checksum mismatch)', job.file.path);
      } else if (outcome.problem === 'unreadable') {
        if (isNotFound(outcome.error)) return this.recover('the snapshot vanished before it was copied to this PC', job.file.path);
        this.copyFailedAt = performance.now();
        if (outcome.local) this.uncopied = undefined; // this PC's disk: not worth retrying; the share's file stays in use
        warnings.warn(`file:snap/${job.file.name}`, job.file.path, `could not copy the snapshot to this PC (${outcome.detail})${outcome.local ? '' : '; trying again in a minute'}`);
      }
    })().finally(() => {
      this.copying = undefined;
      this.s.emitStatus();
    });
  }

  /** A newer snapshot was read and kept: the adopted one is no longer copied (its history reads on from the share's file). */
  superseded(): void {
    this.uncopied = undefined;
    this.wasSuperseded = true;
  }

  /**
   * Undoes the adoption: the snapshot's writers' events count as not held again, so their segments
   * are read and delivered (the service folds them into the incidents, including those it has not
   * folded yet), and this PC's own events, which the checkpoint stood in for, are delivered again.
   */
  private recover(reason: string, file: string): void {
    const adopted = this.adopted;
    if (!adopted) return;
    this.adopted = undefined;
    this.uncopied = undefined;
    const { index, lister, own, outlet, warnings, queue } = this.s;
    warnings.warn(`file:snap/recovery:${file}`, file, `${reason}; the events it holds are read from the segments instead`);
    index.forgetCheckpoint(adopted.checkpoint.body.writers);
    lister.forgetProcessed();
    outlet.deliver(own.all());
    if (!this.s.closed()) void queue.request('full');
  }

  async close(): Promise<void> {
    await this.copying;
    this.history?.close();
  }
}

/** Where the last record the checkpoint describes ends in the snapshot file. */
function endOf(checkpoint: Checkpoint): number {
  return checkpoint.body.writers.reduce((end, w) => Math.max(end, w.end), 0);
}
