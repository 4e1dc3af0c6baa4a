import { randomUUID } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { ShareState, SharedStoreStatus, WriterPresence } from '../../../shared/contract/store-api';
import type { EventEnvelope } from '../../../shared/domain/events';
import type { Clock } from '../../../shared/time/clock';
import { DEFAULT_MAX_DRIFT_MS } from '../../../shared/time/hlc';
import type { EventStore, StoreWarning } from '../journal/event-store';
import { NdjsonJournal } from '../journal/ndjson-journal';
import { RangeSet, WriterChain, type ChainIssue } from './chain';
import {
  chainRecords,
  decodeRecordAt,
  decodeRecordLine,
  encodeRecord,
  encodeSegment,
  headsHash,
  isConflictName,
  isOsJunk,
  isTempName,
  isValidWriterId,
  parseRecordFile,
  parseSegmentName,
  parseSnapshotName,
  PRESENCE_DIR,
  segmentName,
  SENTINEL_FILE,
  sha256Hex,
  snapshotName,
  SNAPSHOTS_DIR,
  STORE_FORMAT_VERSION,
  WRITERS_DIR,
  ZERO_HASH,
  type KeyedEvent,
  type ParsedRecord,
  type Presence,
  type Sentinel,
  type SnapshotHead,
  type SnapshotHeader,
} from './format';
import { CrcLog, readCrcLines, readLocalState, scanCrcLines, writeLocalState, type LocalShareState } from './local-files';
import { errorCode, isNotFound, readChunks, ShareIO, ShareTimeoutError, writeFileAtomic } from './share-io';
import { SnapshotBodyReader, type SnapshotBody } from './snapshot-body';
import { SnapshotSink } from './snapshot-sink';

// The status types come from the API contract (zod), so what the store reports is what clients validate.
export type { ShareState, SharedStoreStatus, WriterPresence } from '../../../shared/contract/store-api';

export interface ChainHead {
  /** Highest sequence number held for the writer, and its event hash. */
  seq: number;
  hash: string;
  /** Last sequence number of the unbroken chain from the writer's first event. */
  contiguousTo: number;
  gaps: Array<{ from: number; to: number }>;
}

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

type Listener = (events: unknown[]) => void;
type StatusListener = (status: SharedStoreStatus) => void;

interface Listing {
  /** writerId → segment files not read yet. */
  unread: Map<string, Array<{ name: string; first: number; last: number }>>;
}

const hlcMillis = (hlc: string) => Number(hlc.slice(0, 15));

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
 */
export class SharedFolderStore implements EventStore {
  private readonly journal: NdjsonJournal;
  /** Local copy of what this store's share holds, per store id: works offline, speeds up starts. */
  private replica: CrcLog | undefined;
  private replicaStoreId: string | null = null;
  private localSnapshotPath: string | undefined;
  private readonly statePath: string;
  private readonly io: ShareIO;
  private readonly clock: Clock;
  private readonly pollMs: number;
  private readonly presenceMs: number;
  private readonly maxDriftMs: number;
  private readonly maxSegmentEvents: number;
  private readonly snapshotReadThreshold: number;
  private readonly compactAfterSegments: number;
  private readonly sharedDir: string | null;
  private readonly me: string;

  private local: LocalShareState;
  private stateDirty = false;
  private stateMustSync = false;
  private lastStateWrite = 0;
  private shareState: ShareState;
  private detail: string;
  private storeId: string | null = null;

  /** Every event id held (own journal, replica, delivered). */
  private readonly knownIds = new Set<string>();
  /**
   * Own events by seq: the JSON text as journaled (and published) for appended ones, the loaded
   * object for older ones (stringified on demand: JSON.stringify gives back the journaled text).
   */
  private readonly ownEvents = new Map<number, EventEnvelope | string>();
  private ownSeqs: number[] = [];
  private readonly ownHashCache = new Map<number, string>();
  /** Own events found on the share but not in the local journal (a restored PC). */
  private readonly ownShareHashes = new Map<number, string>();
  /** Which own seqs are on the share, from the last listing plus what was published since. */
  private ownCovered = new RangeSet();
  private ownListedCount = -1;
  private ownListed = false;
  /** Own writer folder known to exist (reset whenever the share was away). */
  private ownDirReady = false;
  private pendingMemo: number | undefined;
  /** Hash chains of events read from the share (all writers but own local ones). */
  private readonly chains = new Map<string, WriterChain>();
  /** Highest seq that a segment read for the writer was named for. */
  private readonly claimed = new Map<string, number>();
  /** Writer folder modification times, to skip listing folders where nothing was added. */
  private readonly folderTimes = new Map<string, { mtimeMs: number; since: number }>();
  private listings = 0;
  private writerFolders: string[] | undefined;
  private sentinelSeen: { signature: string; text: string } | undefined;
  /** Per writer folder: names already handled this session. */
  private readonly processed = new Map<string, Set<string>>();
  private readonly held: Array<{ value: Record<string, unknown>; writerId: string; millis: number }> = [];
  private readonly warnings = new Map<string, StoreWarning>();
  private readonly presence = new Map<string, Presence>();
  private newestSnapshotHeads: Record<string, SnapshotHead> = {};
  private snapshotCount = 0;
  /** writerId → highest last seq among its segment names seen. */
  private readonly segmentMax = new Map<string, number>();
  /** writerId → last seq of every segment name seen. */
  private readonly segmentLasts = new Map<string, number[]>();
  private uncompactedSegments = 0;

  private readonly listeners = new Set<Listener>();
  private readonly undelivered: unknown[] = [];
  private readonly statusListeners = new Set<StatusListener>();
  private lastStatusKey = '';
  private lastSyncAt: string | null = null;
  private lastPresenceWrite = -Infinity;
  private lastPresenceRead = -Infinity;
  private presenceCleaned = false;
  private lastCompaction = -Infinity;
  private collecting: unknown[] | undefined;

  private timer: NodeJS.Timeout | undefined;
  private publishTimer: NodeJS.Timeout | undefined;
  private watcher: FSWatcher | undefined;
  private tail: Promise<void> = Promise.resolve();
  private queuedFull = false;
  private queuedPublish = false;
  private closed = false;
  private loaded = false;

  constructor(private readonly opts: SharedFolderStoreOptions) {
    this.me = opts.writerId;
    this.sharedDir = opts.sharedDir ? opts.sharedDir : null;
    this.journal = new NdjsonJournal(join(opts.dataDir, 'journal', 'events.ndjson'));
    this.statePath = join(opts.dataDir, 'shared-store', 'state.json');
    this.io = new ShareIO(opts.opTimeoutMs ?? 5000);
    this.clock = opts.clock ?? { now: () => Date.now() };
    this.pollMs = opts.pollMs ?? 1000;
    this.presenceMs = opts.presenceMs ?? 10_000;
    this.maxDriftMs = opts.maxDriftMs ?? DEFAULT_MAX_DRIFT_MS;
    this.maxSegmentEvents = opts.maxSegmentEvents ?? 2000;
    this.snapshotReadThreshold = opts.snapshotReadThreshold ?? 32;
    this.compactAfterSegments = opts.compactAfterSegments ?? 2000;
    this.local = { format: 1, sharedDir: this.sharedDir ?? '', storeId: null, publishedSeq: 0, chainWarnings: [] };
    this.shareState = this.sharedDir ? 'offline' : 'disabled';
    this.detail = this.sharedDir ? 'not checked yet' : 'no shared folder configured';
  }

  // ---------------------------------------------------------------- EventStore

  async load(): Promise<{ events: EventEnvelope[]; warnings: StoreWarning[] }> {
    const own = await this.journal.load();
    const events: unknown[] = [];
    own.warnings.forEach((w, i) => this.warnings.set(`local:journal:${i}`, w));
    let foreign = 0;
    for (const e of own.events) {
      events.push(e);
      this.knownIds.add(e.id);
      if (e.writerId === this.me) this.rememberOwn(e);
      else foreign++;
    }
    if (foreign) this.warn('local:foreign', this.journal.path, `${foreign} events of another writer id are in the local journal (was settings.json replaced?); they are shown but not published`);
    if (!this.sharedDir) {
      this.loaded = true;
      return { events: events as EventEnvelope[], warnings: [...this.warnings.values()] };
    }

    this.local = await readLocalState(this.statePath, this.sharedDir);
    for (const w of this.local.chainWarnings) this.warnings.set(`chain:${w.message}`, w);
    if (this.local.publishedSeq > 0) this.ownCovered.add(1, this.local.publishedSeq);

    this.collecting = events;
    if (this.local.storeId) await this.openReplica(this.local.storeId);
    const first = this.request('full');
    let waited: NodeJS.Timeout | undefined;
    await Promise.race([first, new Promise<void>((r) => (waited = setTimeout(r, this.opts.loadWaitMs ?? 15_000)))]);
    clearTimeout(waited);
    this.collecting = undefined; // from here on, new events go to onRemoteEvents listeners
    this.loaded = true;
    this.startTimers();
    this.emitStatus(true);
    return { events: events as EventEnvelope[], warnings: [...this.warnings.values()] };
  }

  async append(events: readonly EventEnvelope[]): Promise<void> {
    const jsons = events.map((e) => JSON.stringify(e)); // journaled and published as this same text
    await this.journal.appendJson(jsons);
    let foreign = false;
    events.forEach((e, i) => {
      this.knownIds.add(e.id);
      if (e.writerId === this.me) this.rememberOwn(e, jsons[i]);
      else foreign = true;
    });
    if (foreign) this.warn('local:foreign', this.journal.path, 'events of another writer id were recorded locally; they are not published');
    if (this.sharedDir && this.loaded && !this.closed) {
      this.emitStatus();
      this.publishTimer ??= setTimeout(() => {
        this.publishTimer = undefined;
        void this.request('publish');
      }, this.opts.publishDelayMs ?? 25);
    }
  }

  onRemoteEvents(listener: Listener): () => void {
    this.listeners.add(listener);
    if (this.undelivered.length) {
      const pending = this.undelivered.splice(0);
      listener(pending);
    }
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.publishTimer) clearTimeout(this.publishTimer);
    this.watcher?.close();
    if (this.sharedDir && this.loaded) {
      // One last try to publish, bounded so a hung share cannot block quitting.
      this.queuedPublish = false;
      const last = this.tail.then(() => this.pass('publish'));
      await Promise.race([last.catch(() => undefined), new Promise((r) => setTimeout(r, this.io.timeoutMs).unref?.())]);
      await this.saveState(true).catch(() => undefined);
    }
    this.listeners.clear();
    this.statusListeners.clear();
    await this.journal.close();
    await this.replica?.close();
  }

  /**
   * Switches to the local copy of store `storeId` and delivers what it holds:
   * `<dataDir>/shared-store/<storeId>/snapshot.ndjson` (the last snapshot read from the share, kept
   * byte for byte) and `replica.ndjson` (records read since, `<crc32> <record>` lines). A cache: no
   * fsync; anything lost in a crash is read from the share again.
   */
  private async openReplica(storeId: string): Promise<void> {
    if (this.replicaStoreId === storeId && this.replica) return;
    await this.replica?.close();
    const folder = join(this.opts.dataDir, 'shared-store', isValidWriterId(storeId) ? storeId : sha256Hex(storeId).slice(0, 32));
    this.localSnapshotPath = join(folder, 'snapshot.ndjson');
    const replica = new CrcLog(join(folder, 'replica.ndjson'), false);
    this.replica = replica;
    this.replicaStoreId = storeId;
    const fresh: KeyedEvent[] = [];
    try {
      // The local copy was checked against its bodySha256 when it was read from the share.
      const reader = new SnapshotBodyReader(this.me);
      let header: SnapshotHeader | undefined;
      await readChunks(this.localSnapshotPath, (chunk) => {
        header ??= JSON.parse(chunk.toString('utf8', 0, chunk.indexOf(0x0a))) as SnapshotHeader;
        reader.push(chunk);
      });
      const body = reader.end();
      if (header) {
        for (const e of this.adoptSnapshotBody(body, this.localSnapshotPath)) fresh.push(e);
        this.adoptSnapshotHeads(header.heads);
      }
    } catch (err) {
      if (!isNotFound(err)) this.warn('local:snapshot', this.localSnapshotPath, `the local copy of a snapshot is unreadable and was ignored: ${String(err)}`);
    }
    const { warnings } = await replica.load((bytes, start, end) => {
      const r = decodeRecordAt(bytes, start, end);
      if (r.ok && this.ingestRecord(r.record, replica.path)) fresh.push(r.record.value);
    });
    warnings.forEach((w, i) => this.warnings.set(`local:replica:${i}`, w));
    this.releaseOrHold(fresh, this.collecting);
  }

  /** Every record held locally for this store (local snapshot copy + replica), for compaction. */
  private async localRecords(): Promise<ParsedRecord[]> {
    const out: ParsedRecord[] = [];
    if (this.localSnapshotPath) {
      try {
        const bytes = await readFile(this.localSnapshotPath);
        forEachLine(bytes, bytes.indexOf(0x0a) + 1, (start, end) => {
          const r = decodeRecordAt(bytes, start, end);
          if (r.ok) out.push(r.record);
        });
      } catch {
        // none kept
      }
    }
    if (this.replica) {
      await scanCrcLines(this.replica.path, (bytes, start, end) => {
        const r = decodeRecordAt(bytes, start, end);
        if (r.ok) out.push(r.record);
      });
    }
    return out;
  }

  // ---------------------------------------------------------------- status

  status(): SharedStoreStatus {
    const writers: WriterPresence[] = [...this.presence.values()]
      .map((p) => ({
        writerId: p.writerId,
        writerName: p.writerName,
        host: p.host,
        lastSeen: p.lastSeen,
        appVersion: p.appVersion,
        publishedSeq: p.publishedSeq,
        self: p.writerId === this.me,
      }))
      .sort((a, b) => (a.lastSeen < b.lastSeen ? 1 : a.lastSeen > b.lastSeen ? -1 : a.writerId.localeCompare(b.writerId)));
    return {
      state: this.shareState,
      detail: this.detail,
      sharedDir: this.sharedDir,
      storeId: this.storeId ?? this.local.storeId,
      pending: this.pendingCount(),
      heldBack: this.held.length,
      lastSyncAt: this.lastSyncAt,
      writers,
      warnings: [...this.warnings.values()],
    };
  }

  onStatus(listener: StatusListener): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Per writer: highest seq held and its hash, the unbroken prefix, and gaps (for reports). */
  chainHeads(): Record<string, ChainHead> {
    const out: Record<string, ChainHead> = {};
    for (const [w, chain] of this.chains) {
      if (w === this.me) continue;
      const head = chain.head;
      if (!head) continue;
      out[w] = { seq: head.last, hash: head.hash, contiguousTo: chain.prefix?.last ?? 0, gaps: this.gapsOf(w) };
    }
    const ownMax = this.ownSeqs[this.ownSeqs.length - 1] ?? 0;
    if (ownMax > 0) {
      const gaps: Array<{ from: number; to: number }> = [];
      let next = 1;
      for (const s of this.ownSeqs) {
        if (s > next) gaps.push({ from: next, to: s - 1 });
        next = s + 1;
      }
      out[this.me] = { seq: ownMax, hash: this.ownHash(ownMax) ?? ZERO_HASH, contiguousTo: gaps[0] ? gaps[0].from - 1 : ownMax, gaps };
    }
    return out;
  }

  /** Runs a complete sync pass now (check, publish, read); resolves when it is done. */
  syncNow(): Promise<void> {
    return this.request('full');
  }

  /** Resolves once nothing is pending (or rejects after `timeoutMs`). */
  async flush(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.pendingCount() > 0) {
      if (Date.now() > deadline) throw new Error(`${this.pendingCount()} events still unpublished (${this.shareState}: ${this.detail})`);
      await this.request('publish');
      if (this.pendingCount() > 0) await new Promise((r) => setTimeout(r, Math.min(this.pollMs, 200)));
    }
  }

  // ---------------------------------------------------------------- own events

  private rememberOwn(e: EventEnvelope, text?: string): void {
    if (this.ownEvents.has(e.seq)) return;
    this.ownEvents.set(e.seq, text ?? e);
    const last = this.ownSeqs[this.ownSeqs.length - 1];
    if (last === undefined || e.seq > last) this.ownSeqs.push(e.seq);
    else {
      const i = this.ownSeqs.findIndex((s) => s > e.seq);
      this.ownSeqs.splice(i, 0, e.seq);
    }
    this.pendingMemo = undefined;
  }

  private ownHash(seq: number): string | undefined {
    const cached = this.ownHashCache.get(seq) ?? this.ownShareHashes.get(seq);
    if (cached) return cached;
    const text = this.ownText(seq);
    if (text === undefined) return undefined;
    const h = sha256Hex(text);
    if (this.ownHashCache.size > 4096) this.ownHashCache.clear();
    this.ownHashCache.set(seq, h);
    return h;
  }

  private ownText(seq: number): string | undefined {
    const e = this.ownEvents.get(seq);
    return typeof e === 'object' ? JSON.stringify(e) : e;
  }

  private pendingSeqs(): number[] {
    const prefix = this.ownCovered.prefixEnd;
    const out: number[] = [];
    // ownSeqs is sorted: skip the published prefix quickly.
    let lo = 0;
    let hi = this.ownSeqs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ownSeqs[mid]! <= prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.ownSeqs.length; i++) {
      const s = this.ownSeqs[i]!;
      if (!this.ownCovered.has(s)) out.push(s);
    }
    return out;
  }

  private pendingCount(): number {
    if (!this.sharedDir) return 0;
    this.pendingMemo ??= this.pendingSeqs().length;
    return this.pendingMemo;
  }

  // ---------------------------------------------------------------- passes

  private startTimers(): void {
    if (this.closed) return;
    const tick = () => {
      this.timer = setTimeout(() => {
        void this.request('full').finally(() => {
          if (!this.closed) tick();
        });
      }, this.shareState === 'connected' || this.shareState === 'read-only' ? this.pollMs : Math.max(this.pollMs, 250));
      this.timer.unref?.();
    };
    tick();
    this.startWatch();
  }

  /** fs.watch on the writers folder as a hint to poll sooner (network file systems often send nothing). */
  private startWatch(): void {
    if (!this.opts.watch || !this.sharedDir || this.watcher || this.closed || !this.loaded) return;
    try {
      let soon: NodeJS.Timeout | undefined;
      const watcher = watch(join(this.sharedDir, WRITERS_DIR), { recursive: true, persistent: false }, () => {
        if (soon || this.closed) return;
        soon = setTimeout(() => {
          soon = undefined;
          void this.request('full');
        }, 20);
      });
      watcher.on('error', () => {
        watcher.close();
        if (this.watcher === watcher) this.watcher = undefined; // tried again after the next good pass
      });
      this.watcher = watcher;
    } catch {
      // Not supported here, or the share is away: polling alone (retried after the next good pass).
    }
  }

  /** Serialises passes; a request while one is queued joins it. */
  private request(kind: 'full' | 'publish'): Promise<void> {
    if (this.queuedFull || (kind === 'publish' && this.queuedPublish)) return this.tail;
    if (kind === 'full') this.queuedFull = true;
    else this.queuedPublish = true;
    this.tail = this.tail
      .then(async () => {
        if (kind === 'full') this.queuedFull = false;
        else this.queuedPublish = false;
        if (this.closed && kind === 'full') return;
        await this.pass(kind);
      })
      .catch(() => undefined); // pass() reports its own failures as status
    return this.tail;
  }

  private async pass(kind: 'full' | 'publish'): Promise<void> {
    if (!this.sharedDir) return;
    try {
      await this.probe();
      if (this.shareState !== 'connected' && this.shareState !== 'read-only') return;
      if (kind === 'publish' && this.ownListed) {
        await this.publishPending();
        return;
      }
      const listing = await this.list();
      await this.publishPending();
      await this.readNew(listing);
      await this.presenceTick();
      this.releaseHeld();
      if (this.held.length) this.updateSkewWarnings(); // now with the writers' names from presence
      await this.maybeCompact();
      this.lastSyncAt = new Date(this.clock.now()).toISOString();
      this.startWatch();
    } catch (err) {
      this.goOffline(err);
    } finally {
      await this.saveState(false).catch((err: unknown) => this.warn('local:state', this.statePath, `could not save share state: ${String(err)}`));
      this.emitStatus();
    }
  }

  private goOffline(err: unknown): void {
    const code = errorCode(err);
    this.shareState = 'offline';
    this.ownListed = false;
    this.ownDirReady = false;
    this.detail = `shared folder unreachable${code ? ` (${code})` : ''}: ${err instanceof Error ? err.message : String(err)}`;
  }

  /** Is the share there, and is it the store we expect? Sets shareState. */
  private async probe(): Promise<void> {
    const root = this.sharedDir!;
    const sentinelPath = join(root, SENTINEL_FILE);
    let text: string | undefined;
    try {
      // Read the marker again only when it changed (a stat per poll is enough to see it is there).
      const st = await this.io.stat(sentinelPath);
      const signature = `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
      if (signature === this.sentinelSeen?.signature) text = this.sentinelSeen.text;
      else {
        text = await this.io.readText(sentinelPath);
        this.sentinelSeen = { signature, text };
      }
    } catch (err) {
      this.sentinelSeen = undefined;
      if (!isNotFound(err)) return this.goOffline(err);
    }
    if (text === undefined) {
      // Marker missing: distinguish an unreachable share from an empty or foreign folder.
      let names: string[];
      try {
        names = await this.io.readdir(root);
      } catch (err) {
        return this.goOffline(err);
      }
      const meaningful = names.filter((n) => !isOsJunk(n));
      if (meaningful.length === 0 && !this.local.storeId && this.opts.initialiseEmpty !== false) {
        try {
          await initialiseSharedFolder(root, this.me, this.io);
          text = await this.io.readText(sentinelPath);
        } catch (err) {
          return this.goOffline(err);
        }
      } else {
        this.shareState = 'unmounted';
        this.ownListed = false;
        this.detail = this.local.storeId
          ? `${SENTINEL_FILE} is missing from ${root}: the share is probably not mounted (or was replaced); nothing is read or written until it is back`
          : meaningful.length > 0
            ? `${root} is not empty and has no ${SENTINEL_FILE}: not a Watchfloor shared folder; nothing is read or written`
            : `${root} is empty; initialise it as a shared folder first`;
        return;
      }
    }
    let sentinel: Partial<Sentinel>;
    try {
      sentinel = JSON.parse(text) as Partial<Sentinel>;
    } catch {
      sentinel = {};
    }
    if (sentinel.kind !== 'watchfloor.store' || typeof sentinel.storeId !== 'string' || typeof sentinel.formatVersion !== 'number') {
      this.shareState = 'unmounted';
      this.ownListed = false;
      this.detail = `${SENTINEL_FILE} in ${root} is not a Watchfloor store marker`;
      this.warn('store:marker', sentinelPath, this.detail);
      return;
    }
    this.warnings.delete('store:marker');
    if (this.local.storeId && this.local.storeId !== sentinel.storeId) {
      this.warn(
        'store:changed',
        sentinelPath,
        `the shared folder now holds a different store (${sentinel.storeId}; was ${this.local.storeId}); this PC's events are published into it`,
      );
      this.ownCovered = new RangeSet();
      this.ownListedCount = -1;
      this.pendingMemo = undefined;
      this.processed.clear();
      this.local.publishedSeq = 0;
    }
    if (this.local.storeId !== sentinel.storeId) {
      this.local.storeId = sentinel.storeId;
      this.stateDirty = true;
      this.stateMustSync = true;
    }
    this.storeId = sentinel.storeId;
    await this.openReplica(sentinel.storeId);
    if (sentinel.formatVersion > STORE_FORMAT_VERSION) {
      if (this.shareState !== 'read-only') this.ownListed = false;
      this.shareState = 'read-only';
      this.detail = `the shared folder uses format ${sentinel.formatVersion}, newer than this version understands (${STORE_FORMAT_VERSION}); reading only, nothing is published — update Watchfloor`;
      this.warn('store:format', sentinelPath, this.detail);
      return;
    }
    this.warnings.delete('store:format');
    if (this.shareState !== 'connected') this.ownListed = false;
    this.shareState = 'connected';
    this.detail = 'connected';
  }

  private get writable(): boolean {
    return this.shareState === 'connected';
  }

  private processedOf(writerId: string): Set<string> {
    let s = this.processed.get(writerId);
    if (!s) this.processed.set(writerId, (s = new Set()));
    return s;
  }

  /** Lists every writer folder; new names only (files never change after they appear). */
  private async list(): Promise<Listing> {
    const root = this.sharedDir!;
    const writersDir = join(root, WRITERS_DIR);
    const fullListing = this.listings++ % Math.max(1, Math.round(30_000 / this.pollMs)) === 0 || !this.ownListed;
    let writers: string[];
    try {
      if (this.writerFolders && (await this.unchanged('\0writers', writersDir, fullListing))) writers = this.writerFolders;
      else writers = this.writerFolders = await this.io.readdir(writersDir);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      writers = [];
      this.writerFolders = undefined;
      if (this.writable) await this.io.mkdirOne(writersDir);
    }
    const listing: Listing = { unread: new Map() };
    this.ownDirReady = writers.includes(this.me);
    for (const w of writers) {
      if (isOsJunk(w) || isTempName(w)) continue;
      if (!isValidWriterId(w)) {
        this.warnOnce(`file:${w}`, join(writersDir, w), 'not a writer folder name; ignored');
        continue;
      }
      let names: string[];
      try {
        if (await this.unchanged(w, join(writersDir, w), fullListing)) continue;
        names = await this.io.readdir(join(writersDir, w));
      } catch (err) {
        if (errorCode(err) === 'ENOTDIR') {
          this.warnOnce(`file:${w}`, join(writersDir, w), 'a file where a writer folder was expected; ignored');
          continue;
        }
        if (isNotFound(err)) continue; // vanished between listings
        throw err;
      }
      if (w === this.me) this.listOwn(names);
      const done = this.processedOf(w);
      const unread: Array<{ name: string; first: number; last: number }> = [];
      for (const name of names) {
        if (done.has(name)) continue; // files never change once they appear: a known name is done
        const path = join(writersDir, w, name);
        if (isTempName(name)) {
          // Being written now, or a crashed writer's leftover: never read, never touched (except
          // our own from an earlier run). Not remembered: it is renamed or stays a temp file.
          if (w === this.me && this.writable && !this.ownListed) await this.io.unlink(path).catch(() => undefined);
          continue;
        }
        const seg = parseSegmentName(name);
        if (seg) this.noteSegment(w, seg.last);
        if (isConflictName(name)) {
          this.warnOnce(`file:${w}/${name}`, path, 'a sync-conflict copy (made by a sync tool, not by Watchfloor); skipped — segments are never edited, so it holds nothing new');
          done.add(name);
          continue;
        }
        if (!seg) {
          if (!isOsJunk(name)) this.warnOnce(`file:${w}/${name}`, path, 'not a Watchfloor segment file name; skipped');
          done.add(name);
          continue;
        }
        const chain = this.chains.get(w);
        if (w === this.me ? this.haveOwn(seg.first, seg.last) : chain?.covers(seg.first, seg.last)) {
          done.add(name);
          continue;
        }
        unread.push({ name, ...seg });
      }
      if (unread.length) listing.unread.set(w, unread.sort((a, b) => a.first - b.first));
    }
    this.ownListed = true;
    return listing;
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

  /** Which own events the share holds, from the names (recomputed when the count changes). */
  private listOwn(names: string[]): void {
    let count = 0;
    for (const n of names) if (!isTempName(n)) count++;
    if (count === this.ownListedCount) return;
    this.ownListedCount = count;
    const covered = new RangeSet();
    for (const n of names) {
      const seg = parseSegmentName(n);
      if (seg) covered.add(seg.first, seg.last);
    }
    this.ownCovered = covered;
    this.pendingMemo = undefined;
    if (covered.prefixEnd !== this.local.publishedSeq) {
      this.local.publishedSeq = covered.prefixEnd;
      this.stateDirty = true;
    }
  }

  /** Remembers a segment's last seq, to tell how much a snapshot covers. */
  private noteSegment(w: string, last: number): void {
    let list = this.segmentLasts.get(w);
    if (!list) this.segmentLasts.set(w, (list = []));
    list.push(last);
    if (last > (this.segmentMax.get(w) ?? 0)) this.segmentMax.set(w, last);
    if (last > (this.newestSnapshotHeads[w]?.seq ?? 0)) this.uncompactedSegments++;
  }

  private adoptSnapshotHeads(heads: Record<string, SnapshotHead>): void {
    this.newestSnapshotHeads = heads;
    this.snapshotCount = Object.values(heads).reduce((n, h) => n + h.seq, 0);
    let n = 0;
    for (const [w, lasts] of this.segmentLasts) {
      const head = heads[w]?.seq ?? 0;
      for (const l of lasts) if (l > head) n++;
    }
    this.uncompactedSegments = n;
  }

  private haveOwn(first: number, last: number): boolean {
    for (let s = first; s <= last; s++) if (!this.ownEvents.has(s) && !this.ownShareHashes.has(s)) return false;
    return true;
  }

  // ---------------------------------------------------------------- publishing

  private async publishPending(): Promise<void> {
    if (!this.writable) return;
    const pending = this.pendingSeqs();
    if (pending.length === 0) return;
    const dir = join(this.sharedDir!, WRITERS_DIR, this.me);
    if (!this.ownDirReady) {
      await this.io.mkdirOne(join(this.sharedDir!, WRITERS_DIR));
      await this.io.mkdirOne(dir);
      this.ownDirReady = true;
    }
    // Consecutive runs, each cut into segments of at most maxSegmentEvents.
    let i = 0;
    while (i < pending.length) {
      const first = pending[i]!;
      let j = i;
      while (j + 1 < pending.length && pending[j + 1] === pending[j]! + 1 && j + 1 - i < this.maxSegmentEvents) j++;
      const last = pending[j]!;
      const jsons: string[] = [];
      for (let s = first; s <= last; s++) jsons.push(this.ownText(s)!);
      const prev = first === 1 ? ZERO_HASH : (this.ownHash(first - 1) ?? ZERO_HASH);
      const records = chainRecords(jsons, prev);
      const name = segmentName(first, last);
      const bytes = encodeSegment(this.me, first, last, records);
      const result = await this.io.writeAtomic(dir, name, bytes, 'create');
      if (result === 'exists') {
        const existing = await this.io.readText(join(dir, name)).catch(() => undefined);
        if (existing !== bytes) {
          this.warn(
            `clone:${name}`,
            join(dir, name),
            `a different ${name} already exists in this PC's writer folder: is writer id ${this.me} also used by another installation (copied settings.json)?`,
          );
        }
      }
      records.forEach((r, k) => this.ownHashCache.set(first + k, r.hash));
      this.processedOf(this.me).add(name);
      this.ownCovered.add(first, last);
      this.ownListedCount++;
      this.pendingMemo = undefined;
      if (this.ownCovered.prefixEnd !== this.local.publishedSeq) {
        this.local.publishedSeq = this.ownCovered.prefixEnd;
        this.stateDirty = true;
      }
      i = j + 1;
    }
    this.emitStatus();
    if (performance.now() - this.lastPresenceWrite > Math.min(this.presenceMs, 2000)) await this.writePresence();
  }

  // ---------------------------------------------------------------- reading

  private async readNew(listing: Listing): Promise<void> {
    let unreadCount = 0;
    for (const list of listing.unread.values()) unreadCount += list.length;
    if (unreadCount === 0) {
      this.updateGapWarnings();
      return;
    }
    if (unreadCount >= this.snapshotReadThreshold) {
      const used = await this.readSnapshot(listing);
      if (used) {
        for (const [w, list] of listing.unread) {
          const chain = this.chains.get(w);
          const done = this.processedOf(w);
          listing.unread.set(
            w,
            list.filter((s) => {
              const covered = w === this.me ? this.haveOwn(s.first, s.last) : chain?.covers(s.first, s.last);
              if (covered) done.add(s.name);
              return !covered;
            }),
          );
        }
      }
    }
    const jobs: Array<{ w: string; name: string; first: number; last: number }> = [];
    for (const [w, list] of listing.unread) for (const s of list) jobs.push({ w, ...s });
    // Two readers at a time; each read has its own deadline.
    let next = 0;
    const fresh: ParsedRecord[] = [];
    const worker = async () => {
      while (next < jobs.length) {
        const job = jobs[next++]!;
        const recs = await this.readSegment(job.w, job.name, job.first, job.last);
        if (recs) for (const r of recs) fresh.push(r);
        // Deliver in batches so a long catch-up shows progress and memory stays bounded.
        if (fresh.length >= 20_000) await this.accept(fresh.splice(0));
      }
    };
    await Promise.all([worker(), worker()]);
    await this.accept(fresh);
    this.updateGapWarnings();
  }

  private async readSegment(w: string, name: string, first: number, last: number): Promise<ParsedRecord[] | undefined> {
    const path = join(this.sharedDir!, WRITERS_DIR, w, name);
    let text: string;
    try {
      text = await this.io.readText(path);
    } catch (err) {
      if (isNotFound(err)) return undefined; // vanished mid-read: try again if it is listed again
      throw err;
    }
    this.processedOf(w).add(name);
    // The name promises events up to `last`: a shorter (truncated) file leaves a visible gap.
    if (last > (this.claimed.get(w) ?? 0)) this.claimed.set(w, last);
    const parsed = parseRecordFile(text, true);
    const problems = [...parsed.problems];
    const h = parsed.header;
    if (h && h.kind !== 'watchfloor.segment') problems.push('header is not a Watchfloor segment header');
    if (h && typeof h.format === 'number' && h.format > STORE_FORMAT_VERSION) problems.push(`written in segment format ${h.format}, newer than this version understands; readable records are used`);
    if (!h && parsed.records.length > 0) problems.push('no segment header');
    const out: ParsedRecord[] = [];
    let expected = first;
    for (const r of parsed.records) {
      if (r.key.writerId !== w) {
        problems.push(`holds an event of writer ${r.key.writerId} (seq ${r.key.seq}) in writer ${w}'s folder`);
        out.push(r);
        continue;
      }
      if (r.key.seq !== expected) problems.push(`writer ${w} seq ${r.key.seq} is out of order (expected seq ${expected}): reordered or renamed`);
      expected = r.key.seq + 1;
      out.push(r);
    }
    if (parsed.records.length === 0 && problems.length === 0) problems.push('holds no records');
    if (problems.length) {
      this.warn(`file:${w}/${name}`, path, `${problems.length === 1 ? problems[0] : `${problems.length} problems: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? '; …' : ''}`} (other records in the file are used)`);
    }
    return out.filter((r) => this.ingestRecord(r, path));
  }

  /**
   * Adds a record read from the share (or the replica) to its writer's chain; true if its event is
   * new. Chain problems become warnings naming writer and seq.
   */
  private ingestRecord(r: ParsedRecord, file: string): boolean {
    const { writerId: w, seq, id } = r.key;
    const size = this.knownIds.size;
    const known = this.knownIds.add(id).size === size; // one lookup instead of has + add
    if (w === this.me) {
      this.ownShareHashes.set(seq, r.hash);
      return !known;
    }
    let chain = this.chains.get(w);
    if (!chain) this.chains.set(w, (chain = new WriterChain()));
    const res = chain.add(seq, seq, r.prev, r.hash);
    if (res.covered && !known) {
      this.chainWarning(file, `writer ${w} seq ${seq}: a second, different event with the same sequence number (edited copy, or the writer id is used on two PCs)`);
    }
    for (const issue of res.issues) this.chainIssue(w, issue, file);
    return !known;
  }

  private chainIssue(w: string, issue: ChainIssue, file: string): void {
    if (issue.kind === 'genesis') this.chainWarning(file, `writer ${w} seq 1: does not start a chain (previous hash is not zero)`);
    else this.chainWarning(file, `writer ${w} seq ${issue.seq}: previous-event hash does not match seq ${issue.seq - 1} (edited, removed or reordered events)`);
  }

  private chainWarning(file: string, message: string): void {
    const key = `chain:${message}`;
    if (this.warnings.has(key)) return;
    const w = { file, message };
    this.warnings.set(key, w);
    this.local.chainWarnings = [...this.local.chainWarnings, w].slice(-200);
    this.stateDirty = true;
  }

  /** Missing seqs of another writer: holes in its chain, and a tail that a segment name promised. */
  private gapsOf(w: string): Array<{ from: number; to: number }> {
    const chain = this.chains.get(w);
    const gaps = chain?.gaps() ?? [];
    const top = chain?.head?.last ?? 0;
    const claimed = this.claimed.get(w) ?? 0;
    if (claimed > top) gaps.push({ from: top + 1, to: claimed });
    return gaps;
  }

  private updateGapWarnings(): void {
    for (const key of [...this.warnings.keys()]) if (key.startsWith('gap:')) this.warnings.delete(key);
    for (const w of new Set([...this.chains.keys(), ...this.claimed.keys()])) {
      if (w === this.me) continue;
      const gaps = this.gapsOf(w);
      if (gaps.length === 0) continue;
      const text = gaps.slice(0, 5).map((g) => (g.from === g.to ? `seq ${g.from}` : `seq ${g.from}–${g.to}`)).join(', ');
      this.warnings.set(`gap:${w}`, {
        file: join(this.sharedDir!, WRITERS_DIR, w),
        message: `writer ${w}: ${text}${gaps.length > 5 ? ', …' : ''} missing from the shared folder (removed, damaged or not yet synced segment)`,
      });
    }
  }

  /** New records from the share: remember locally, deliver (or hold back if their clock is ahead). */
  private async accept(records: ParsedRecord[]): Promise<void> {
    if (records.length === 0) return;
    this.releaseOrHold(records.map((r) => r.value), this.collecting);
    try {
      await this.replica?.append(records.map((r) => `${r.hash} ${r.prev} ${r.json}`));
    } catch (err) {
      this.warn('local:replica-write', this.replica?.path ?? '', `could not keep a local copy of events from the share: ${String(err)}`);
    }
  }

  private releaseOrHold(events: readonly KeyedEvent[], into: unknown[] | undefined): void {
    const limit = this.clock.now() + this.maxDriftMs;
    // Every HLC at or below the limit sorts below this text (fixed width): most events skip the parse.
    const above = `${String(limit).padStart(15, '0')}:`;
    const deliver: unknown[] = [];
    const heldBefore = this.held.length;
    for (const value of events) {
      const millis = value.hlc > above ? hlcMillis(value.hlc) : limit;
      if (value.writerId !== this.me && Number.isFinite(millis) && millis > limit) {
        this.held.push({ value, writerId: value.writerId, millis });
      } else deliver.push(value);
    }
    if (this.held.length !== heldBefore) this.updateSkewWarnings();
    this.deliver(deliver, into);
  }

  private releaseHeld(): void {
    if (this.held.length === 0) return;
    const limit = this.clock.now() + this.maxDriftMs;
    const ready = this.held.filter((h) => h.millis <= limit);
    if (ready.length === 0) return;
    const still = this.held.filter((h) => h.millis > limit);
    this.held.length = 0;
    this.held.push(...still);
    this.updateSkewWarnings();
    this.deliver(ready.map((h) => h.value), this.collecting);
  }

  private updateSkewWarnings(): void {
    for (const key of [...this.warnings.keys()]) if (key.startsWith('skew:')) this.warnings.delete(key);
    const byWriter = new Map<string, { n: number; max: number }>();
    for (const h of this.held) {
      const cur = byWriter.get(h.writerId) ?? { n: 0, max: 0 };
      byWriter.set(h.writerId, { n: cur.n + 1, max: Math.max(cur.max, h.millis) });
    }
    for (const [w, { n, max }] of byWriter) {
      const name = this.presence.get(w)?.writerName;
      this.warnings.set(`skew:${w}`, {
        file: join(this.sharedDir ?? '', WRITERS_DIR, w),
        message: `writer ${w}${name ? ` (${name})` : ''}: ${n} event${n === 1 ? '' : 's'} stamped up to ${new Date(max).toISOString()}, more than ${Math.round(this.maxDriftMs / 60_000)} min ahead of this PC's clock — held back until then; check that PC's clock`,
      });
    }
  }

  private deliver(values: unknown[], into: unknown[] | undefined): void {
    if (values.length === 0) return;
    if (into) {
      for (const v of values) into.push(v);
      return;
    }
    if (this.listeners.size === 0) {
      for (const v of values) this.undelivered.push(v); // kept for the first listener
      return;
    }
    for (const l of this.listeners) l(values);
  }

  // ---------------------------------------------------------------- snapshots

  /** Snapshot files on the share with their headers (first line only), newest (most events) first. */
  private async listSnapshots(): Promise<Array<{ name: string; path: string; header: SnapshotHeader }>> {
    const dir = join(this.sharedDir!, SNAPSHOTS_DIR);
    let names: string[];
    try {
      names = await this.io.readdir(dir);
    } catch (err) {
      if (isNotFound(err)) return [];
      throw err;
    }
    const out: Array<{ name: string; path: string; header: SnapshotHeader }> = [];
    for (const name of names) {
      if (!parseSnapshotName(name) || isTempName(name)) continue;
      const path = join(dir, name);
      let first: string;
      try {
        first = await this.io.readFirstLine(path);
      } catch (err) {
        if (isNotFound(err)) continue; // removed meanwhile (its writer pruned it)
        throw err;
      }
      let header: Partial<SnapshotHeader> = {};
      try {
        header = JSON.parse(first) as Partial<SnapshotHeader>;
      } catch {
        // reported below
      }
      if (header.kind !== 'watchfloor.snapshot' || typeof header.heads !== 'object' || !header.heads || typeof header.bodySha256 !== 'string') {
        this.warnOnce(`file:snap/${name}`, path, 'not a Watchfloor snapshot; skipped');
        continue;
      }
      if ((header.format ?? 0) > STORE_FORMAT_VERSION) {
        this.warnOnce(`file:snap/${name}`, path, `snapshot format ${header.format} is newer than this version understands; skipped`);
        continue;
      }
      if (header.storeId !== this.storeId) continue;
      out.push({ name, path, header: header as SnapshotHeader });
    }
    return out.sort((a, b) => b.header.count - a.header.count);
  }

  /**
   * Reads the newest usable snapshot instead of the segments it covers; true if one was used.
   * Usable: its heads are all present in the writer folders (a snapshot of another history is
   * ignored), its body checksum holds, and it spares at least `snapshotReadThreshold` unread segments.
   */
  private async readSnapshot(listing: Listing): Promise<boolean> {
    for (const c of (await this.listSnapshots()).slice(0, 3)) {
      const heads = c.header.heads;
      const present = Object.entries(heads).every(([w, h]) => (this.segmentMax.get(w) ?? 0) >= h.seq);
      if (!present) continue;
      let spared = 0;
      for (const [w, list] of listing.unread) for (const seg of list) if (seg.last <= (heads[w]?.seq ?? 0)) spared++;
      if (spared < this.snapshotReadThreshold) continue;
      const reader = new SnapshotBodyReader(this.me);
      const sink = new SnapshotSink(this.localSnapshotPath);
      let body: SnapshotBody;
      try {
        await this.io.readChunks(c.path, (chunk) => sink.push(chunk, reader.push(chunk)));
        body = reader.end();
      } catch (err) {
        await sink.discard();
        if (isNotFound(err)) continue;
        throw err;
      }
      const checked = await sink.finish().catch((err: unknown) => new Error(String(err)));
      if (checked instanceof Error) {
        await sink.discard();
        this.warnOnce(`file:snap/${c.name}`, c.path, `could not check the snapshot's checksum (${checked.message}); skipped — events are read from the segments instead`);
        continue;
      }
      if (checked.sha256 !== c.header.bodySha256) {
        await sink.discard();
        this.warnOnce(`file:snap/${c.name}`, c.path, 'snapshot is damaged (checksum mismatch); skipped — events are read from the segments instead');
        continue;
      }
      if (body.bad) this.warn(`file:snap/${c.name}`, c.path, `${body.bad} unreadable lines skipped`);
      const fresh = this.adoptSnapshotBody(body, c.path);
      this.adoptSnapshotHeads(heads);
      this.releaseOrHold(fresh, this.collecting);
      await this.keepSnapshotLocally(sink, checked.copyError, heads);
      return true;
    }
    return false;
  }

  /**
   * Takes in a snapshot's events (after its checksum held): dedupes by id, adds each writer's runs
   * of linked records to its chain (warnings name writer and seq); returns the new events.
   */
  private adoptSnapshotBody(body: SnapshotBody, file: string): KeyedEvent[] {
    const fresh: KeyedEvent[] = [];
    const { events } = body;
    for (const run of body.runs) {
      const own = run.writerId === this.me;
      let chain = this.chains.get(run.writerId);
      if (!own && !chain) this.chains.set(run.writerId, (chain = new WriterChain()));
      const held = Boolean(chain?.head); // a fresh chain holds nothing a record could clash with
      for (let i = run.start, end = run.start + run.last - run.first; i <= end; i++) {
        const e = events[i]!;
        const size = this.knownIds.size;
        const known = this.knownIds.add(e.id).size === size;
        if (own) this.ownShareHashes.set(e.seq, body.hashesOf.get(e.seq)!);
        else if (!known && held && chain!.has(e.seq)) {
          this.chainWarning(file, `writer ${run.writerId} seq ${e.seq}: a second, different event with the same sequence number (edited copy, or the writer id is used on two PCs)`);
        }
        if (!known) fresh.push(e);
      }
      if (chain && !own) for (const issue of chain.add(run.first, run.last, run.prev, run.hash).issues) this.chainIssue(run.writerId, issue, file);
    }
    return fresh;
  }

  /**
   * Puts the snapshot just read in place as this store's local copy (written while it was read)
   * and drops from the replica what it covers.
   */
  private async keepSnapshotLocally(sink: SnapshotSink, copyError: string | undefined, heads: Record<string, SnapshotHead>): Promise<void> {
    if (!this.localSnapshotPath || !this.replica) return;
    try {
      if (copyError) throw new Error(copyError);
      await sink.keep();
      const { payloads } = await readCrcLines(this.replica.path);
      const beyond = payloads.filter((p) => {
        const r = decodeRecordLine(p, false);
        return r.ok && r.record.key.seq > (heads[r.record.key.writerId]?.seq ?? 0);
      });
      if (beyond.length < payloads.length) await this.replica.rewrite(beyond);
    } catch (err) {
      await sink.discard();
      this.warn('local:snapshot', this.localSnapshotPath, `could not keep a local copy of the snapshot: ${String(err)}`);
    }
  }

  /**
   * Writes a snapshot of every writer's unbroken chain (all events up to the heads), named by the
   * heads' hash so two PCs compacting the same view write the same file (the second one skips).
   * Returns the file name, or undefined when not connected or there is nothing to compact.
   */
  async compact(): Promise<string | undefined> {
    let result: string | undefined;
    await this.request('full');
    const run = this.tail.then(async () => {
      result = await this.writeSnapshot();
    });
    this.tail = run.catch(() => undefined);
    await run;
    return result;
  }

  /**
   * Compacts when this many segments are not covered by the newest snapshot (checked against the
   * share first: another PC may have compacted already), at most every 10 minutes.
   */
  private async maybeCompact(): Promise<void> {
    if (!this.writable || this.compactAfterSegments <= 0) return;
    if (this.uncompactedSegments < this.compactAfterSegments) return;
    if (performance.now() - this.lastCompaction < 10 * 60_000) return;
    this.lastCompaction = performance.now();
    const newest = (await this.listSnapshots())[0];
    if (newest && newest.header.count > this.snapshotCount) {
      this.adoptSnapshotHeads(newest.header.heads);
      if (this.uncompactedSegments < this.compactAfterSegments) return;
    }
    await this.writeSnapshot();
  }

  private async writeSnapshot(): Promise<string | undefined> {
    if (!this.sharedDir || !this.writable || !this.storeId) return undefined;
    // Texts by writer: other writers' from the replica, own from the journal.
    const byWriter = new Map<string, Map<number, { hash: string; prev: string; json: string }>>();
    for (const r of await this.localRecords()) {
      let m = byWriter.get(r.key.writerId);
      if (!m) byWriter.set(r.key.writerId, (m = new Map()));
      m.set(r.key.seq, { hash: r.hash, prev: r.prev, json: r.json });
    }
    const published = this.ownCovered.prefixEnd;
    if (published > 0) {
      let m = byWriter.get(this.me);
      if (!m) byWriter.set(this.me, (m = new Map()));
      let prev = ZERO_HASH;
      for (let s = 1; s <= published; s++) {
        const json = this.ownText(s);
        if (json === undefined) {
          const existing = m.get(s);
          if (!existing) break;
          prev = existing.hash;
          continue;
        }
        const hash = this.ownHash(s) ?? sha256Hex(json);
        m.set(s, { hash, prev, json });
        prev = hash;
      }
    }
    const heads: Record<string, SnapshotHead> = {};
    const lines: Buffer[] = [];
    let count = 0;
    const body = { size: 0 };
    let chunk = '';
    const flushChunk = () => {
      if (!chunk) return;
      const b = Buffer.from(chunk, 'utf8');
      lines.push(b);
      body.size += b.length;
      chunk = '';
    };
    for (const w of [...byWriter.keys()].sort()) {
      const m = byWriter.get(w)!;
      const limit = w === this.me ? published : (this.chains.get(w)?.prefix?.last ?? 0);
      let prev = ZERO_HASH;
      let s = 1;
      for (; s <= limit; s++) {
        const r = m.get(s);
        if (!r || r.prev !== prev) break;
        chunk += encodeRecord(r);
        if (chunk.length > 8_000_000) flushChunk();
        prev = r.hash;
        count++;
      }
      if (s > 1) heads[w] = { seq: s - 1, hash: prev };
    }
    flushChunk();
    if (count === 0) return undefined;
    const bodyBuf = Buffer.concat(lines);
    const header: SnapshotHeader = {
      kind: 'watchfloor.snapshot',
      format: STORE_FORMAT_VERSION,
      storeId: this.storeId,
      heads,
      count,
      bodySha256: sha256Hex(bodyBuf),
      createdAt: new Date(this.clock.now()).toISOString(),
      createdBy: this.me,
    };
    const name = snapshotName(count, headsHash(heads));
    const dir = join(this.sharedDir, SNAPSHOTS_DIR);
    await this.io.mkdirOne(dir);
    await this.io.writeAtomic(dir, name, Buffer.concat([Buffer.from(JSON.stringify(header) + '\n'), bodyBuf]), 'create');
    this.adoptSnapshotHeads(heads);
    await this.pruneOwnSnapshots(name);
    return name;
  }

  /**
   * Removes this PC's own older snapshots once a newer one is there (never another PC's file).
   * Keeps the newest two of its own, so a reader that just chose the previous one can still read it;
   * readers skip a snapshot that vanished anyway.
   */
  private async pruneOwnSnapshots(keep: string): Promise<void> {
    const own = (await this.listSnapshots()).filter((s) => s.header.createdBy === this.me && s.name !== keep);
    for (const old of own.slice(1)) await this.io.unlink(old.path).catch(() => undefined);
  }

  // ---------------------------------------------------------------- presence

  private async presenceTick(): Promise<void> {
    if (this.writable && performance.now() - this.lastPresenceWrite >= this.presenceMs) await this.writePresence();
    if (performance.now() - this.lastPresenceRead >= Math.min(this.presenceMs, 5000) || this.presence.size === 0) await this.readPresence();
  }

  /**
   * Best effort: a heartbeat that fails (Windows refuses to replace a file another PC has open,
   * EBUSY/EPERM) is simply written next time; a share that is really gone shows in the next probe.
   */
  private async writePresence(): Promise<void> {
    try {
      await this.writePresenceFile();
    } catch (err) {
      if (err instanceof ShareTimeoutError) throw err;
      this.lastPresenceWrite = performance.now();
    }
  }

  private async writePresenceFile(): Promise<void> {
    if (!this.writable) return;
    const now = this.clock.now();
    const p: Presence = {
      kind: 'watchfloor.presence',
      writerId: this.me,
      writerName: this.opts.writerName ?? hostname(),
      host: this.opts.host ?? hostname(),
      lastSeen: new Date(now).toISOString(),
      appVersion: this.opts.appVersion ?? 'unknown',
      publishedSeq: this.ownCovered.prefixEnd,
    };
    const dir = join(this.sharedDir!, PRESENCE_DIR);
    await this.io.mkdirOne(dir);
    await this.io.writeAtomic(dir, `${this.me}.json`, JSON.stringify(p, null, 2) + '\n', 'replace', false);
    this.lastPresenceWrite = performance.now();
    this.presence.set(this.me, p);
  }

  private async readPresence(): Promise<void> {
    this.lastPresenceRead = performance.now();
    const cleaning = !this.presenceCleaned;
    const dir = join(this.sharedDir!, PRESENCE_DIR);
    let names: string[];
    try {
      names = await this.io.readdir(dir);
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    for (const name of names) {
      if (isTempName(name) && name.startsWith(`.${this.me}.json.`) && this.writable && !this.presenceCleaned) {
        await this.io.unlink(join(dir, name)).catch(() => undefined); // our own heartbeat, torn by a crash
        continue;
      }
      if (!name.endsWith('.json') || isTempName(name)) continue;
      const w = name.slice(0, -5);
      if (!isValidWriterId(w) || w === this.me) continue;
      try {
        const p = JSON.parse(await this.io.readText(join(dir, name))) as Partial<Presence>;
        if (p.kind === 'watchfloor.presence' && p.writerId === w && typeof p.lastSeen === 'string') {
          this.presence.set(w, {
            kind: 'watchfloor.presence',
            writerId: w,
            writerName: String(p.writerName ?? ''),
            host: String(p.host ?? ''),
            lastSeen: p.lastSeen,
            appVersion: String(p.appVersion ?? ''),
            publishedSeq: typeof p.publishedSeq === 'number' ? p.publishedSeq : 0,
          });
        }
      } catch (err) {
        if (err instanceof ShareTimeoutError) throw err;
        // Vanished, half-replaced (Windows), unreadable or not JSON: skip this heartbeat.
      }
    }
    if (cleaning && this.writable) this.presenceCleaned = true;
  }

  // ---------------------------------------------------------------- warnings, state

  private warn(key: string, file: string, message: string): void {
    this.warnings.set(key, { file, message });
  }

  private warnOnce(key: string, file: string, message: string): void {
    if (!this.warnings.has(key)) this.warn(key, file, message);
  }

  private async saveState(force: boolean): Promise<void> {
    if (!this.sharedDir || !this.stateDirty) return;
    if (!force && !this.stateMustSync && performance.now() - this.lastStateWrite < 1000) return;
    const durable = this.stateMustSync || this.local.chainWarnings.length > 0;
    this.stateDirty = false;
    this.stateMustSync = false;
    this.lastStateWrite = performance.now();
    await writeLocalState(this.statePath, this.local, durable);
  }

  private emitStatus(force = false): void {
    if (this.statusListeners.size === 0) return;
    const s = this.status();
    const key = JSON.stringify({ ...s, lastSyncAt: null, writers: s.writers.map((w) => w.writerId) });
    if (!force && key === this.lastStatusKey) return;
    this.lastStatusKey = key;
    for (const l of this.statusListeners) l(s);
  }
}

/** Calls `each(start, end)` for every non-empty line of `buf` from `from` (no giant string). */
function forEachLine(buf: Buffer, from: number, each: (start: number, end: number) => void): void {
  let start = from;
  while (start < buf.length) {
    let end = buf.indexOf(0x0a, start);
    if (end < 0) end = buf.length;
    if (end > start) each(start, end);
    start = end + 1;
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
