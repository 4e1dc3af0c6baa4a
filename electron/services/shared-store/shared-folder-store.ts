import { join } from 'node:path';
import type { SharedStoreStatus } from '../../../shared/contract/store-api';
import type { EventEnvelope } from '../../../shared/domain/events';
import type { Clock } from '../../../shared/time/clock';
import { DEFAULT_MAX_DRIFT_MS, encodeHlc } from '../../../shared/time/hlc';
import type { EventStore, FoldedHistory, StoreWarning } from '../journal/event-store';
import { NdjsonJournal } from '../journal/ndjson-journal';
import { CheckpointAdoption } from './checkpoint-adoption';
import { SkewGate } from './clock-skew';
import { Compactor } from './compaction';
import { EventIndex, type ChainHead } from './event-index';
import { segmentName, STORE_FORMAT_VERSION, WRITERS_DIR, type KeyedEvent, type ParsedRecord, type SnapshotHead } from './format';
import { LocalReplica } from './local-replica';
import { OwnEvents } from './own-events';
import { PassQueue, type PassKind } from './pass-queue';
import { PresenceBoard } from './presence-board';
import { RemoteEventOutlet } from './remote-event-outlet';
import { publishSegment, segmentRuns } from './segment-publisher';
import { SegmentReader } from './segment-reader';
import { SegmentTally } from './segment-tally';
import { ShareConnection } from './share-connection';
import { ShareIO } from './share-io';
import { ShareLister, type Listing } from './share-listing';
import { ShareStateFile } from './share-state-file';
import { listSnapshots } from './snapshot-files';
import { readUsableSnapshot } from './snapshot-reader';
import { StatusFeed } from './status-feed';
import { StoreMarker } from './store-marker';
import { StoreWarnings } from './store-warnings';
import { SyncTimers } from './sync-timers';

// The status types come from the API contract (zod), so what the store reports is what clients validate.
export type { ShareState, SharedStoreStatus, WriterPresence } from '../../../shared/contract/store-api';
export type { ChainHead } from './event-index';
export { initialiseSharedFolder } from './store-marker';

export interface SharedFolderStoreOptions {
  /** The machine's data directory: the local journal, replica and share state live here. */
  dataDir: string;
  /** The shared folder; empty/undefined disables sharing (local journal only). */
  sharedDir?: string | null;
  writerId: string;
  writerName?: string;
  appVersion?: string;
  host?: string;
  /** Directory listing interval (default 1000 ms). */
  pollMs?: number;
  /** Presence heartbeat and read interval (default 10 s). */
  presenceMs?: number;
  /** Deadline for each file operation on the share (default 5 s). */
  opTimeoutMs?: number;
  clock?: Clock;
  /** Other writers' events further ahead of local time than this are held back (default DEFAULT_MAX_DRIFT_MS). */
  maxDriftMs?: number;
  /**
   * Wait this long after an append before publishing, so a burst of appends shares one segment
   * (default 25 ms; the append itself is acknowledged as soon as the local journal has it).
   */
  publishDelayMs?: number;
  /** Most events per segment file (default 2000). */
  maxSegmentEvents?: number;
  /** Read a snapshot instead of segments when it spares at least this many segment reads (default 32). */
  snapshotReadThreshold?: number;
  /** Write a snapshot once this many segments are not covered by one (default 2000; 0 = never automatically). */
  compactAfterSegments?: number;
  /** Also use fs.watch on the share as a hint to poll sooner (default false; polling always runs). */
  watch?: boolean;
  /** Create the store marker when the folder is empty and this PC has not used it before (default true). */
  initialiseEmpty?: boolean;
  /**
   * How long `load()` waits for the first read of the share (default 15 s). A slow share does not
   * hold up the start: what has not arrived by then is delivered through onRemoteEvents.
   */
  loadWaitMs?: number;
}

/**
 * The multi-writer shared folder (SMB/NFS/synced folder, no server) as an EventStore.
 *
 * Local first: `append` writes the local journal and resolves after its fsync; publishing to the
 * share happens afterwards, so a coordinator keeps working while the share is slow or gone.
 * Each instance only ever creates new, immutable, uniquely named segment files in its own folder
 * `writers/<writerId>/`, hash-chained per writer. Readers list the folders, read files they have
 * not read, dedupe by event id, and hand new events to the service (which folds them in HLC order).
 *
 * Clock skew: another writer's event whose HLC is more than `maxDriftMs` ahead of this PC's clock is
 * held back (not delivered, counted in `heldBack`, with a warning naming the writer) until local time
 * catches up; otherwise one PC with a wrong clock would drag every other PC's clock forward.
 *
 * This class coordinates the sync pass (probe, list, publish, read, presence, compact); each of
 * those concerns lives in its own module.
 */
export class SharedFolderStore implements EventStore {
  private readonly me: string;
  private readonly sharedDir: string | null;
  /** The share's root; '' (never used) when no shared folder is configured. */
  private readonly root: string;
  private readonly journal: NdjsonJournal;
  private readonly io: ShareIO;
  private readonly clock: Clock;
  private readonly pollMs: number;
  private readonly maxSegmentEvents: number;
  private readonly snapshotReadThreshold: number;
  private readonly maxDriftMs: number;

  private readonly warnings = new StoreWarnings();
  private readonly stateFile: ShareStateFile;
  private readonly connection: ShareConnection;
  private readonly marker: StoreMarker;
  private readonly own = new OwnEvents();
  private readonly index: EventIndex;
  private readonly tally = new SegmentTally();
  private readonly lister: ShareLister;
  private readonly segments: SegmentReader;
  private readonly replica: LocalReplica;
  private readonly presence: PresenceBoard;
  private readonly skew: SkewGate;
  private readonly outlet = new RemoteEventOutlet();
  private readonly statusFeed = new StatusFeed();
  private readonly queue: PassQueue;
  private readonly timers: SyncTimers;
  private readonly compactor: Compactor;

  private lastSyncAt: string | null = null;
  private closed = false;
  private loaded = false;
  /** True while `load()` runs: only then may a checkpoint stand in for a snapshot's events. */
  private loading = false;
  /** The snapshot taken in through its checkpoint at load, if any (its incidents folded on demand). */
  private readonly adoption: CheckpointAdoption;

  constructor(private readonly opts: SharedFolderStoreOptions) {
    this.me = opts.writerId;
    this.sharedDir = opts.sharedDir ? opts.sharedDir : null;
    this.root = this.sharedDir ?? '';
    this.journal = new NdjsonJournal(join(opts.dataDir, 'journal', 'events.ndjson'));
    this.io = new ShareIO(opts.opTimeoutMs ?? 5000);
    this.clock = opts.clock ?? { now: () => Date.now() };
    this.pollMs = opts.pollMs ?? 1000;
    this.maxSegmentEvents = opts.maxSegmentEvents ?? 2000;
    this.snapshotReadThreshold = opts.snapshotReadThreshold ?? 32;
    this.maxDriftMs = opts.maxDriftMs ?? DEFAULT_MAX_DRIFT_MS;
    this.stateFile = new ShareStateFile(join(opts.dataDir, 'shared-store', 'state.json'), this.sharedDir);
    this.connection = new ShareConnection(this.sharedDir);
    this.marker = new StoreMarker(this.io, this.root, this.me, opts.initialiseEmpty !== false);
    this.index = new EventIndex(this.me, this.own, (file, message) => this.chainWarning(file, message));
    this.lister = new ShareLister(this.io, this.root, this.me, this.pollMs, this.index, this.tally, this.warnings);
    this.segments = new SegmentReader(this.io, join(this.root, WRITERS_DIR), this.lister, this.index, this.warnings);
    this.replica = new LocalReplica(opts.dataDir, this.me, this.warnings);
    this.presence = new PresenceBoard(this.io, this.root, opts, this.clock, opts.presenceMs ?? 10_000);
    this.skew = new SkewGate(this.me, this.clock, this.maxDriftMs, this.root, this.warnings, (w) => this.presence.nameOf(w));
    this.compactor = new Compactor(
      {
        io: this.io, root: this.root, me: this.me, clock: this.clock, share: this.connection,
        tally: this.tally, replica: this.replica, own: this.own, index: this.index, warnings: this.warnings,
      },
      opts.compactAfterSegments ?? 2000,
    );
    this.queue = new PassQueue(
      (kind) => this.pass(kind),
      () => this.closed,
    );
    this.adoption = new CheckpointAdoption({
      io: this.io, index: this.index, tally: this.tally, outlet: this.outlet, lister: this.lister, replica: this.replica,
      own: this.own, warnings: this.warnings, queue: this.queue,
      deliver: (events) => this.releaseOrHold(events),
      emitStatus: () => this.emitStatus(),
      closed: () => this.closed,
      mayAdopt: () => this.mayAdoptCheckpoint(),
    });
    this.timers = new SyncTimers({
      pollMs: this.pollMs,
      publishDelayMs: opts.publishDelayMs ?? 25,
      watchDir: opts.watch && this.sharedDir ? join(this.sharedDir, WRITERS_DIR) : undefined,
      readable: () => this.connection.readable,
      full: () => this.queue.request('full'),
      publish: () => void this.queue.request('publish'),
    });
  }

  // ---------------------------------------------------------------- EventStore

  async load(): Promise<{ events: EventEnvelope[]; warnings: StoreWarning[]; history?: FoldedHistory }> {
    const own = await this.journal.load();
    const events: unknown[] = [];
    own.warnings.forEach((w, i) => this.warnings.set(`local:journal:${i}`, w));
    let foreign = 0;
    for (const e of own.events) {
      events.push(e);
      this.index.know(e);
      if (e.writerId === this.me) this.own.remember(e);
      else foreign++;
    }
    if (foreign) this.warnings.warn('local:foreign', this.journal.path, `${foreign} events of another writer id are in the local journal (was settings.json replaced?); they are shown but not published`);
    if (!this.sharedDir) {
      this.loaded = true;
      return { events: events as EventEnvelope[], warnings: this.warnings.list() };
    }

    this.loading = true;
    await this.stateFile.load();
    for (const w of this.stateFile.state.chainWarnings) this.warnings.set(`chain:${w.message}`, w);
    this.own.coverPublished(this.stateFile.state.publishedSeq);

    this.outlet.collectInto(events);
    if (this.stateFile.state.storeId) await this.openReplica(this.stateFile.state.storeId);
    const first = this.queue.request('full');
    let waited: NodeJS.Timeout | undefined;
    await Promise.race([first, new Promise<void>((r) => (waited = setTimeout(r, this.opts.loadWaitMs ?? 15_000)))]);
    clearTimeout(waited);
    this.outlet.stopCollecting(); // from here on, new events go to onRemoteEvents listeners
    this.loading = false;
    this.loaded = true;
    this.timers.start();
    this.emitStatus(true);
    return { events: events as EventEnvelope[], warnings: this.warnings.list(), history: this.adoption.history };
  }

  async append(events: readonly EventEnvelope[]): Promise<void> {
    // A seq used twice would never be published (the share keeps one event per writer and seq): refuse before anything is written.
    for (const e of events) if (e.writerId === this.me && this.own.holds(e.seq)) throw new Error(`event ${e.id}: this PC already recorded an event with seq ${e.seq}; nothing was recorded`);
    const jsons = events.map((e) => JSON.stringify(e)); // journaled and published as this same text
    await this.journal.appendJson(jsons);
    let foreign = false;
    events.forEach((e, i) => {
      this.index.know(e);
      if (e.writerId === this.me) this.own.remember(e, jsons[i]);
      else foreign = true;
    });
    if (foreign) this.warnings.warn('local:foreign', this.journal.path, 'events of another writer id were recorded locally; they are not published');
    if (this.sharedDir && this.loaded && !this.closed) {
      this.statusFeed.emitSoon(() => this.status());
      this.timers.publishSoon();
    }
  }

  onRemoteEvents(listener: (events: unknown[]) => void): () => void {
    return this.outlet.listen(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.timers.stop();
    if (this.sharedDir && this.loaded) {
      // One last try to publish, bounded so a hung share cannot block quitting.
      const last = this.queue.runLast(() => this.pass('publish'));
      await Promise.race([last.catch(() => undefined), new Promise((r) => setTimeout(r, this.io.timeoutMs).unref?.())]);
      await this.stateFile.save(true).catch(() => undefined);
    }
    await this.compactor.close();
    await this.adoption.close();
    this.outlet.clear();
    this.statusFeed.clear();
    await this.journal.close();
    await this.replica.close();
  }

  // ---------------------------------------------------------------- status

  status(): SharedStoreStatus {
    return {
      state: this.connection.state,
      detail: this.connection.detail,
      sharedDir: this.sharedDir,
      storeId: this.connection.storeId ?? this.stateFile.state.storeId,
      pending: this.pendingCount(),
      heldBack: this.skew.heldCount,
      lastSyncAt: this.lastSyncAt,
      historyLocal: this.adoption.historyLocal,
      writers: this.presence.writers(),
      warnings: this.warnings.list(),
    };
  }

  onStatus(listener: (status: SharedStoreStatus) => void): () => void {
    return this.statusFeed.listen(listener);
  }

  /** Per writer: highest seq held and its hash, the unbroken prefix, and gaps (for reports). */
  chainHeads(): Record<string, ChainHead> {
    return this.index.chainHeads();
  }

  /** Runs a complete sync pass now (check, publish, read); resolves when it is done. */
  syncNow(): Promise<void> {
    return this.queue.request('full');
  }

  /** Resolves once nothing is pending (or rejects after `timeoutMs`). */
  async flush(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.pendingCount() > 0) {
      if (Date.now() > deadline) throw new Error(`${this.pendingCount()} events still unpublished (${this.connection.state}: ${this.connection.detail})`);
      await this.queue.request('publish');
      if (this.pendingCount() > 0) await new Promise((r) => setTimeout(r, Math.min(this.pollMs, 200)));
    }
  }

  /**
   * Writes a snapshot of every writer's unbroken chain (all events up to the heads), named by the
   * heads' hash so two PCs compacting the same view write the same file (the second one skips).
   * Returns the file name, or undefined when not connected, there is nothing to compact, or the
   * snapshot this PC opened through its checkpoint is not copied here yet.
   */
  async compact(): Promise<string | undefined> {
    await this.queue.request('full');
    if (this.adoption.blocksCompaction) return undefined; // a snapshot is built from the local copy of the last one: not before it is there
    const name = await this.queue.enqueue(() => this.compactor.writeSnapshot());
    await this.compactor.checkpointWritten();
    return name;
  }

  private pendingCount(): number {
    return this.sharedDir ? this.own.pendingCount() : 0;
  }

  private emitStatus(force = false): void {
    this.statusFeed.emit(() => this.status(), force);
  }

  private chainWarning(file: string, message: string): void {
    const key = `chain:${message}`;
    if (this.warnings.has(key)) return;
    const w = { file, message };
    this.warnings.set(key, w);
    this.stateFile.addChainWarning(w);
  }

  // ---------------------------------------------------------------- passes

  private async pass(kind: PassKind): Promise<void> {
    if (!this.sharedDir) return;
    try {
      await this.probe();
      if (!this.connection.readable) return;
      if (kind === 'publish' && this.connection.ownListed) {
        await this.publishPending();
        return;
      }
      const listing = await this.lister.list(this.connection.writable, this.connection.ownListed, (names) => {
        if (this.own.applyListing(names)) this.stateFile.setPublishedSeq(this.own.publishedEnd);
      });
      this.connection.ownDirReady = listing.ownDirReady;
      this.connection.ownListed = true;
      await this.publishPending();
      await this.readNew(listing);
      this.adoption.copyInBackground(); // again, if an earlier copy could not finish
      await this.presence.tick(this.connection.writable, this.own.publishedEnd);
      this.outlet.deliver(this.skew.release());
      if (this.skew.heldCount) this.skew.updateWarnings(); // now with the writers' names from presence
      if (!this.adoption.blocksCompaction) await this.compactor.maybeCompact(); // a snapshot is built from the local copy: not before it is there
      this.lastSyncAt = new Date(this.clock.now()).toISOString();
      this.timers.watch();
    } catch (err) {
      this.connection.offline(err);
    } finally {
      await this.stateFile.save(false).catch((err: unknown) => this.warnings.warn('local:state', this.stateFile.path, `could not save share state: ${String(err)}`));
      this.emitStatus();
    }
  }

  /** Is the share there, and is it the store we expect? Sets the connection state. */
  private async probe(): Promise<void> {
    const known = this.stateFile.state.storeId;
    const check = await this.marker.check(known);
    if (check.kind === 'offline') return this.connection.offline(check.error);
    if (check.kind === 'unmounted') {
      this.connection.unmounted(check.detail);
      if (check.badMarker) this.warnings.warn('store:marker', this.marker.path, check.detail);
      return;
    }
    this.warnings.delete('store:marker');
    if (known && known !== check.storeId) {
      this.warnings.warn('store:changed', this.marker.path, `the shared folder now holds a different store (${check.storeId}; was ${known}); this PC's events are published into it`);
      this.own.forgetCoverage();
      this.lister.forgetProcessed();
      this.adoption.superseded();
      this.stateFile.forgetPublished();
    }
    this.stateFile.setStoreId(check.storeId);
    this.connection.storeId = check.storeId;
    await this.openReplica(check.storeId);
    if (check.formatVersion > STORE_FORMAT_VERSION) {
      this.connection.readOnly(
        `the shared folder uses format ${check.formatVersion}, newer than this version understands (${STORE_FORMAT_VERSION}); reading only, nothing is published — update Watchfloor`,
      );
      this.warnings.warn('store:format', this.marker.path, this.connection.detail);
      return;
    }
    this.warnings.delete('store:format');
    this.connection.connected();
  }

  /** Switches to the local copy of store `storeId` and delivers what it holds. */
  private async openReplica(storeId: string): Promise<void> {
    const fresh: KeyedEvent[] = [];
    const opened = await this.replica.open(
      storeId,
      (body, header, file) => {
        for (const e of this.index.adoptSnapshotBody(body, file)) fresh.push(e);
        this.tally.adoptSnapshotHeads(header.heads);
      },
      (record, file) => {
        if (this.index.ingest(record, file)) fresh.push(record.value);
      },
      this.mayAdoptCheckpoint()
        ? async (checkpoint, header, file) => checkpoint.header.newestHlc <= this.skewLimit() && (await this.adoption.adoptLocal(checkpoint, header.heads, file))
        : undefined,
    );
    if (opened) this.releaseOrHold(fresh);
  }

  /** A checkpoint may stand in for a snapshot's events only while loading, and only once. */
  private mayAdoptCheckpoint(): boolean {
    return this.loading && !this.adoption.history;
  }

  /** The newest HLC another writer's event may carry without being held back (clock skew). */
  private skewLimit(): string {
    return encodeHlc({ millis: this.clock.now() + this.maxDriftMs, counter: 0 });
  }

  private async publishPending(): Promise<void> {
    if (!this.connection.writable) return;
    const pending = this.own.pendingSeqs();
    if (pending.length === 0) return;
    const dir = join(this.root, WRITERS_DIR, this.me);
    if (!this.connection.ownDirReady) {
      await this.io.mkdirOne(join(this.root, WRITERS_DIR));
      await this.io.mkdirOne(dir);
      this.connection.ownDirReady = true;
    }
    for (const { first, last } of segmentRuns(pending, this.maxSegmentEvents)) {
      const records = await publishSegment(this.io, dir, this.me, this.own, first, last, this.warnings);
      this.own.markPublished(first, last, records);
      this.lister.processedOf(this.me).add(segmentName(first, last));
      this.stateFile.setPublishedSeq(this.own.publishedEnd);
    }
    this.emitStatus();
    await this.presence.afterPublish(this.connection.writable, this.own.publishedEnd);
  }

  // ---------------------------------------------------------------- reading

  private async readNew(listing: Listing): Promise<void> {
    let unreadCount = 0;
    for (const list of listing.unread.values()) unreadCount += list.length;
    if (unreadCount > 0) {
      if (unreadCount >= this.snapshotReadThreshold && (await this.readSnapshot(listing))) this.lister.dropCovered(listing);
      await this.segments.readAll(listing.unread, (records) => this.accept(records));
    }
    this.index.updateGapWarnings(this.warnings, join(this.root, WRITERS_DIR));
  }

  /** Reads the newest usable snapshot instead of the segments it covers; true if one was used. */
  private async readSnapshot(listing: Listing): Promise<boolean> {
    const snapshots = await listSnapshots(this.io, this.root, this.connection.storeId, this.warnings);
    const read = await readUsableSnapshot(this.io, snapshots, {
      me: this.me,
      localCopyPath: this.replica.snapshotPath,
      threshold: this.snapshotReadThreshold,
      tally: this.tally,
      unread: listing.unread,
      warnings: this.warnings,
      checkpoint: this.mayAdoptCheckpoint() ? { maxHlc: this.skewLimit() } : undefined,
    });
    if (!read) return false;
    const { heads } = read.file.header;
    if (read.checkpoint) return this.adoption.adoptFromShare(read.file, read.checkpoint, read.checkpointBytes);
    this.adoption.superseded();
    const fresh = this.index.adoptSnapshotBody(read.body, read.file.path);
    this.tally.adoptSnapshotHeads(heads);
    this.releaseOrHold(fresh);
    await this.replica.keepSnapshot(read.sink, read.copyError, heads);
    return true;
  }

  /** New records from the share: remember locally, deliver (or hold back if their clock is ahead). */
  private async accept(records: ParsedRecord[]): Promise<void> {
    if (records.length === 0) return;
    this.releaseOrHold(records.map((r) => r.value));
    await this.replica.append(records);
  }

  private releaseOrHold(events: readonly KeyedEvent[]): void {
    this.outlet.deliver(this.skew.admit(events));
  }
}
